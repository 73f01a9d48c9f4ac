import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LIMIT } from '../../server/http/rate-limit';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { freePort, startServerProcess } from '../support/server-process';

type ServerProcess = Awaited<ReturnType<typeof startServerProcess>>;

/** Three server processes on one Redis: the limits are counted once for all of them. */
describe('rate limits across processes (three servers, one Redis)', { timeout: 120_000 }, () => {
  const prefix = uniquePrefix('shared-limits');
  const servers: { process: ServerProcess; port: number }[] = [];

  beforeAll(async () => {
    const env = { REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, SIMULATOR: 'off', LOOPBACK_WATCH: 'off' };
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    // One after the other: three tsx starts at once on a loaded machine can outlast the start deadline.
    for (const port of ports) servers.push({ process: await startServerProcess(env, port), port });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.process.kill('SIGTERM')));
    await dropPrefix(testRedisUrl(), prefix);
  });

  it(`allow ${SIGN_IN_LIMIT.perMinute} sign-ins a minute per address in total, not ${SIGN_IN_LIMIT.perMinute} each`, async () => {
    const statuses: number[] = [];
    // Round robin, as a load balancer would spread one address's attempts; a body with no login is
    // refused (400) after the limit is taken, without running scrypt.
    for (let i = 0; i < 3 * SIGN_IN_LIMIT.perMinute; i++) {
      const { port } = servers[i % servers.length]!;
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 400)).toHaveLength(SIGN_IN_LIMIT.perMinute);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2 * SIGN_IN_LIMIT.perMinute);
    // Every process has refused some: none of them counted alone.
    for (let s = 0; s < servers.length; s++)
      expect(
        statuses.filter((status, i) => i % servers.length === s && status === 429).length,
      ).toBeGreaterThan(0);
  });
});
