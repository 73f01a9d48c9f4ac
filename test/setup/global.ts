import { createClient } from 'redis';

/**
 * Integration tests need a real Redis. Fail the run at once with a clear message when none answers,
 * rather than letting every test time out. CI (.ci/run) starts one on 127.0.0.1:6379.
 */
export default async function setup() {
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new Error(`Tests need a Redis server at ${url} (set TEST_REDIS_URL): ${(err as Error).message}`);
  } finally {
    if (client.isOpen) await client.quit();
  }
  process.env.TEST_REDIS_URL = url;
}
