import { createClient } from 'redis';
import { followPrimary, type RedisClient, type RedisClientOptions } from './redis-follow';
import { nodeName, PrimaryWatch, type RedisNode } from './redis-sentinel';

export { connectionOf, type RedisClient, type RedisClientOptions } from './redis-follow';
export type { RedisNode } from './redis-sentinel';

/**
 * Where the wall's Redis is: one server by URL (REDIS_URL), or whichever server a Sentinel group
 * (REDIS_SENTINELS + REDIS_SENTINEL_NAME) says is the primary right now.
 *
 * Why not node-redis's own `createSentinel`: it hands out a pool of leases, not clients, so it has no
 * `duplicate()`, which the Socket.IO adapter needs (it duplicates its client for its blocking XREAD),
 * as do the store's blocking reads; and it holds a command sent while the primary is down until a
 * failover is over (tried with redis 5.12.1: a SET waited 3.6 s, then ran), and by its code for as
 * long as the outage lasts when none comes, where this store wants it to fail at once, as with one
 * Redis: ingest answers 503 and the source resends; nothing piles up in memory.
 *
 * Here every connection is a plain node-redis client that follows the primary the sentinels name
 * (redis-sentinel.ts, redis-follow.ts): the code above it, written and tested against one Redis, runs
 * unchanged, and a failover looks to it like a Redis restart.
 *
 * Redis Cluster is another matter: nothing here speaks it (see the README).
 */
export type RedisTarget = { url: string } | { sentinels: RedisNode[]; sentinelName: string };

/** The port a sentinel listens on when REDIS_SENTINELS gives none. */
export const SENTINEL_PORT = 26379;

/** REDIS_SENTINELS ("host:port,host:port", "[::1]:26379"; the port defaults to 26379) to addresses. */
export function parseSentinels(text: string): RedisNode[] | { error: string } {
  const nodes: RedisNode[] = [];
  for (const item of text.split(',').map((s) => s.trim())) {
    const m = /^(?:\[([0-9a-fA-F:.]+)\]|([\w.-]+))(?::(\d{1,5}))?$/.exec(item);
    const port = m?.[3] === undefined ? SENTINEL_PORT : Number(m[3]);
    if (!m || port < 1 || port > 65535)
      return { error: `"${item}" is not host:port (e.g. 10.0.0.5:26379, [fd00::5]:26379)` };
    nodes.push({ host: m[1] ?? m[2]!, port });
  }
  return nodes;
}

/** For messages: the URL without its password, or the sentinels and the group's name. */
export function describeTarget(target: RedisTarget): string {
  if ('url' in target) return target.url.replace(/\/\/[^@/]*@/, '//***@');
  return `the primary of "${target.sentinelName}" (sentinels ${target.sentinels.map(nodeName).join(', ')})`;
}

/**
 * A client (not yet connected) for the target. With sentinels, it first asks them where the primary is
 * (and rejects, naming each sentinel's problem, when none can say); the client and its duplicates then
 * follow the primary through failovers, and stop listening to the sentinels once all are closed.
 */
export async function createRedisClient(
  target: RedisTarget,
  options: RedisClientOptions = {},
): Promise<RedisClient> {
  if ('url' in target) return createClient({ ...options, url: target.url }) as RedisClient;
  const watch = await PrimaryWatch.start(target.sentinels, target.sentinelName);
  return followPrimary(watch, options);
}
