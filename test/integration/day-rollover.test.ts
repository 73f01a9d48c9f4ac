import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../server/clock';
import { createMemoryStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import type { Frame } from '../../shared/socket';
import { eventually, kpi, startTestApp } from '../support/app';
import { received, resolved } from '../support/events';

const t = (s: string) => Date.parse(s);

describe('midnight in Hà Nội, on the server clock', () => {
  const clock = manualClock(t('2026-11-23T23:59:00+07:00'));
  let store: Store;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  beforeEach(async () => {
    store = createMemoryStore();
    sut = await startTestApp(store, { clock });
  });
  afterEach(async () => {
    await sut.close();
    await store.close();
  });

  it('starts a new day at 00:00 +07:00, carries open dossiers over and freezes yesterday', async () => {
    expect(
      (
        await sut.post([
          received({
            dossierId: 'open',
            at: '2026-11-23T23:58:00+07:00',
            dueAt: '2026-11-24T08:00:00+07:00',
          }),
          received({ dossierId: 'due', at: '2026-11-23T23:58:30+07:00', dueAt: '2026-11-23T23:59:30+07:00' }),
          // Eight days ago, resolved then: its minute buckets fall out of retention at this midnight.
          received({ dossierId: 'old', at: '2026-11-16T10:00:00+07:00', dueAt: '2026-11-16T17:00:00+07:00' }),
          resolved({
            dossierId: 'old',
            at: '2026-11-16T11:00:00+07:00',
            finishedAt: '2026-11-16T11:00:00+07:00',
          }),
        ])
      ).status,
    ).toBe(202);
    await eventually(async () => kpi((await sut.kpis()).body, 'received') === 2);
    expect((await store.readHashes(['min:2026-11-16:province']))[0]).toEqual({
      '600.received': 1,
      '600.online': 1,
      '660.resolved': 1,
    });

    const screen = sut.socket();
    const frames: Frame[] = [];
    screen.on('kpi:frame', (f) => frames.push(f));
    const r = await screen.timeout(5000).emitWithAck('feed:subscribe', { feed: 'province' });
    expect('data' in r && r.data.kind === 'snapshot' && r.data.snapshot.day).toBe('2026-11-23');

    // 17:00:10 UTC is 00:00:10 in Hà Nội: the next day, whatever the machine's zone says.
    clock.set(t('2026-11-23T17:00:10Z'));
    // The first frame of the new day already carries the reset: screens never show yesterday as today.
    const newDay = await eventually(() => frames.find((f) => f.day === '2026-11-24'), 5000);
    expect(newDay.kpis['province|received']?.[0]).toBe(0);

    const today = (await sut.kpis()).body;
    expect(today.date).toBe('2026-11-24');
    expect(kpi(today, 'received')).toBe(0);
    // Carried over: one still within its due time, one that turned late at 23:59:30 with no event.
    expect(kpi(today, 'open.notLate')).toBe(1);
    expect(kpi(today, 'open.late')).toBe(1);
    expect(kpi(today, 'onTimeRate')).toBe(0.5);

    const yesterday = (await sut.kpis('scope=province&date=2026-11-23')).body;
    expect(kpi(yesterday, 'received')).toBe(2);
    expect(kpi(yesterday, 'open.late')).toBe(1);
    expect(kpi(yesterday, 'open.notLate')).toBe(1);

    // Minute buckets are kept a week (dropped at midnight, beside the frames); the day counters stay.
    await eventually(async () => {
      const [minutes] = await store.readHashes(['min:2026-11-16:province']);
      return minutes && Object.keys(minutes).length === 0;
    });
    const [yesterdayMinutes] = await store.readHashes(['min:2026-11-23:province']);
    expect(yesterdayMinutes).toMatchObject({ '1438.received': 2 });
    expect(kpi((await sut.kpis('scope=province&date=2026-11-16')).body, 'received')).toBe(1);
  });
});
