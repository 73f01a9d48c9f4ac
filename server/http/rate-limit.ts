import type { Request, RequestHandler, Response } from 'express';
import { BurstyRateLimiter, RateLimiterRes } from 'rate-limiter-flexible';
import type { Limiter } from '../store/limiter';
import type { Store } from '../store/types';

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

export type Take = { ok: true } | { ok: false; retryAfterMs: number };

/** Something that counts a key's requests: a store limiter, or two of them for a rate with a burst. */
export interface Counter {
  take(key: string): Promise<Take>;
}

/**
 * A rate limit counted in the store, so every server process on one Redis counts in the same window:
 * `rate` per window (a second or a minute); a burst above it is a second limiter that lends the
 * difference (burst - rate) once per `burst / rate` windows (rate-limiter-flexible's BurstyRateLimiter).
 */
export function counterFor(store: Pick<Store, 'limiter'>, limit: RateLimit): Counter {
  const rate = limit.perSecond ?? limit.perMinute;
  const windowS = limit.perSecond !== undefined ? 1 : 60;
  if (!Number.isInteger(rate) || rate < 1 || !Number.isInteger(limit.burst) || limit.burst < rate)
    throw new Error(`rate limit "${limit.name}": whole numbers, rate at least 1 and burst at least the rate`);
  const main = store.limiter({ name: limit.name, points: rate, durationS: windowS });
  const limiter: Limiter | BurstyRateLimiter =
    limit.burst === rate
      ? main
      : new BurstyRateLimiter(
          main,
          store.limiter({
            name: `${limit.name}:burst`,
            points: limit.burst - rate,
            durationS: windowS * Math.ceil(limit.burst / rate),
          }),
        );
  return {
    take: (key) =>
      limiter.consume(key).then(
        (): Take => ({ ok: true }),
        (refused: unknown): Take => {
          if (refused instanceof RateLimiterRes) return { ok: false, retryAfterMs: refused.msBeforeNext };
          throw refused;
        },
      ),
  };
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
  opts: RateLimit & {
    store: Pick<Store, 'limiter'>;
    key: (req: Request, res: Response) => string;
    refusal?: Refusal;
  },
): RequestHandler {
  const counter = counterFor(opts.store, opts);
  const refusal = opts.refusal ?? tooMany;
  return (req, res, next) => {
    counter.take(opts.key(req, res)).then((taken) => {
      if (taken.ok) return next();
      const seconds = retryAfterSeconds(taken.retryAfterMs);
      res
        .status(429)
        .set('Retry-After', String(seconds))
        .json(refusal(seconds, req, res));
    }, next);
  };
}
