import { spawn } from 'node:child_process';
import { createClient } from 'redis';
import { freePort } from '../support/server-process';

type RedisClient = ReturnType<typeof createClient>;

/**
 * A redis-server of the bench's own on a free loopback port, in memory only (no RDB, no AOF): what it
 * holds and its INFO memory are ours alone, and a part that fills it with a province-year leaves the
 * shared Redis of the other engineers alone. Killed (and its memory gone) on stop.
 */
export interface OwnRedis {
  url: string;
  pid: number;
  client: RedisClient;
  stop(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const client: RedisClient = createClient({ url, socket: { reconnectStrategy: false } });
  client.on('error', () => {}); // a failed attempt below is retried; a later loss fails the command
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
    try {
      await client.connect();
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`redis-server on port ${port} did not answer: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    pid: child.pid!,
    client,
    async stop() {
      if (client.isOpen) client.destroy();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** INFO memory's used_memory, bytes. */
export async function usedMemory(client: RedisClient): Promise<number> {
  const info = await client.info('memory');
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? NaN);
}
