import type { createClient } from 'redis';
import type { ClientPool } from './client-pool';
import { CommitWatch } from './commit-watch';
import { CpuWindow, type CpuShares } from './cpu';
import { receivedEvent } from './events';
import { now, sleep } from './ingest';
import type { AnalyzeResult, LoopDelay } from './protocol';
import type { ServerProcess } from './server';
import type { Summary } from './stats';

export interface LatencyOptions {
  clients: number;
  /** Events per second. */
  rate: number;
  /** Events per POST: 1 at 100/s, 50 every 10 ms at 5,000/s. */
  batch: number;
  durationMs: number;
}

export interface LatencyResult extends LatencyOptions, AnalyzeResult {
  /** POST to the aggregator's commit (see CommitWatch): the part of the latency before the hub. */
  committed: Summary | null;
  /** Frames each client took in over the window, on average. */
  framesPerClient: number;
  snapshots: number;
  disconnects: number;
  cpu: CpuShares;
  /** Event-loop delay of each clients process over the window. */
  clientLoopDelays: LoopDelay[];
  /** How far behind schedule the sender was at worst (timer and event-loop jitter of the driver). */
  senderLagMs: number;
}

export interface LatencyEnv {
  server: ServerProcess;
  pool: ClientPool;
  key: string;
  redis: ReturnType<typeof createClient>;
  prefix: string;
  redisPid: number | null;
}

/** Most POSTs in flight; beyond it the sender waits (it never queues without bound). */
const MAX_IN_FLIGHT = 64;

/**
 * Waits until nothing moves: the aggregator has applied everything and every client shows the same
 * received count as the KPI API. That count is the base the window's events are numbered from.
 */
async function quiesce(
  server: ServerProcess,
  pool: ClientPool,
  clients: number,
  timeoutMs = 30_000,
): Promise<number> {
  const deadline = now() + timeoutMs;
  let lastApplied = -1;
  let stableSince = now();
  for (;;) {
    const { applied } = await server.aggregator();
    if (applied !== lastApplied) {
      lastApplied = applied;
      stableSince = now();
    }
    const count = await server.receivedToday();
    const s = await pool.call({ kind: 'status' }, 10_000);
    if (s.connected !== clients)
      throw new Error(`expected ${clients} connected clients, have ${s.connected}`);
    if (now() - stableSince > 300 && s.minCount === count && s.maxCount === count) return count;
    if (now() > deadline) {
      throw new Error(
        `not quiet after ${timeoutMs} ms: API says ${count}, clients ${s.minCount}..${s.maxCount}`,
      );
    }
    await sleep(100);
  }
}

/**
 * One scenario: `rate` events/s for `durationMs`, each POST's send time noted per event; then wait for
 * every client to show them all, and ask the clients process when each client first saw each event.
 */
export async function latencyScenario(env: LatencyEnv, opts: LatencyOptions): Promise<LatencyResult> {
  const { server, pool, key } = env;
  const base = await quiesce(server, pool, opts.clients);
  const status0 = await pool.call({ kind: 'status' }, 10_000);
  const intervalMs = (opts.batch / opts.rate) * 1000;
  const ticks = Math.round(opts.durationMs / intervalMs);
  const total = ticks * opts.batch;
  const sendTimes = new Float64Array(total);
  const run = `l${opts.clients}-${opts.rate}-${Date.now().toString(36)}`;

  await pool.call({ kind: 'start' }, 10_000);
  const watch = await CommitWatch.start(env.redis, env.prefix);
  const cpu = new CpuWindow({ server: server.pid, clients: pool.pids, redis: env.redisPid });
  const inFlight = new Set<Promise<void>>();
  const failures: string[] = [];
  let senderLagMs = 0;
  const t0 = now() + 20;
  try {
    for (let tick = 0; tick < ticks; tick++) {
      // Absolute schedule: a late tick is sent at once and the next ones are not shifted.
      const due = t0 + tick * intervalMs;
      const wait = due - now();
      if (wait > 1) await sleep(wait);
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      const sentAt = now();
      senderLagMs = Math.max(senderLagMs, sentAt - due);
      const events = Array.from({ length: opts.batch }, (_, i) =>
        receivedEvent(run, tick * opts.batch + i, Date.now()),
      );
      const body = JSON.stringify(opts.batch === 1 ? events[0] : events);
      sendTimes.fill(sentAt, tick * opts.batch, (tick + 1) * opts.batch);
      const p = fetch(`${server.baseUrl}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body,
      })
        .then(async (r) => {
          const text = await r.text();
          if (r.status !== 202) failures.push(`${r.status} ${text.slice(0, 200)}`);
        })
        .catch((err: unknown) => void failures.push(String(err)))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    if (failures.length) throw new Error(`${failures.length} POSTs failed, first: ${failures[0]}`);

    // Every client must end up at base + total; bounded, and a shortfall is reported as `missing`.
    const deadline = now() + 30_000;
    for (;;) {
      const s = await pool.call({ kind: 'status' }, 10_000);
      if (s.minCount >= base + total || now() > deadline) break;
      await sleep(50);
    }
  } finally {
    await watch.stop();
  }
  const cpuShares = cpu.end();
  const stopped = await pool.call({ kind: 'stop' }, 10_000);
  const status1 = await pool.call({ kind: 'status' }, 10_000);
  const analysis = await pool.call({ kind: 'analyze', base, sendTimes }, 120_000);
  const committed = watch.latencies(base, sendTimes);
  return {
    ...opts,
    ...analysis,
    committed: committed.missing === 0 ? committed.summary : null,
    framesPerClient: stopped.frames / Math.max(1, analysis.clients),
    snapshots: status1.snapshots - status0.snapshots,
    disconnects: status1.disconnects - status0.disconnects,
    cpu: cpuShares,
    clientLoopDelays: stopped.loopDelays,
    senderLagMs,
  };
}
