import type { createClient } from 'redis';
import { receivedEvent } from './events';
import { CpuWindow, type CpuShares } from './cpu';
import { commandStats, costlyCommands, type CommandCost, type CommandStats } from './redis-probe';
import type { AggregatorStats, ServerProcess } from './server';

type RedisClient = ReturnType<typeof createClient>;

export const now = (): number => performance.timeOrigin + performance.now();
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** How often the driver asks /healthz whether the aggregator is done (small next to a run of seconds). */
const POLL_MS = 20;

export interface IngestResult {
  events: number;
  /** Events applied per second, from the first write until the aggregator had applied the last one. */
  appliedPerSec: number;
  elapsedMs: number;
  /** How long the writing alone took (HTTP answers or XADD replies), and at what rate. */
  writeMs: number;
  writtenPerSec: number;
  /** Duplicates sent on purpose, and how many the aggregator recognised as such. */
  duplicatesSent: number;
  duplicatesSeen: number;
  /** Today's received count moved by exactly `events`. */
  exact: boolean;
  receivedDelta: number;
  rejected: number;
  conflicts: number;
  batches: number;
  /** CPU over the run, % of one core (the server may use more than one with its threads). */
  cpu: CpuShares;
  /** Where Redis's time went (includes the driver's own XADDs in 1b). */
  redisCommands: CommandCost[];
}

/** Counters read just before the first write, to compute what the run itself did. */
interface Start {
  t0: number;
  stats: AggregatorStats;
  base: number;
  cpu: CpuWindow;
  redisCommands: CommandStats;
}

/** What a run is measured against: the server and Redis are shared with the ones before it. */
export interface Probe {
  redis: RedisClient;
  redisPid: number | null;
}

async function startRun(server: ServerProcess, probe: Probe): Promise<Start> {
  const [stats, base, redisCommands] = await Promise.all([
    server.aggregator(),
    server.receivedToday(),
    commandStats(probe.redis),
  ]);
  const cpu = new CpuWindow({ server: server.pid, clients: null, redis: probe.redisPid });
  return { stats, base, redisCommands, cpu, t0: now() };
}

/**
 * Waits until the aggregator has applied `applied` more events and recognised `duplicates` more
 * duplicates than in `from`; returns the time it saw it. Bounded by `timeoutMs`.
 */
async function waitApplied(
  server: ServerProcess,
  from: AggregatorStats,
  applied: number,
  duplicates: number,
  timeoutMs: number,
): Promise<{ at: number; stats: AggregatorStats }> {
  const deadline = now() + timeoutMs;
  for (;;) {
    const stats = await server.aggregator();
    const at = now();
    if (stats.applied - from.applied >= applied && stats.duplicates - from.duplicates >= duplicates)
      return { at, stats };
    if (at > deadline) {
      throw new Error(
        `aggregator applied ${stats.applied - from.applied}/${applied} events and ` +
          `${stats.duplicates - from.duplicates}/${duplicates} duplicates within ${timeoutMs} ms`,
      );
    }
    await sleep(POLL_MS);
  }
}

async function finish(
  server: ServerProcess,
  probe: Probe,
  start: Start,
  run: { events: number; dupSent: number; tWritten: number },
  timeoutMs: number,
): Promise<IngestResult> {
  const { at, stats } = await waitApplied(server, start.stats, run.events, run.dupSent, timeoutMs);
  const elapsedMs = at - start.t0;
  const cpu = start.cpu.end();
  const redisCommands = await commandStats(probe.redis);
  // Let any stray late commit land before checking the count is exact (none should).
  await sleep(300);
  const after = await server.aggregator();
  const receivedDelta = (await server.receivedToday()) - start.base;
  const writeMs = run.tWritten - start.t0;
  return {
    events: run.events,
    appliedPerSec: (run.events / elapsedMs) * 1000,
    elapsedMs,
    writeMs,
    writtenPerSec: ((run.events + run.dupSent) / writeMs) * 1000,
    duplicatesSent: run.dupSent,
    duplicatesSeen: after.duplicates - start.stats.duplicates,
    exact: receivedDelta === run.events && after.applied - start.stats.applied === run.events,
    receivedDelta,
    rejected: after.rejected - start.stats.rejected,
    conflicts: after.conflicts - start.stats.conflicts,
    batches: stats.batches - start.stats.batches,
    cpu,
    redisCommands: costlyCommands(start.redisCommands, redisCommands),
  };
}

/**
 * 1a. POST /api/v1/events: N distinct events in batches, by a few concurrent posters, plus every
 * `resendEvery`-th batch sent a second time a little later (a source retrying after a lost answer).
 * Bodies are serialised before the clock starts: we measure the server, not JSON.stringify.
 */
