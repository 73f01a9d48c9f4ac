import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { findExecutable, PrerequisiteError, stopMessage } from './prerequisites';
import { freePort } from './server-process';
import { spawnTethered } from './tethered';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const readLog = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

/** Debian's redis-sentinel; a missing one stops the test with the command that installs it. */
function sentinelBinary(): string {
  const path = findExecutable('redis-sentinel');
  if (!path) throw new PrerequisiteError(stopMessage(['redis-sentinel']));
  return path;
}

export interface SentinelOptions {
  /** The group's name (REDIS_SENTINEL_NAME). */
  name: string;
  primaryPort: number;
  /** How long the primary must be silent before it is taken for down. */
  downAfterMs: number;
  failoverTimeoutMs: number;
}

/**
 * One redis-sentinel on a free loopback port watching the primary on `primaryPort` with a quorum of 1,
 * its config and log in a temporary directory that goes with it, tied to this process. Resolves once
 * it watches the primary and has seen at least one replica (found in the primary's INFO): a sentinel
 * that knows no replica has nothing to promote.
 */
export async function startSentinel(opts: SentinelOptions) {
  const binary = sentinelBinary();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ioc-sentinel-'));
  const log = join(dir, 'sentinel.log');
  const conf = join(dir, 'sentinel.conf');
  // The sentinel rewrites this file as it learns the group: it must be its own and writable.
  writeFileSync(
    conf,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `logfile ${log}`,
      `sentinel monitor ${opts.name} 127.0.0.1 ${opts.primaryPort} 1`,
      `sentinel down-after-milliseconds ${opts.name} ${opts.downAfterMs}`,
      `sentinel failover-timeout ${opts.name} ${opts.failoverTimeoutMs}`,
      `sentinel parallel-syncs ${opts.name} 1`,
      '',
    ].join('\n'),
  );
  const server = spawnTethered(binary, [conf], { stopSignal: 'SIGKILL', removeAfterExit: dir });
  const deadline = Date.now() + 15_000;
  while (!/\+slave slave /.test(readLog(log))) {
    if (!server.running || Date.now() > deadline) {
      await server.stop();
      const tail = readLog(log).trim().split('\n').slice(-8).join('\n');
      throw new Error(
        `redis-sentinel on port ${port} did not start watching a primary with a replica:\n${tail}`,
      );
    }
    await sleep(50);
  }

  /** One command to the sentinel, on a connection of its own. */
  async function ask(command: string[]): Promise<unknown> {
    const client = createClient({ socket: { host: '127.0.0.1', port, reconnectStrategy: false } });
    client.on('error', () => {});
    await client.connect();
    try {
      return await client.sendCommand(command);
    } finally {
      client.destroy();
    }
  }

  /** What the sentinel names as the primary now. */
  async function primary(): Promise<{ host: string; port: number }> {
    const reply = (await ask(['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', opts.name])) as string[];
    return { host: String(reply[0]), port: Number(reply[1]) };
  }

  /** The replicas the sentinel knows, each as its fields (`port`, `flags`, `master-link-status`…). */
  async function replicas(): Promise<Record<string, string>[]> {
    const reply = (await ask(['SENTINEL', 'REPLICAS', opts.name])) as string[][];
    return reply.map((fields) => {
      const out: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) out[String(fields[i])] = String(fields[i + 1]);
      return out;
    });
  }

  /** A planned switchover: the sentinel promotes a replica without waiting for the primary to fail. */
  const failover = async () => String(await ask(['SENTINEL', 'FAILOVER', opts.name]));

  /** CLIENT LIST, one line per connection to the sentinel (`sub=1` for a subscriber). */
  const clients = async () =>
    String(await ask(['CLIENT', 'LIST']))
      .trim()
      .split('\n');

  return {
    port,
    /** For REDIS_SENTINELS. */
    address: `127.0.0.1:${port}`,
    primary,
    replicas,
    failover,
    clients,
    /** The sentinel's own log (its +sdown, +odown, +switch-master lines), to print when a test fails. */
    log: () => readLog(log),
    stop: () => server.stop(),
  };
}
