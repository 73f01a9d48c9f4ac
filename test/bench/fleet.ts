import { ClientPool } from './client-pool';
import type { Probe } from './ingest';
import { latencyScenario, type LatencyEnv, type LatencyResult } from './latency';
import { newKeys, ServerProcess } from './server';

/**
 * A province's fleet of screens at scale: 5,000 idle screens on one server process (what they cost in
 * RSS, and how fast a frame reaches them), then 20,000 across 4 processes sharing one Redis (every
 * screen must take in every event, wherever it is connected). The screens live in the bench's clients
 * processes (client-pool.ts); the events are POSTed to the first server and reach the others through
 * Redis, as in production behind a proxy.
 */
export const FLEET = { onOne: 5_000, processes: 4, perProcess: 5_000 } as const;
/** RSS of one process holding FLEET.onOne idle screens (issue 17). */
export const FLEET_RSS_TARGET_MB = 150;

export interface FleetMemory {
  screens: number;
  rssIdleMb: number;
  rssScreensMb: number;
  perScreenKb: number;
}

export interface FleetRun extends LatencyResult {
  /** RSS of every server process with its screens connected, MB. */
  rssMb: number[];
}

/** What the fleet part needs of the bench driver (run.ts): its bookkeeping and its memory probe. */
export interface FleetContext {
  redisUrl: string;
  probe: Probe;
  prefix: string;
  env: Record<string, string>;
  nodeFlags: string[];
  cleanups: (() => Promise<void>)[];
  settledMemory(server: ServerProcess): Promise<{ rss: number; heap: number | null }>;
  log(msg: string): void;
}

const mb = (bytes: number) => bytes / 2 ** 20;

export class Fleet {
  readonly servers: ServerProcess[];
  readonly pool: ClientPool;
  readonly env: LatencyEnv;
  readonly #ctx: FleetContext;
  #connected = 0;

  private constructor(ctx: FleetContext, servers: ServerProcess[], pool: ClientPool, key: string) {
    this.#ctx = ctx;
    this.servers = servers;
    this.pool = pool;
    this.env = {
      server: servers[0]!,
      pool,
      key,
      redis: ctx.probe.redis,
      prefix: ctx.prefix,
      redisPid: ctx.probe.redisPid,
    };
  }

  /** FLEET.processes server processes on one Redis prefix, and the clients processes. */
  static async start(ctx: FleetContext): Promise<Fleet> {
    const keys = newKeys();
    const servers: ServerProcess[] = [];
    for (let i = 0; i < FLEET.processes; i++) {
      const server = await ServerProcess.start({
        redisUrl: ctx.redisUrl,
        prefix: ctx.prefix,
        keys,
        // The inspector (loopback) only forces a full GC before RSS is read.
        nodeFlags: [...ctx.nodeFlags, '--inspect=127.0.0.1:0'],
        env: ctx.env,
      });
      ctx.cleanups.push(() => server.stop());
      servers.push(server);
    }
    const pool = ClientPool.start();
    ctx.cleanups.push(() => pool.stop());
    ctx.log(
      `fleet: ${servers.length} servers (pids ${servers.map((s) => s.pid).join(', ')}) on one Redis prefix`,
    );
    return new Fleet(ctx, servers, pool, keys.one_stop);
  }

  /** Connects `count` more screens to server `i`; throws when any fails. */
  async connect(i: number, count: number): Promise<void> {
    const server = this.servers[i]!;
    const c = await this.pool.call({ kind: 'connect', url: server.baseUrl, count, concurrency: 50 }, 300_000);
    if (c.failed)
      throw new Error(`${c.failed} of ${count} screens failed to connect to ${i}: ${c.firstError}`);
    this.#connected += c.connected;
    this.#ctx.log(`fleet: ${c.connected} screens on server ${i} in ${(c.elapsedMs / 1000).toFixed(1)} s`);
  }

  get connected(): number {
    return this.#connected;
  }

  /** RSS of `FLEET.onOne` idle screens on the first process, each reading after a full GC. */
  async memoryOnOne(): Promise<FleetMemory> {
    const idle = await this.#ctx.settledMemory(this.servers[0]!);
    await this.connect(0, FLEET.onOne);
    const busy = await this.#ctx.settledMemory(this.servers[0]!);
    return {
      screens: FLEET.onOne,
      rssIdleMb: mb(idle.rss),
      rssScreensMb: mb(busy.rss),
      perScreenKb: (busy.rss - idle.rss) / FLEET.onOne / 1024,
    };
  }

  /** Events at `rate` to every screen connected now, with each process's RSS afterwards. */
  async run(rate: number, batch: number, durationMs: number): Promise<FleetRun> {
    const latency = await latencyScenario(this.env, { clients: this.#connected, rate, batch, durationMs });
    const rssMb: number[] = [];
    for (const s of this.servers) rssMb.push(mb((await this.#ctx.settledMemory(s)).rss));
    return { ...latency, rssMb };
  }
}
