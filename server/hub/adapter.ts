import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';
import { logFor } from '../observe/logger';

const logger = logFor('adapter');

/**
 * The Socket.IO adapter that lets several server processes share rooms and control messages through a
 * Redis stream: a meeting's presenter on one process drives followers on another; a revocation or a
 * fleet command reaches a screen wherever it is connected. KPI frames never go this way: every process
 * builds its own from the shared store (hub.ts sends them with io.local).
 */
export async function redisAdapter(
  url: string,
  prefix: string,
): Promise<{ adapter: ServerOptions['adapter']; close: () => Promise<void> }> {
  const client = createClient({ url });
  client.on('error', (err: Error) => logger.warn({ err }, 'Redis error'));
  await client.connect();
  return {
    adapter: createAdapter(client, { streamName: `${prefix}socket.io`, maxLen: 10_000 }),
    close: async () => {
      await client.close();
    },
  };
}
