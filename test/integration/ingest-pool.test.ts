import express from 'express';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TYPES_BY_SOURCE } from '../../shared/events';
import { IngestPool, PoolFull, WorkerLost } from '../../server/ingest/pool';
import { ingestPoolFor } from '../../server/ingest/pool-start';
import { systemClock } from '../../server/clock';
import { wardCodes } from '../../server/geo/wards';
import { jsonErrors } from '../../server/http/json-errors';
import { INGEST_LIMIT } from '../../server/http/rate-limit';
import { ApiKeys, parseKeySpec } from '../../server/ingest/api-keys';
import { ingestRouter } from '../../server/ingest/routes';
import { SourceKeys } from '../../server/ingest/source-keys';
import { createRedisStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import { EVENTS_PER_ENTRY } from '../../server/store/entry-pack';
import { startTestApp, TEST_KEYS } from '../support/app';
import { received } from '../support/events';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { eventsIn } from '../support/stream-entries';
import { workersOn } from '../support/stores';

const now = () => new Date().toISOString();
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const batch = (tag: string, n: number) =>
  Array.from({ length: n }, (_, i) => received({ id: `${tag}-${i}`, at: now(), dueAt: inDays(2) }));

describe(IngestPool.name, () => {
  let prefix: string;
  let store: Store;
  let redis: ReturnType<typeof createClient>;
  /** Events in the stream: a POSTed batch goes in entries of EVENTS_PER_ENTRY events (entry-pack.ts). */
  const streamLength = async () =>
    Number(await redis.sendCommand(['XLEN', `${prefix}events`])) * EVENTS_PER_ENTRY;

  beforeEach(async () => {
    prefix = uniquePrefix('ingest-pool');
    store = await createRedisStore({ url: testRedisUrl(), prefix });
    redis = createClient({ url: testRedisUrl() });
    await redis.connect();
  });
  afterEach(async () => {
    await store.close();
    redis.destroy();
    await dropPrefix(testRedisUrl(), prefix);
  });

  it('refuses a bad batch whole, with the same answer as the main thread gives', async () => {
    const inThread = await startTestApp(store, { aggregate: false });
    const pooled = await startTestApp(store, { aggregate: false, ingestWorkers: workersOn(prefix) });
    try {
      const bad = [
        ...batch('good', 3),
        { ...received({ at: now(), dueAt: inDays(2) }), commune: '99999' },
        { ...received({ at: now(), dueAt: inDays(2) }), channel: 'fax', extra: 1 },
      ];
      const expected = await inThread.post(bad);
      expect(expected.status).toBe(400);
      expect(await pooled.post(bad)).toEqual(expected);
      const forbidden = await inThread.post(bad.slice(0, 3), TEST_KEYS.heartbeatOnly);
      expect(forbidden.status).toBe(403);
      expect(await pooled.post(bad.slice(0, 3), TEST_KEYS.heartbeatOnly)).toEqual(forbidden);
      expect(await streamLength()).toBe(0);
    } finally {
      await pooled.close();
      await inThread.close();
    }
  });

  it('stores the events of an accepted batch as they were sent, packed in one stream entry', async () => {
    const sut = await startTestApp(store, { aggregate: false, ingestWorkers: workersOn(prefix) });
    try {
      const events = batch('as-sent', 3);
      const body = JSON.stringify(events, null, 2);
      expect(await sut.post(null, TEST_KEYS.one_stop, body)).toEqual({ status: 202, body: { accepted: 3 } });
      const entries = await store.read('probe', { count: 10, blockMs: 1, claimIdleMs: 60_000 });
      expect(eventsIn(entries)).toEqual(events);
      // Each event's text as it came (indented as in the body), none serialised again.
      const asSent = events.map((e) => JSON.stringify(e, null, 2).replace(/\n/g, '\n  '));
      expect(entries).toEqual([{ id: expect.any(String), raw: `[${asSent.join(',')}]`, packed: true }]);
    } finally {
      await sut.close();
    }
  });

  it('answers 503 with Retry-After when its queue is full, and stores each accepted batch whole', async () => {
    const sut = await startTestApp(store, { aggregate: false, ingestWorkers: workersOn(prefix, 1) });
    try {
      const answers = await Promise.all(
        Array.from({ length: 24 }, async (_, b) => {
          const res = await fetch(`${sut.baseUrl}/api/v1/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_KEYS.one_stop}` },
            body: JSON.stringify(batch(`b${b}`, 1000)),
          });
          return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
        }),
      );
      const busy = answers.filter((a) => a.status === 503);
      const accepted = answers.filter((a) => a.status === 202);
      expect(busy.length).toBeGreaterThan(0);
      expect(busy[0]).toMatchObject({ retryAfter: '1', body: { error: expect.stringMatching(/busy/) } });
      expect(accepted.length + busy.length).toBe(answers.length);
      expect(await streamLength()).toBe(accepted.length * 1000);
    } finally {
      await sut.close();
    }
  });

  it('replaces a worker that dies, failing only the batch it held, which is stored whole or not at all', async () => {
    const rules = { communes: new Set(['00004']), retentionDays: 800 };
    const pool = ingestPoolFor(workersOn(prefix), rules)!;
    try {
      await pool.ready();
      const job = (tag: string) => ({
        body: Buffer.from(JSON.stringify(batch(tag, 1000))),
        grant: { source: 'one_stop' as const, types: [...TYPES_BY_SOURCE.one_stop] },
        now: Date.now(),
      });
      const dead = pool.threads[0]!;
      const lost = pool.run(job('lost'));
      void dead.terminate();
      await expect(lost).rejects.toBeInstanceOf(WorkerLost);
      expect([0, 1000]).toContain(await streamLength());
      const before = await streamLength();

      await pool.ready();
      expect(pool.threads).toHaveLength(1);
      expect(pool.threads[0]).not.toBe(dead);
      expect(await pool.run(job('after'))).toEqual({ status: 202, body: { accepted: 1000 } });
      expect(await streamLength()).toBe(before + 1000);
    } finally {
      await pool.close();
    }
  });

  it('refuses a batch no worker took in time (Redis away at their start), rather than hold it', async () => {
    const pool = new IngestPool({
      size: 1,
      maxQueue: 4,
      maxWaitMs: 300,
      data: {
        redis: { url: 'redis://127.0.0.1:1' },
        connectionName: 'unreachable',
        append: { stream: `${prefix}events`, minReplicas: 0, replicaWaitMs: 1_000 },
        rules: { communes: ['00004'], retentionDays: 800 },
      },
    });
    try {
      const job = {
        body: Buffer.from(JSON.stringify(batch('never', 1))),
        grant: { source: 'one_stop' as const, types: [...TYPES_BY_SOURCE.one_stop] },
        now: Date.now(),
      };
      await expect(pool.run(job)).rejects.toBeInstanceOf(PoolFull);
      expect(await streamLength()).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('answers 503 to the POST whose worker died, and stores nothing of it half-way', async () => {
    const rules = { communes: wardCodes('01'), retentionDays: 800 };
    const pool = ingestPoolFor(workersOn(prefix), rules)!;
    const keys = new ApiKeys();
    for (const { secret, grant } of parseKeySpec(`one_stop:${TEST_KEYS.one_stop}`)) keys.add(secret, grant);
    const app = express();
    const clock = systemClock;
    app.use(
      '/api/v1/events',
      ingestRouter({
        store,
        clock,
        keys,
        sourceKeys: new SourceKeys(store, clock),
        limit: INGEST_LIMIT,
        rules,
        pool,
      }),
    );
    app.use(jsonErrors);
    const http = app.listen(0, '127.0.0.1');
    await once(http, 'listening');
    try {
      await pool.ready();
      const dead = pool.threads[0]!;
      const answer = fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_KEYS.one_stop}` },
        body: JSON.stringify(batch('cut', 1000)),
      });
      while (pool.busy === 0) await new Promise((r) => setTimeout(r, 1));
      void dead.terminate();
      const res = await answer;
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: expect.stringMatching(/^ingest failed, resend the batch/) });
      expect([0, 1000]).toContain(await streamLength());
    } finally {
      http.close();
      await pool.close();
    }
  });
});
