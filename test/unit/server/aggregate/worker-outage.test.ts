import { afterEach, describe, expect, it } from 'vitest';
import { startAggregator } from '../../../../server/aggregate/worker';
import { systemClock } from '../../../../server/clock';
import { createMemoryStore } from '../../../../server/store/memory';
import type { Store } from '../../../../server/store/types';
import { eventually } from '../../../support/app';
import { received } from '../../../support/events';
import { TEST_RULES } from '../../../support/rules';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The aggregator reads the next batch while the last one commits. Redis going away in between fails
 * that read before the loop awaits it: the failure must wait to be seen, and be retried, not end the
 * process as an unhandled rejection (which CI caught under a Sentinel failover).
 */
describe('the aggregator when a read ahead fails while a commit is in flight', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  let stop: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await stop?.();
    process.off('unhandledRejection', onUnhandled);
  });

  it('retries the read and counts every event once, leaving no rejection unhandled', async () => {
    process.on('unhandledRejection', onUnhandled);
    const inner = createMemoryStore();
    const now = Date.now();
    const events = Array.from({ length: 12 }, (_, i) =>
      received({
        id: `outage-${i}`,
        dossierId: `OUT-${i}`,
        at: new Date(now - 60_000).toISOString(),
        dueAt: new Date(now + 86_400_000).toISOString(),
      }),
    );
    // One entry per event, so that batches of two follow one another.
    for (const e of events) await inner.append([e]);
    let reads = 0;
    const store: Store = {
      ...inner,
      // The third read fails at once, as a dropped connection fails the command in flight.
      read: (consumer, opts) =>
        ++reads === 3 ? Promise.reject(new Error('read ECONNRESET (test)')) : inner.read(consumer, opts),
      // Commits are slow, so the failed read waits unawaited behind one.
      commit: async (c) => {
        await sleep(150);
        return inner.commit(c);
      },
    };
    const logged: string[] = [];
    const agg = startAggregator({
      store,
      clock: systemClock,
      rules: TEST_RULES,
      consumer: 'outage',
      batchSize: 2,
      blockMs: 20,
      log: (m) => logged.push(m),
    });
    stop = () => agg.stop();
    await eventually(() => agg.stats.applied === events.length, 10_000);
    expect(reads).toBeGreaterThan(3);
    expect(logged.some((m) => m.includes('read ECONNRESET (test)'))).toBe(true);
    expect(agg.stats.duplicates).toBe(0);
    expect(unhandled).toEqual([]);
  });
});
