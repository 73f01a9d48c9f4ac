import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRedisServer, PrerequisiteError, stopMessage } from './prerequisites';
import { freePort } from './server-process';
import { spawnTethered, type Tethered } from './tethered';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function redisServerBinary(): string {
  const path = findRedisServer();
  if (!path) throw new PrerequisiteError(stopMessage(['redis-server']));
  return path;
}

const readLog = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

/**
 * Starts redis-server on 127.0.0.1:`port` with its files in `dir`, tied to this process (it cannot
 * outlive it), and resolves once it is ready. Readiness is read from its own log rather than from the
 * port, so that another process that took the port in the meantime is never mistaken for ours.
 */
async function launchRedisServer(
  port: number,
  dir: string,
  persistence: string[],
  tether: Parameters<typeof spawnTethered>[2],
): Promise<Tethered> {
  const log = join(dir, 'redis.log');
  rmSync(log, { force: true }); // a restart must not read the previous start's "ready"
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--logfile',
    log,
    ...persistence,
  ];
  const server = spawnTethered(redisServerBinary(), args, tether);
  const deadline = Date.now() + 10_000;
  while (!readLog(log).includes('Ready to accept connections')) {
    if (!server.running || Date.now() > deadline) {
      await server.stop();
      const tail = readLog(log).trim().split('\n').slice(-5).join('\n');
      throw new Error(`redis-server did not start on port ${port}:\n${tail}`);
    }
    await sleep(20);
  }
  return server;
}

/**
 * The Redis of a test run: a redis-server of its own on a free loopback port, keeping nothing (no
 * snapshots, no append-only file, a temporary directory that goes with it), stopped with the run or
 * when the run dies.
 */
export async function startTestRedis() {
  const noPersistence = ['--save', '', '--appendonly', 'no'];
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'ioc-test-redis-'));
    try {
      const server = await launchRedisServer(port, dir, noPersistence, {
        stopSignal: 'SIGTERM',
        removeAfterExit: dir,
      });
      return { url: `redis://127.0.0.1:${port}`, pid: await server.pid, stop: () => server.stop() };
    } catch (err) {
      // Another process may take the free port between our look and redis-server's bind: try another.
      if (attempt >= 3 || err instanceof PrerequisiteError) throw err;
    }
  }
}

/**
 * A private redis-server on a free loopback port, so a test can kill it and start it again. It writes
 * every command to its append-only file before answering, as a production Redis configured for
 * durability would, so a restart keeps what was acknowledged.
 */
export async function startOwnRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ioc-redis-'));
  const durable = ['--save', '', '--appendonly', 'yes', '--appendfsync', 'always'];
  let server: Tethered | null = null;

  async function start() {
    // Its files survive kill() (the next start() reads them back), but not the death of the test process.
    server = await launchRedisServer(port, dir, durable, {
      stopSignal: 'SIGKILL',
      removeAfterExit: dir,
      keepAfterStop: true,
    });
  }
  /** Kills redis-server outright (SIGKILL), as a crash would. */
  async function kill() {
    await server?.stop();
  }
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill,
    start,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A throwaway redis-server on a free loopback port with extra arguments (e.g. `--replicaof`), keeping
 * nothing, stopped with `stop()` or with the test process.
 */
export async function startRedisWith(extra: string[]) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ioc-redis-'));
  const server = await launchRedisServer(port, dir, ['--save', '', '--appendonly', 'no', ...extra], {
    stopSignal: 'SIGKILL',
    removeAfterExit: dir,
  });
  return { port, url: `redis://127.0.0.1:${port}`, stop: () => server.stop() };
}
