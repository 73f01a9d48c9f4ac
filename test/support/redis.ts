import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';

/**
 * The Redis the integration tests use: the run's own, started by the global setup, or the one
 * TEST_REDIS_URL names. Never a guess such as 6379, which may be somebody else's.
 */
export function testRedisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url)
    throw new Error('TEST_REDIS_URL is not set: run the tests through vitest, whose global setup sets it');
  return url;
}

/** A key prefix no other test (nor a concurrent run) uses, e.g. "t:store:9f2c01ab:". */
export const uniquePrefix = (name: string): string => `t:${name}:${randomBytes(4).toString('hex')}:`;

/** Escapes the glob characters of SCAN MATCH, so the prefix matches only itself. */
const globLiteral = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

/** Deletes every key under `prefix` (SCAN + UNLINK: never KEYS, never blocking the server). */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  client.on('error', (err: Error) => console.warn(`[test] Redis: ${err.message}`));
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${globLiteral(prefix)}*`, COUNT: 1000 })) {
      if (keys.length > 0) await client.unlink(keys);
    }
  } finally {
    await client.close();
  }
}
