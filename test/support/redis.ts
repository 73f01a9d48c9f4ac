import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';

/** The Redis the integration tests use (the global setup has checked that it answers). */
export const testRedisUrl = (): string => process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

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
