import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { ServerOptions } from 'socket.io';
import { createRedisClient, type RedisTarget } from '../store/redis-connect';
import { logFor } from '../observe/logger';

const logger = logFor('adapter');

/**
 * The Socket.IO adapter that lets several server processes share rooms and control messages through a
 * Redis stream: a meeting's presenter on one process drives followers on another; a revocation or a
 * fleet command reaches a screen wherever it is connected. KPI frames never go this way: every process
 * builds its own from the shared store (hub.ts sends them with io.local).
 *
 * `target` is a URL or a Sentinel group (redis-connect.ts): with a group, the adapter's client and the
 * duplicates it makes for its blocking reads follow the primary through a failover.
 */
export async function redisAdapter(
  target: string | RedisTarget,
  prefix: string,
): Promise<{ adapter: ServerOptions['adapter']; close: () => Promise<void> }> {
  // Named (its duplicates too) so that CLIENT LIST shows what each connection is for.
  const client = await createRedisClient(typeof target === 'string' ? { url: target } : target, {
    name: `${prefix.replace(/\s/g, '_')}adapter`,
  });
  client.on('error', (err: Error) => logger.warn({ err }, 'Redis error'));
  await client.connect();
  return {
    adapter: createAdapter(client, { streamName: `${prefix}socket.io`, maxLen: 10_000 }),
    close: async () => {
      await client.close();
    },
  };
}
