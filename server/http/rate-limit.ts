import type { Request, RequestHandler, Response } from 'express';

/** How fast a key may go: `burst` at once, then `perSecond` (or `perMinute`) on average. */
export type RateLimit = { name: string; burst: number } & (
  { perSecond: number; perMinute?: never } | { perMinute: number; perSecond?: never }
);

/** Per address: a person mistyping a password a few times is never slowed; guessing is, to 10 a minute. */
export const SIGN_IN_LIMIT = { name: 'sign-in', perMinute: 10, burst: 10 } as const satisfies RateLimit;

/**
 * Per source key: the ingest bench sends ~50 batches/s of 1,000 events, so 100/s leaves twice that, and
 * a burst of 200 lets a source catch up after an outage; a runaway source cannot starve the others.
 */
export const INGEST_LIMIT = { name: 'ingest', perSecond: 100, burst: 200 } as const satisfies RateLimit;

/** Per address: a screen asks for a pairing code once and then polls slowly; 6 a minute is plenty. */
export const PAIRING_LIMIT = { name: 'pairing', perMinute: 6, burst: 6 } as const satisfies RateLimit;

/** Keys tracked at most per limiter (~100 bytes each): an attack with many keys costs ~1 MB, no more. */
export const DEFAULT_MAX_KEYS = 10_000;

export type TokenBucketOptions = RateLimit & {
  /** Keys tracked at most; beyond it the least recently used buckets are forgotten (default 10,000). */
  maxKeys?: number;
  /** Milliseconds since the epoch (injectable for tests). */
  now?: () => number;
};

export type Take = { ok: true } | { ok: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets by key, in this process. A key nobody has seen has a full bucket and is not stored.
 * Memory is bounded by `maxKeys` however many keys an attacker invents: buckets live in two generations
 * of half that size; a bucket used again moves to the young one, and when the young one fills up the old
 * one is dropped whole. A key used again before maxKeys/2 other keys arrive is never forgotten (so an
 * attacker's own key stays limited), and a forgotten one has most likely refilled anyway. (A single Map evicted from its front would cost O(n) per take once full: V8 walks the holes
 * that deletions leave at the front of its hash table.)
 */
export class TokenBuckets {
  readonly name: string;
  readonly burst: number;
  /** Tokens added per millisecond. */
  readonly #rate: number;
  readonly #generation: number;
  readonly #now: () => number;
  #young = new Map<string, Bucket>();
  #old = new Map<string, Bucket>();

  constructor(opts: TokenBucketOptions) {
    const perMs = opts.perSecond !== undefined ? opts.perSecond / 1000 : opts.perMinute / 60_000;
    if (!(perMs > 0) || !(opts.burst >= 1))
      throw new Error(`rate limit "${opts.name}": the rate must be positive and the burst at least 1`);
    this.name = opts.name;
    this.burst = opts.burst;
    this.#rate = perMs;
    this.#generation = Math.max(1, Math.floor((opts.maxKeys ?? DEFAULT_MAX_KEYS) / 2));
    this.#now = opts.now ?? Date.now;
  }

  /** Buckets held in memory. */
  get size(): number {
    return this.#young.size + this.#old.size;
  }

  /** Takes one token from `key`'s bucket, or says how long until one is there. */
  take(key: string, now: number = this.#now()): Take {
    const held = this.#young.get(key) ?? this.#old.get(key);
    // A clock stepping back refills nothing rather than draining the bucket.
    const tokens = held
      ? Math.min(this.burst, held.tokens + Math.max(0, now - held.at) * this.#rate)
      : this.burst;
    const ok = tokens >= 1;
    this.#keep(key, { tokens: ok ? tokens - 1 : tokens, at: now });
    return ok ? { ok } : { ok, retryAfterMs: Math.ceil((1 - tokens) / this.#rate) };
  }

  #keep(key: string, bucket: Bucket): void {
    if (this.#young.has(key)) return void this.#young.set(key, bucket);
    this.#old.delete(key);
    if (this.#young.size >= this.#generation) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, bucket);
  }
}

/** A refusal's wait in whole seconds, as Retry-After carries it (at least 1: 0 would invite a retry now). */
export const retryAfterSeconds = (retryAfterMs: number): number =>
  Math.max(1, Math.ceil(retryAfterMs / 1000));

/** What a refusal says, given the whole seconds to wait (each route has its own words). */
export type Refusal = (seconds: number, req: Request, res: Response) => object;

const tooMany: Refusal = (seconds) => ({
  error: `Quá nhiều yêu cầu, vui lòng thử lại sau ${seconds} giây`,
  errorEn: `Too many requests, try again in ${seconds} s`,
});

/**
 * Express middleware refusing a key's requests beyond its limit: 429 with Retry-After in whole seconds,
 * never 0 (which would invite the retry at once), and the route's words (by default the wait in
 * Vietnamese and English). The key may come from an earlier middleware through `res.locals`.
 */
export function rateLimit(
  opts: TokenBucketOptions & { key: (req: Request, res: Response) => string; refusal?: Refusal },
): RequestHandler {
  const buckets = new TokenBuckets(opts);
  const refusal = opts.refusal ?? tooMany;
  return (req, res, next) => {
    const taken = buckets.take(opts.key(req, res));
    if (taken.ok) return next();
    const seconds = retryAfterSeconds(taken.retryAfterMs);
    res
      .status(429)
      .set('Retry-After', String(seconds))
      .json(refusal(seconds, req, res));
  };
}
