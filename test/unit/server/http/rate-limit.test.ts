import express from 'express';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  INGEST_LIMIT,
  PAIRING_LIMIT,
  SIGN_IN_LIMIT,
  counterFor,
  rateLimit,
  retryAfterSeconds,
  type Counter,
} from '../../../../server/http/rate-limit';
import { createMemoryStore, MemoryData } from '../../../../server/store/memory';

/** `n` takes from `key`; how many were allowed. */
async function takeMany(sut: Counter, key: string, n: number): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < n; i++) if ((await sut.take(key)).ok) allowed++;
  return allowed;
}

describe(counterFor.name, () => {
  it('allows the rate, then refuses, saying how long until the window ends', async () => {
    const sut = counterFor(createMemoryStore(), { name: 'test', perMinute: 10, burst: 10 });
    expect(await takeMany(sut, 'ip', 10)).toBe(10);
    const refused = await sut.take('ip');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.retryAfterMs).toBeGreaterThan(50_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
  });

  it('lends a burst above the rate', async () => {
    const sut = counterFor(createMemoryStore(), { name: 'test', perSecond: 1, burst: 3 });
    expect(await takeMany(sut, 'key', 5)).toBe(3);
  });

  it('keeps keys and limits independent', async () => {
    const store = createMemoryStore();
    const a = counterFor(store, { name: 'a', perMinute: 2, burst: 2 });
    const b = counterFor(store, { name: 'b', perMinute: 2, burst: 2 });
    expect(await takeMany(a, 'x', 3)).toBe(2);
    expect(await takeMany(a, 'y', 3)).toBe(2);
    expect(await takeMany(b, 'x', 3)).toBe(2);
  });

  it('counts together for stores on the same data, as processes on one Redis do', async () => {
    const data = new MemoryData();
    const one = counterFor(createMemoryStore({ data }), SIGN_IN_LIMIT);
    const two = counterFor(createMemoryStore({ data }), SIGN_IN_LIMIT);
    expect((await takeMany(one, 'ip', 6)) + (await takeMany(two, 'ip', 6))).toBe(10);
  });

  it('refuses a rate that is not a positive whole number, or a burst below it', () => {
    const store = createMemoryStore();
    expect(() => counterFor(store, { name: 'bad', perSecond: 0, burst: 1 })).toThrow(/bad/);
    expect(() => counterFor(store, { name: 'low', perSecond: 5, burst: 2 })).toThrow(/low/);
  });
});

describe('the default limits', () => {
  it('let 10 sign-ins a minute per address, 6 pairings a minute, 200 ingest requests at once', async () => {
    const store = createMemoryStore();
    expect(await takeMany(counterFor(store, SIGN_IN_LIMIT), '10.0.0.7', 20)).toBe(10);
    expect(await takeMany(counterFor(store, PAIRING_LIMIT), '10.0.0.7', 20)).toBe(6);
    expect(await takeMany(counterFor(store, INGEST_LIMIT), 'one_stop', 1000)).toBe(200);
  });
});

describe(retryAfterSeconds.name, () => {
  it('rounds up to whole seconds, never 0', () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
    expect(retryAfterSeconds(0)).toBe(1);
  });
});

describe(rateLimit.name, () => {
  it('answers 429 with Retry-After in whole seconds and the reason in Vietnamese and English', async () => {
    const app = express();
    const limit = { name: 'test', perMinute: 2, burst: 2 };
    app.use(rateLimit({ ...limit, store: createMemoryStore(), key: (req) => req.get('x-who') ?? '?' }));
    app.get('/', (_req, res) => void res.json({ ok: true }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const get = (who: string) =>
      fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { headers: { 'x-who': who } });
    try {
      expect((await get('a')).status).toBe(200);
      expect((await get('a')).status).toBe(200);
      const refused = await get('a');
      expect(refused.status).toBe(429);
      const seconds = Number(refused.headers.get('retry-after'));
      expect(seconds).toBeGreaterThanOrEqual(55);
      expect(seconds).toBeLessThanOrEqual(60);
      expect(await refused.json()).toEqual({
        error: `Quá nhiều yêu cầu, vui lòng thử lại sau ${seconds} giây`,
        errorEn: `Too many requests, try again in ${seconds} s`,
      });
      expect((await get('b')).status).toBe(200);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
