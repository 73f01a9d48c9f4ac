import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import { eventually, kpi, startTestApp } from '../support/app';
import { received } from '../support/events';
import { startRedisWith } from '../support/redis-server';

const now = () => new Date().toISOString();

/** A replica of `primaryPort`, once it has caught up (its link to the primary is up). */
async function startReplica(primaryPort: number) {
  const replica = await startRedisWith(['--replicaof', '127.0.0.1', String(primaryPort)]);
  const probe = createClient({ url: replica.url });
  await probe.connect();
  await eventually(async () => (await probe.info('replication')).includes('master_link_status:up'), 10_000);
  return { ...replica, probe };
}

/** REDIS_MIN_REPLICAS=1: ingest acknowledges a batch only once a replica holds it. */
describe('ingest waits for a replica (Redis WAIT)', { timeout: 60_000 }, () => {
  let primary: Awaited<ReturnType<typeof startRedisWith>>;
  let store: Store;
  let sut: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    primary = await startRedisWith([]);
    store = await createRedisStore({
      url: primary.url,
      prefix: 'ioc:{w}:',
      minReplicas: 1,
      replicaWaitMs: 2_000,
    });
    sut = await startTestApp(store);
  });
  afterAll(async () => {
    await sut.close();
    await store.close();
    await primary.stop();
  });

  it('answers 202 once a replica holds the events, 503 when none does, and a resend counts once', async () => {
    const first = await startReplica(primary.port);
    const e = received({
      dossierId: 'wait-1',
      at: now(),
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect((await sut.post([e])).status).toBe(202);
    // Acknowledged means on the replica already, not soon.
    expect(Number(await first.probe.xLen('ioc:{w}:events'))).toBe(1);
    await first.probe.close();
    await first.stop();

    const f = received({
      dossierId: 'wait-2',
      at: now(),
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const refused = await sut.post([f]);
    expect(refused.status).toBe(503);
    expect(String(refused.body.error)).toMatch(/0 of 1 replicas/);

    // A replica again: the source's resend is acknowledged, and the event counted once.
    const second = await startReplica(primary.port);
    expect((await sut.post([f])).status).toBe(202);
    await eventually(async () => kpi((await sut.kpis()).body, 'received') === 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(kpi((await sut.kpis()).body, 'received')).toBe(2);
    expect(sut.app.aggregator?.stats).toMatchObject({ applied: 2, duplicates: 1 });
    await second.probe.close();
    await second.stop();
  });
});
