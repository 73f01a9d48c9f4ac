import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAggregatorThread } from '../../server/aggregate/aggregator-thread';
import { createRedisStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import { eventually, kpi, startTestApp } from '../support/app';
import { received } from '../support/events';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { TEST_RULES } from '../support/rules';

const now = () => new Date().toISOString();
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const batch = (tag: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    received({ id: `${tag}-${i}`, dossierId: `${tag}-${i}`, at: now(), dueAt: inDays(2) }),
  );

/** An aggregator thread on the test's Redis, under its own consumer name. */
const startThread = (prefix: string, consumer: string) =>
  startAggregatorThread({
    redis: { url: testRedisUrl() },
    prefix,
    consumer,
    rules: TEST_RULES,
    clock: { now: () => Date.now(), speed: 1 },
  });

/** AGGREGATOR_THREAD=on: the aggregator on a worker thread of its own, with a store of its own. */
describe('the aggregator on its own thread', () => {
  let prefix: string;
  let store: Store;
  beforeEach(async () => {
    prefix = uniquePrefix('agg-thread');
    store = await createRedisStore({ url: testRedisUrl(), prefix });
  });
  afterEach(async () => {
    await store.close();
    await dropPrefix(testRedisUrl(), prefix);
  });

  it('counts POSTed events exactly once, a resend included, and its counts reach /metrics', async () => {
    const sut = await startTestApp(store, { aggregatorThread: { redis: { url: testRedisUrl() }, prefix } });
    try {
      expect(sut.app.aggregator).toHaveProperty('thread');
      const events = batch('thread', 250);
      expect((await sut.post(events)).status).toBe(202);
      // The source did not hear the answer and sends a part again: the ids make it count once.
      expect((await sut.post(events.slice(0, 40))).status).toBe(202);
      await eventually(() => sut.app.aggregator!.stats.duplicates === 40, 10_000);
      expect(sut.app.aggregator!.stats.applied).toBe(250);
      expect(kpi((await sut.kpis()).body, 'received')).toBe(250);
      const metrics = await (await fetch(`${sut.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(/^ioc_events_applied_total 250$/m);
    } finally {
      await sut.close();
    }
  });

  it('is started again when its thread dies and goes on where the stream stands, its counts adding up', async () => {
    const agg = startThread(prefix, 'thread-test');
    try {
      await store.append(batch('before', 30));
      await eventually(() => agg.stats.applied === 30, 10_000);
      const first = agg.thread;
      await first.terminate();
      // Written while no thread runs: the next one takes them up.
      await store.append(batch('between', 20));
      await eventually(() => agg.thread !== first, 5_000);
      await eventually(() => agg.stats.applied === 50, 10_000);
      expect(agg.stats.duplicates).toBe(0);
    } finally {
      const last = agg.thread;
      await agg.stop();
      // stop() ends the thread, after the commit in flight landed.
      expect(last.threadId).toBe(-1);
    }
  });

  it('stops at once when its thread has died, and starts no other', async () => {
    const agg = startThread(prefix, 'thread-dead');
    await eventually(() => agg.thread.threadId > 0, 5_000);
    const dead = agg.thread;
    await dead.terminate();
    const started = Date.now();
    await agg.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    // The replacement was due a second after the death: it is called off.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(agg.thread).toBe(dead);
  });

  it('stops with its commit landed: nothing it read is left unacknowledged', async () => {
    const agg = startThread(prefix, 'thread-stop');
    await store.append(batch('stop', 500));
    await eventually(() => agg.stats.applied > 0, 10_000);
    const exited = once(agg.thread, 'exit');
    await agg.stop();
    await exited;
    // Whatever it applied was acknowledged with its commit; what it had read ahead is still pending
    // and a new reader claims it. Nothing counted is handed out again, nothing is lost.
    let left = 0;
    for (;;) {
      const entries = await store.read('after-stop', { count: 1000, blockMs: 1, claimIdleMs: 0 });
      if (!entries.length) break;
      for (const e of entries) left += e.packed ? (JSON.parse(e.raw) as unknown[]).length : 1;
    }
    expect(agg.stats.applied + left).toBe(500);
  });
});
