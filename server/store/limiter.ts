import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * A counter of `points` per window of `durationS` seconds, by key (rate-limiter-flexible). On Redis it
 * is one counter for every server process, so N processes allow the configured total, not N times it.
 */
export interface LimiterOptions {
  /** Which limit ("sign-in", "ingest"…): keys of different limits never meet. */
  name: string;
  points: number;
  /** Whole seconds (Redis keeps the window as a key's expiry). */
  durationS: number;
}

export type Limiter = RateLimiterAbstract;

const checked = (o: LimiterOptions): LimiterOptions => {
  if (!Number.isInteger(o.points) || o.points < 1 || !Number.isInteger(o.durationS) || o.durationS < 1)
    throw new RangeError(`limiter "${o.name}": points and durationS must be positive integers`);
  return o;
};

/** A limiter in this process only: the memory store's (one process is all it serves). */
export function memoryLimiter(o: LimiterOptions): Limiter {
  const { name, points, durationS } = checked(o);
  return new RateLimiterMemory({ keyPrefix: `rl:${name}`, points, duration: durationS });
}

/**
 * A limiter shared through Redis (node-redis v5: `useRedisPackage`). While Redis cannot answer, each
 * process counts alone in memory (the insurance limiter) rather than letting everything through or
 * refusing everyone.
 */
export function redisLimiter(client: unknown, prefix: string, o: LimiterOptions): Limiter {
  const { name, points, durationS } = checked(o);
  return new RateLimiterRedis({
    storeClient: client,
    useRedisPackage: true,
    keyPrefix: `${prefix}rl:${name}`,
    points,
    duration: durationS,
    insuranceLimiter: memoryLimiter(o),
  });
}