export async function httpIngest(
  server: ServerProcess,
  probe: Probe,
  key: string,
  opts: { events: number; batch: number; posters: number; resendEvery: number; timeoutMs: number },
): Promise<IngestResult> {
  const run = `h${Date.now().toString(36)}`;
  const bodies: string[] = [];
  for (let b = 0; b * opts.batch < opts.events; b++) {
    const size = Math.min(opts.batch, opts.events - b * opts.batch);
    bodies.push(
      JSON.stringify(Array.from({ length: size }, (_, i) => receivedEvent(run, b * opts.batch + i))),
    );
  }
  // The send order: each batch, and after every `resendEvery`-th one a copy of a batch sent earlier.
  const order: { body: string; dup: number }[] = [];
  let dupSent = 0;
  bodies.forEach((body, b) => {
    order.push({ body, dup: 0 });
    if (b % opts.resendEvery === opts.resendEvery - 1) {
      const again = b - Math.floor(opts.resendEvery / 2);
      const size = Math.min(opts.batch, opts.events - again * opts.batch);
      order.push({ body: bodies[again]!, dup: size });
      dupSent += size;
    }
  });

  const start = await startRun(server, probe);
  let next = 0;
  const poster = async () => {
    while (next < order.length) {
      const { body } = order[next++]!;
      const r = await fetch(`${server.baseUrl}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body,
      });
      const text = await r.text();
      if (r.status !== 202)
        throw new Error(`POST /api/v1/events answered ${r.status}: ${text.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: opts.posters }, poster));
  const tWritten = now();
  return finish(server, probe, start, { events: opts.events, dupSent, tWritten }, opts.timeoutMs);
}

/**
 * Pipelined XADD: node-redis sends every command issued in one tick as one write, so `inFlight`
 * chunks of `chunk` commands keep the connection full without unbounded memory.
 */
async function pipelinedXadd(
  client: RedisClient,
  stream: string,
  payloads: readonly string[],
  chunk = 1000,
  inFlight = 8,
) {
  let next = 0;
  const lane = async () => {
    while (next < payloads.length) {
      const from = next;
      next = Math.min(payloads.length, next + chunk);
      const pending: Promise<string>[] = [];
      for (let i = from; i < next; i++) pending.push(client.xAdd(stream, '*', { event: payloads[i]! }));
      await Promise.all(pending);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
}

export function serialisedEvents(run: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => JSON.stringify(receivedEvent(run, i)));
}

/** 1b. A system that speaks Redis XADDs straight into `<prefix>events`; the server's aggregator counts them. */
export async function xaddIngest(
  server: ServerProcess,
  probe: Probe,
  stream: string,
  opts: { events: number; timeoutMs: number },
): Promise<IngestResult> {
  const payloads = serialisedEvents(`x${Date.now().toString(36)}`, opts.events);
  const start = await startRun(server, probe);
  await pipelinedXadd(probe.redis, stream, payloads);
  const tWritten = now();
  return finish(server, probe, start, { events: opts.events, dupSent: 0, tWritten }, opts.timeoutMs);
}

/**
 * 1d. The aggregator's own rate: the server is frozen (SIGSTOP) while a backlog is XADDed, then let go
 * (SIGCONT); the clock runs from the moment it resumes until the last event is applied. Nothing else
 * competes for the two cores meanwhile, unlike 1b where the writer runs beside it.
 */
export async function backlogDrain(
  server: ServerProcess,
  probe: Probe,
  stream: string,
  opts: { events: number; timeoutMs: number },
): Promise<IngestResult> {
  const payloads = serialisedEvents(`d${Date.now().toString(36)}`, opts.events);
  const start = await startRun(server, probe);
  process.kill(server.pid, 'SIGSTOP');
  let tResumed: number;
  try {
    await pipelinedXadd(probe.redis, stream, payloads);
  } finally {
    tResumed = now();
    process.kill(server.pid, 'SIGCONT');
  }
  const r = await finish(
    server,
    probe,
    start,
    { events: opts.events, dupSent: 0, tWritten: tResumed },
    opts.timeoutMs,
  );
  const drainMs = r.elapsedMs - (tResumed - start.t0);
  return { ...r, elapsedMs: drainMs, appliedPerSec: (opts.events / drainMs) * 1000 };
}

/** 1c. The same XADDs into a stream nobody reads: the ceiling of writing into Redis from Node here. */
export async function rawXadd(
  client: RedisClient,
  stream: string,
  events: number,
): Promise<{ perSec: number; elapsedMs: number }> {
  const payloads = serialisedEvents(`w${Date.now().toString(36)}`, events);
  const t0 = now();
  await pipelinedXadd(client, stream, payloads);
  const elapsedMs = now() - t0;
  await client.unlink(stream);
  return { perSec: (events / elapsedMs) * 1000, elapsedMs };
}
