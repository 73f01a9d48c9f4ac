import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keys } from '../../server/aggregate/keys';
import { startAggregator } from '../../server/aggregate/worker';
import { systemClock } from '../../server/clock';
import { createRedisStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import { lagField } from '../../shared/counters';
import type { IocEvent } from '../../shared/events';
import { dayOf } from '../../shared/time';
import { eventually } from '../support/app';
import { digitised, payment, received, resolved } from '../support/events';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { TEST_RULES } from '../support/rules';

const N = 3000;
/** Forty communes of the province: the aggregator refuses (rejected, not applied) any other since issue 12. */
const COMMUNES = [...TEST_RULES.communes].slice(0, 40);

/** Events about the same dossiers, spread so that both consumers often hold the same dossier at once. */
function workload(): { events: IocEvent[]; unique: number } {
  const t = Date.now() - 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const events: IocEvent[] = [];
  for (let i = 0; i < N; i++) {
    const d = `TA-${i}`;
    const commune = COMMUNES[i % COMMUNES.length]!;
    events.push(
      received({
        id: `r${i}`,
        dossierId: d,
        commune,
        at: iso(t),
        dueAt: iso(t + (i % 3 === 0 ? 1000 : 86_400_000)),
        feeVnd: i % 2 ? 10_000 : 0,
      }),
    );
    if (i % 2)
      events.push(payment({ id: `p${i}`, dossierId: d, commune, at: iso(t + 10), amountVnd: 10_000 }));
    events.push(digitised({ id: `g${i}`, dossierId: d, at: iso(t + 20), reused: i % 4 === 0 }));
    if (i % 5 !== 4)
      events.push(resolved({ id: `s${i}`, dossierId: d, at: iso(t + 30_000), finishedAt: iso(t + 30_000) }));
  }
  // Shuffle within windows of about 200 dossiers: a dossier's events land in neighbouring batches, which
  // the two consumers take at the same moment. Then replay a tenth of them.
  const window = 750;
  const shuffled = events
    .map((e, i) => ({ e, k: Math.floor(i / window) * window + ((i * 7919) % window) }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.e);
  return { events: [...shuffled, ...shuffled.filter((_, i) => i % 10 === 0)], unique: shuffled.length };
}

describe('two aggregators sharing one Redis stream', () => {
  let prefix: string;
  let stores: Store[];
  beforeEach(async () => {
    prefix = uniquePrefix('pair');
    stores = await Promise.all([0, 1, 2].map(() => createRedisStore({ url: testRedisUrl(), prefix })));
  });
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await dropPrefix(testRedisUrl(), prefix);
  });

  it('count every event exactly once, however they split the batches and race on the same dossiers', async () => {
    const [writer, a, b] = stores as [Store, Store, Store];
    const { events, unique } = workload();
    // The whole backlog first, so both consumers take large batches at once and race on dossiers.
    for (let i = 0; i < events.length; i += 1000) await writer.append(events.slice(i, i + 1000));
    const aggs = [
      startAggregator({ store: a, clock: systemClock, rules: TEST_RULES, consumer: 'one', batchSize: 400 }),
      startAggregator({ store: b, clock: systemClock, rules: TEST_RULES, consumer: 'two', batchSize: 500 }),
    ];
    try {
      await eventually(
        () =>
          aggs[0]!.stats.applied +
            aggs[1]!.stats.applied +
            aggs[0]!.stats.duplicates +
            aggs[1]!.stats.duplicates >=
          events.length,
        30_000,
      );
    } finally {
      // Stopped even when the wait fails: aggregators left running after their stores close kept the
      // worker busy in their loop, and the test file never ended.
      await Promise.all(aggs.map((x) => x.stop()));
    }

    const day = dayOf(Date.now() - 60_000);
    const [counts] = await writer.readHashes([keys.day(day, 'province')]);
    const ids = [...Array(N).keys()];
    const resolvedN = ids.filter((i) => i % 5 !== 4).length;
    // Due one second after receipt, resolved thirty seconds after: late.
    const lateN = ids.filter((i) => i % 5 !== 4 && i % 3 === 0).length;
    // Digitised, reused and paid online are kept by days after reception (counters.ts): all on day 0 here.
    expect(counts).toMatchObject({
      received: N,
      [lagField('digitised', 0)]: N,
      [lagField('reused', 0)]: N / 4,
      withFee: N / 2,
      [lagField('paidOnline', 0)]: N / 2,
      payments: N / 2,
      paymentsVnd: (N / 2) * 10_000,
    });
    expect(counts!.resolvedLate).toBe(lateN);
    expect((counts!.resolvedEarly ?? 0) + (counts!.resolvedOnDue ?? 0)).toBe(resolvedN - lateN);
    expect(await writer.countLex(keys.due('province'), '-', '+')).toBe(N - resolvedN);
    expect(aggs[0]!.stats.applied + aggs[1]!.stats.applied).toBe(unique);
    expect(aggs[0]!.stats.applied).toBeGreaterThan(0);
    expect(aggs[1]!.stats.applied).toBeGreaterThan(0);
    // The race really happened: versions caught stale folds, which were folded again.
    expect(aggs[0]!.stats.conflicts + aggs[1]!.stats.conflicts).toBeGreaterThan(0);
  }, 60_000);
});
