import { afterAll, describe, expect, it } from 'vitest';
import { startOwnRedis } from '../support/redis-server';
import { freePort, startServerProcess } from '../support/server-process';

/** How long a process may take to leave after SIGTERM (systemd's and orchestrators' patience). */
const LIMIT_MS = 10_000;

/** Sends SIGTERM and measures until the process has exited; its exit code. */
async function terminate(server: Awaited<ReturnType<typeof startServerProcess>>) {
  const started = Date.now();
  const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
  server.child.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000))]);
  if (code === 'hung') server.child.kill('SIGKILL');
  return { code, ms: Date.now() - started };
}

describe('SIGTERM', () => {
  let redis: Awaited<ReturnType<typeof startOwnRedis>> | null = null;
  afterAll(() => redis?.stop());

  it('drains and exits 0 with Redis up', async () => {
    redis = await startOwnRedis();
    const server = await startServerProcess({ REDIS_URL: redis.url, SIMULATOR: 'off' }, await freePort());
    const { code, ms } = await terminate(server);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(LIMIT_MS);
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.some((l) => (JSON.parse(l) as { msg: string }).msg === 'closed')).toBe(true);
  }, 40_000);

  it('exits within 10 s with Redis killed under it', async () => {
    redis ??= await startOwnRedis();
    const server = await startServerProcess({ REDIS_URL: redis.url, SIMULATOR: 'off' }, await freePort());
    await redis.kill();
    // Let the process notice: its connections fail and start reconnecting.
    await new Promise((r) => setTimeout(r, 500));
    const { code, ms } = await terminate(server);
    expect(code).not.toBe('hung');
    expect(ms).toBeLessThan(LIMIT_MS);
  }, 40_000);
});
