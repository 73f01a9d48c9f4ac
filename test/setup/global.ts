import { createClient } from 'redis';
import type { TestProject } from 'vitest/node';
import { missingPackages, stopMessage } from '../support/prerequisites';
import { startTestRedis } from '../support/redis-server';

/** A server given by TEST_REDIS_URL must answer now, rather than every test timing out later. */
async function mustAnswer(url: string) {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new Error(`TEST_REDIS_URL=${url} does not answer: ${(err as Error).message}`);
  } finally {
    if (client.isOpen) await client.quit();
  }
}

/**
 * Vitest runs this once for the root project and once for each project with tests in the run, all in
 * its main process. The first call starts the run's own redis-server (unless TEST_REDIS_URL names one)
 * and hands its URL to the test workers through TEST_REDIS_URL; the later calls find it set and only
 * check that it answers. `npm test` has already installed what is missing (test/setup/prepare-machine.ts);
 * this check is for `npx vitest` run directly, so it stops at once with the command to type.
 */
export default async function setup(project: TestProject) {
  const missing = missingPackages(undefined, { browser: project.name === 'e2e' || project.name === 'soak' });
  if (missing.length > 0) throw new Error(stopMessage(missing));

  const given = process.env.TEST_REDIS_URL;
  if (given) return void (await mustAnswer(given));

  const redis = await startTestRedis();
  process.env.TEST_REDIS_URL = redis.url;
  console.log(`test setup: redis-server on ${redis.url} (pid ${redis.pid}), stopped with the run`);
  return async () => {
    await redis.stop();
    delete process.env.TEST_REDIS_URL;
  };
}
