import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keys } from '../../server/aggregate/keys';
import { manualClock } from '../../server/clock';
import { DEFAULT_RETENTION_DAYS, dropOutOfRetention } from '../../server/kpi/retention';
import type { Store } from '../../server/store/types';
import { addDays, dayOf, DAY_MS } from '../../shared/time';
import { eventually, startTestApp, TEST_KEYS } from '../support/app';
import { payment, received, resolved, taskAssigned, taskCompleted } from '../support/events';
import { STORES } from '../support/stores';

const NOW = Date.parse('2026-11-24T10:00:00+07:00');
/** Long enough ago that its records fall out of the default retention. */
const THEN = NOW - (DEFAULT_RETENTION_DAYS + 100) * DAY_MS;
const iso = (t: number) => new Date(t).toISOString();

describe.each(STORES)('retention (%s store)', (name, makeStore) => {
  const clock = manualClock(THEN);
  let store: Store;
  let cleanup: () => Promise<void>;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  beforeEach(async () => {
    clock.set(THEN);
    ({ store, cleanup } = await makeStore(`retention-${name}`));
    sut = await startTestApp(store, { clock });
  });
  afterEach(async () => {
    await sut.close();
    await cleanup();
  });

  it('forgets finished dossiers and tasks past retention, keeps open ones, and refuses events about those days', async () => {
    const at = iso(THEN - 3_600_000);
    const due = iso(THEN + 3 * DAY_MS);
    expect(
      (
        await sut.post([
          received({ dossierId: 'done', at, dueAt: due }),
          resolved({ dossierId: 'done', at, finishedAt: at }),
          received({ dossierId: 'open', at, dueAt: due }),
        ])
      ).status,
    ).toBe(202);
    expect((await sut.post(payment({ dossierId: 'orphan', at }), TEST_KEYS.payments)).status).toBe(202);
    const tasks = [
      taskAssigned({ taskId: 'finished', at, deadline: due }),
      taskCompleted({ taskId: 'finished', at, completedAt: at }),
      taskAssigned({ taskId: 'ongoing', at, deadline: due }),
    ];
    expect((await sut.post(tasks, TEST_KEYS.tasks)).status).toBe(202);
    const all = ['done', 'open', 'orphan'].map(keys.dossier).concat(['finished', 'ongoing'].map(keys.task));
    await eventually(async () => (await store.loadRecords(all)).size === 5);

    clock.set(NOW);
    const today = dayOf(NOW);
    await dropOutOfRetention(store, ['province'], today, 1, DEFAULT_RETENTION_DAYS);
    expect([...(await store.loadRecords(all)).keys()].sort()).toEqual([
      keys.dossier('open'),
      keys.task('ongoing'),
    ]);
    // The counts they made stay: the dossier still open is still open, and late.
    expect((await sut.kpis()).body.kpis.find((k) => k.id === 'open.late')?.value).toBe(1);

    const tooOld = await sut.post(received({ dossierId: 'again', at }));
    expect(tooOld.status).toBe(400);
    expect(tooOld.body.errors).toEqual([
      {
        index: 0,
        field: 'at',
        message: `${at} is older than the ${DEFAULT_RETENTION_DAYS} days of history kept (oldest day ${addDays(today, -DEFAULT_RETENTION_DAYS)})`,
      },
    ]);
  });
});
