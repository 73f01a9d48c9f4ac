import { createClient } from 'redis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import { eventually, kpi, startTestApp } from '../support/app';
import { heartbeat, received } from '../support/events';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';

const now = () => new Date().toISOString();

describe('a source system writing straight into the Redis stream', () => {
  let prefix: string;
  let store: Store;
  let redis: ReturnType<typeof createClient>;
  let sut: Awaited<ReturnType<typeof startTestApp>>;

  beforeEach(async () => {
    prefix = uniquePrefix('xadd');
    store = await createRedisStore({ url: testRedisUrl(), prefix });
    redis = createClient({ url: testRedisUrl() });
    await redis.connect();
    sut = await startTestApp(store);
  });
  afterEach(async () => {
    await sut.close();
    await store.close();
    await redis.close();
    await dropPrefix(testRedisUrl(), prefix);
  });

  const xadd = (fields: Record<string, string>) => redis.xAdd(`${prefix}events`, '*', fields);

  it('is counted exactly like the API, replays included', async () => {
    const e = received({ at: now(), dueAt: new Date(Date.now() + 86_400_000).toISOString() });
    await xadd({ event: JSON.stringify(e) });
    await xadd({ event: JSON.stringify(e) });
    await xadd({ event: JSON.stringify(heartbeat({ source: 'payments', at: now() })) });
    const body = await eventually(async () => {
      const r = (await sut.kpis()).body;
      const paymentsDated = r.kpis.find((k) => k.id === 'payments.count')?.asOf;
      return kpi(r, 'received') === 1 && Boolean(paymentsDated) && r;
    });
    expect(body.kpis.find((k) => k.id === 'received')?.numerator).toBe(1);
    expect(sut.app.aggregator?.stats).toMatchObject({ applied: 1, duplicates: 1, rejected: 0 });
  });

  it('moves rejects to the dead-letter stream with a reason naming the problem, and goes on', async () => {
    const bad = { ...received({ at: now() }), commune: '4', feeVnd: -1 };
    await xadd({ event: JSON.stringify(bad) });
    await xadd({ event: '{"id": broken' });
    await xadd({ payload: 'no event field' });
    await xadd({ event: JSON.stringify(received({ at: new Date(Date.now() + 3_600_000).toISOString() })) });
    await xadd({ event: JSON.stringify(received({ at: now(), dueAt: now(), commune: '79999' })) });
    const good = received({
      dossierId: 'after-rejects',
      at: now(),
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await xadd({ event: JSON.stringify(good) });

    await eventually(async () => kpi((await sut.kpis()).body, 'received') === 1);
    const dead = await eventually(async () => {
      const d = await store.readDeadLetters(10);
      return d.length === 5 && d;
    });
    expect(dead.map((d) => d.reason)).toEqual([
      expect.stringMatching(/commune: must be a 5-digit commune code.*feeVnd/),
      'field "event" is not valid JSON',
      'entry has no "event" field',
      expect.stringMatching(/^at: .* is in the future/),
      'commune: "79999" is not a commune or ward of this province',
    ]);
    expect(dead[0]!.raw).toBe(JSON.stringify(bad));
    // Rejects are acknowledged: nothing is left pending to block the group.
    const pending = (await redis.xPending(`${prefix}events`, 'agg')) as { pending: number };
    expect(pending.pending).toBe(0);
  });

  it('takes several events in one entry (field `events`), judging each alone', async () => {
    const due = new Date(Date.now() + 86_400_000).toISOString();
    const a = received({ dossierId: 'packed-a', at: now(), dueAt: due });
    const b = received({ dossierId: 'packed-b', at: now(), dueAt: due });
    const bad = { ...received({ dossierId: 'packed-bad', at: now(), dueAt: due }), commune: '4' };
    await xadd({ events: JSON.stringify([a, bad, b, a]) });
    // Not readable as a whole: rejected whole, nothing of it counted.
    const c = received({ dossierId: 'packed-c', at: now(), dueAt: due });
    await xadd({ events: `[${JSON.stringify(c)},{"id": broken]` });
    await xadd({ events: JSON.stringify(c) });
    await xadd({ events: '[]' });
    await xadd({ events: '' });
    await xadd({ events: JSON.stringify(Array.from({ length: 101 }, () => c)) });

    await eventually(async () => kpi((await sut.kpis()).body, 'received') === 2);
    const dead = await eventually(async () => {
      const d = await store.readDeadLetters(10);
      return d.length === 6 && d;
    });
    expect(dead.map((d) => d.reason)).toEqual([
      expect.stringMatching(/^events\[1\]: commune: must be a 5-digit commune code/),
      'field "events" is not valid JSON',
      'field "events" is not a JSON array of events',
      'field "events" is not a JSON array of events',
      'field "events" is empty',
      'field "events" holds 101 events; an entry holds at most 100',
    ]);
    expect(dead[0]!.raw).toBe(JSON.stringify(bad));
    expect(sut.app.aggregator?.stats).toMatchObject({ applied: 2, duplicates: 1, rejected: 6 });
    // The entry with good events was acknowledged by their commit, the others with their rejects.
    await eventually(async () => {
      const p = (await redis.xPending(`${prefix}events`, 'agg')) as { pending: number };
      return p.pending === 0;
    });
    // A later event counts on top of them; the packed entry is not counted again.
    await xadd({ event: JSON.stringify(received({ dossierId: 'packed-d', at: now(), dueAt: due })) });
    await eventually(async () => kpi((await sut.kpis()).body, 'received') === 3);
  });
});
