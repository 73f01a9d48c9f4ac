import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import type { Frame } from '../../shared/socket';
import { eventually, startTestApp } from '../support/app';
import { received } from '../support/events';
import { startOwnRedis } from '../support/redis-server';

const fresh = (dossierId: string) =>
  received({
    dossierId,
    at: new Date().toISOString(),
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
  });

describe('Redis killed and started again under a running server', () => {
  let redis: Awaited<ReturnType<typeof startOwnRedis>>;
  let store: Store;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    redis = await startOwnRedis();
    store = await createRedisStore({ url: redis.url, prefix: 'outage:' });
    sut = await startTestApp(store);
  });
  afterAll(async () => {
    await sut.close();
    await store.close();
    await redis.stop();
  });

  it('answers 503 while Redis is away, and the same screen goes on receiving once it is back', async () => {
    const screen = sut.socket();
    const values: number[] = [];
    screen.on('kpi:frame', (f: Frame) => {
      const v = f.kpis['province|received']?.[0];
      if (typeof v === 'number') values.push(v);
    });
    const reply = await screen.timeout(5000).emitWithAck('feed:subscribe', { feed: 'province' });
    expect('data' in reply && reply.data.kind).toBe('snapshot');

    expect((await sut.post(fresh('before'))).status).toBe(202);
    await eventually(() => values.includes(1));

    await redis.kill();
    const during = await sut.post(fresh('during'));
    expect(during.status).toBe(503);
    expect(during.body.error).toMatch(/event store unavailable, retry later/);
    expect((await fetch(`${sut.baseUrl}/healthz`)).status).toBe(503);

    await redis.start();
    await eventually(async () => (await fetch(`${sut.baseUrl}/healthz`)).status === 200, 15_000);
    // The source retries what was refused; both it and a new event are counted, the first one is kept.
    expect((await sut.post([fresh('during'), fresh('after')])).status).toBe(202);
    await eventually(() => values.includes(3), 15_000);
    expect(values.at(-1)).toBe(3);
    expect(screen.connected).toBe(true);
  }, 45_000);
});
