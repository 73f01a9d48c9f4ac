import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AggregatorStats } from '../../server/aggregate/worker';
import { freePort } from '../support/server-process';

const root = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../dist/server/index.js', import.meta.url));

export type { AggregatorStats } from '../../server/aggregate/worker';

export interface IngestKeys {
  one_stop: string;
  payments: string;
  tasks: string;
}

/** Fresh keys for a run (≥ 16 characters, as the server demands). */
export const newKeys = (): IngestKeys => ({
  one_stop: `bench-one-stop-${randomBytes(8).toString('hex')}`,
  payments: `bench-payments-${randomBytes(8).toString('hex')}`,
  tasks: `bench-tasks-${randomBytes(8).toString('hex')}`,
});

export interface ServerOptions {
  redisUrl: string;
  prefix: string;
  keys: IngestKeys;
  /** Extra node flags, e.g. --cpu-prof (BENCH_CPU_PROF=1) to see where the server's time goes. */
  nodeFlags?: string[];
  /** Extra environment, e.g. MAX_FPS for a what-if run (BENCH_MAX_FPS). */
  env?: Record<string, string>;
  /** Another server to start in the product's place (node arguments): the floor server (floor-server.ts). */
  entry?: string[];
}

/**
 * The product as it runs in production: `server/index.ts` in a process of its own, configured only
 * through its environment, so the bench measures the server's event loop and nothing of ours.
 */
export class ServerProcess {
  readonly #child: ChildProcess;
  readonly baseUrl: string;
  #output = '';

  private constructor(child: ChildProcess, port: number) {
    this.#child = child;
    this.baseUrl = `http://127.0.0.1:${port}`;
    child.stdout?.on('data', (d: Buffer) => (this.#output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.#output += d.toString()));
  }

  static async start(opts: ServerOptions): Promise<ServerProcess> {
    const port = await freePort();
    const { one_stop, payments, tasks } = opts.keys;
    // The production bundle (`npm run build:server`, which `npm run bench` runs first) as a province runs
    // it: no TypeScript loader in the process, whose memory and start-up would count as the server's.
    const entry = opts.entry ?? (existsSync(BUNDLE) ? [BUNDLE] : ['--import', 'tsx', 'server/index.ts']);
    const child = spawn(process.execPath, [...(opts.nodeFlags ?? []), ...entry], {
      cwd: root,
      env: {
        ...process.env,
        REDIS_URL: opts.redisUrl,
        REDIS_PREFIX: opts.prefix,
        SIMULATOR: 'off',
        // The bench's screens connect from this machine with no credentials, as the demo's do.
        LOOPBACK_WATCH: 'on',
        INGEST_KEYS: `one_stop:${one_stop},payments:${payments},tasks:${tasks}`,
        HOST: '127.0.0.1',
        PORT: String(port),
        // One name per process: several share the consumer group in the fleet part.
        CONSUMER_NAME: `bench-${port}`,
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child, port);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${server.output}`);
      try {
        if ((await fetch(`${server.baseUrl}/healthz`)).ok) return server;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`server did not answer /healthz within 30 s:\n${server.output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  get output(): string {
    return this.#output;
  }

  /** The inspector's WebSocket URL, when started with --inspect (Node prints it on stderr). */
  get inspectorUrl(): string | null {
    return /Debugger listening on (ws:\/\/\S+)/.exec(this.#output)?.[1] ?? null;
  }

  get alive(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** The aggregator's counters, from /healthz (the server's own count of applied events). */
  async aggregator(): Promise<AggregatorStats> {
    const r = await fetch(`${this.baseUrl}/healthz`);
    const body = (await r.json()) as { aggregator?: AggregatorStats | null };
    if (!r.ok || !body.aggregator) throw new Error(`/healthz answered ${r.status} without aggregator stats`);
    return body.aggregator;
  }

  /** Today's province "received" count, as the KPI API computes it from the counters in Redis. */
  async receivedToday(): Promise<number> {
    const r = await fetch(`${this.baseUrl}/api/v1/kpis?scope=province`);
    if (!r.ok) throw new Error(`/api/v1/kpis answered ${r.status}`);
    const body = (await r.json()) as { kpis: { id: string; value: number | null }[] };
    return body.kpis.find((k) => k.id === 'received')?.value ?? 0;
  }

  /** Resident set size, bytes (VmRSS of /proc/<pid>/status). */
  rssBytes(): number {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
    if (!m) throw new Error('no VmRSS for the server process');
    return Number(m[1]) * 1024;
  }

  /** SIGTERM (the server closes cleanly and writes a --cpu-prof profile), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
