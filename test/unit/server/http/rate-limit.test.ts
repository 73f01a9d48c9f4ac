import express from 'express';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_KEYS,
  INGEST_LIMIT,
  PAIRING_LIMIT,
  SIGN_IN_LIMIT,
  TokenBuckets,
  rateLimit,
  retryAfterSeconds,
} from '../../../../server/http/rate-limit';

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

/** `n` takes from `key` at `now`; how many were allowed. */
const takeMany = (sut: TokenBuckets, key: string, n: number, now = T0) =>
  Array.from({ length: n }, () => sut.take(key, now)).filter((t) => t.ok).length;

describe(TokenBuckets.name, () => {
  it('allows a burst, then refuses', () => {
    const sut = new TokenBuckets({ name: 'test', perMinute: 10, burst: 10 });
    expect(takeMany(sut, 'ip', 10)).toBe(10);
    expect(sut.take('ip', T0).ok).toBe(false);
  });

  it('refills at the rate: one token every 6 s at 10 a minute, never beyond the burst', () => {
    const sut = new TokenBuckets({ name: 'test', perMinute: 10, burst: 10 });
    takeMany(sut, 'ip', 10);
    expect(sut.take('ip', T0 + 5_999).ok).toBe(false);
    expect(sut.take('ip', T0 + 6_000).ok).toBe(true);
    expect(sut.take('ip', T0 + 6_000).ok).toBe(false);
    // An hour later the bucket holds the burst, not 600 tokens.
    expect(takeMany(sut, 'ip', 20, T0 + 3_600_000)).toBe(10);
  });

  it('says how long until the next token (retryAfterMs)', () => {
    const sut = new TokenBuckets({ name: 'test', perMinute: 6, burst: 6 });
    takeMany(sut, 'ip', 6);
    expect(sut.take('ip', T0)).toEqual({ ok: false, retryAfterMs: 10_000 });
    expect(sut.take('ip', T0 + 7_500)).toEqual({ ok: false, retryAfterMs: 2_500 });
    // A refusal costs nothing: the wait it announced is exact.
    expect(sut.take('ip', T0 + 10_000).ok).toBe(true);
  });

  it('sustains perSecond with a burst on top', () => {
    const sut = new TokenBuckets(INGEST_LIMIT);
    expect(takeMany(sut, 'key', 300)).toBe(200);
    // A second later: 100 more, and the 101st waits 10 ms.
    expect(takeMany(sut, 'key', 100, T0 + 1000)).toBe(100);
    expect(sut.take('key', T0 + 1000)).toEqual({ ok: false, retryAfterMs: 10 });
  });

  it('keeps keys independent', () => {
    const sut = new TokenBuckets({ name: 'test', perMinute: 1, burst: 2 });
    expect(takeMany(sut, 'a', 3)).toBe(2);
    expect(takeMany(sut, 'b', 3)).toBe(2);
    expect(sut.take('a', T0).ok).toBe(false);
  });

  it('reads the injected clock when take is given no time', () => {
    let now = T0;
    const sut = new TokenBuckets({ name: 'test', perSecond: 1, burst: 1, now: () => now });
    expect(sut.take('k').ok).toBe(true);
    expect(sut.take('k').ok).toBe(false);
    now += 1000;
    expect(sut.take('k').ok).toBe(true);
  });

  it('refills nothing when the clock steps back', () => {
    const sut = new TokenBuckets({ name: 'test', perSecond: 1, burst: 1 });
    sut.take('k', T0);
    expect(sut.take('k', T0 - 60_000).ok).toBe(false);
  });

  it('stays within maxKeys under 100,000 keys, forgetting the least recently used', () => {
    const sut = new TokenBuckets({ name: 'test', perMinute: 10, burst: 10 });
    takeMany(sut, 'victim', 10);
    let most = 0;
    for (let i = 0; i < 100_000; i++) {
      sut.take(`attacker-${i}`, T0);
      if (i % 500 === 0) sut.take('victim', T0); // a key in use stays recent, and stays limited
      most = Math.max(most, sut.size);
    }
    expect(most).toBeLessThanOrEqual(DEFAULT_MAX_KEYS);
    expect(most).toBeGreaterThan(DEFAULT_MAX_KEYS / 2);
    expect(sut.take('victim', T0).ok).toBe(false);
    // The first attackers were forgotten: their buckets start full again.
    expect(takeMany(sut, 'attacker-0', 10)).toBe(10);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenBuckets({ name: 'bad', perSecond: 0, burst: 1 })).toThrow(/bad/);
  });
});

describe('the default limits', () => {
  it('let 10 sign-ins a minute per address, 6 pairings a minute, 200 ingest requests at once', () => {
    expect(takeMany(new TokenBuckets(SIGN_IN_LIMIT), '10.0.0.7', 20)).toBe(10);
    expect(takeMany(new TokenBuckets(PAIRING_LIMIT), '10.0.0.7', 20)).toBe(6);
    expect(takeMany(new TokenBuckets(INGEST_LIMIT), 'one_stop', 1000)).toBe(200);
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
  async function serve(now: () => number) {
    const app = express();
    app.use(rateLimit({ name: 'test', perMinute: 2, burst: 2, now, key: (req) => req.get('x-who') ?? '?' }));
    app.get('/', (_req, res) => void res.json({ ok: true }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      get: (who: string) => fetch(base, { headers: { 'x-who': who } }),
      close: () => new Promise((r) => server.close(r)),
    };
  }

  it('never answers Retry-After 0, even for a bucket that refills in less than a second', async () => {
    const app = express();
    let now = T0;
    const limit = { name: 'fast', perSecond: 20, burst: 1 };
    app.use(rateLimit({ ...limit, now: () => now, key: () => 'one' }));
    app.get('/', (_req, res) => void res.json({ ok: true }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const get = () => fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      expect((await get()).status).toBe(200);
      for (const wait of [0, 30, 49]) {
        now = T0 + wait;
        const refused = await get();
        // The next token is 50 ms away at most: rounded up to a whole second, never down to 0.
        expect(refused.status).toBe(429);
        expect(refused.headers.get('retry-after')).toBe('1');
      }
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('answers 429 with Retry-After in whole seconds and the reason in Vietnamese and English', async () => {
    let now = T0;
    const sut = await serve(() => now);
    try {
      expect((await sut.get('a')).status).toBe(200);
      expect((await sut.get('a')).status).toBe(200);
      now += 100;
      const refused = await sut.get('a');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('30'); // 29.9 s rounded up
      expect(await refused.json()).toEqual({
        error: 'Quá nhiều yêu cầu, vui lòng thử lại sau 30 giây',
        errorEn: 'Too many requests, try again in 30 s',
      });
      expect((await sut.get('b')).status).toBe(200);
      now += 29_900;
      expect((await sut.get('a')).status).toBe(200);
    } finally {
      await sut.close();
    }
  });
});
