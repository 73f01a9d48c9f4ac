/**
 * `npm run bench`: throughput, latency and memory figures measured on this machine, against the real
 * product (server/index.ts in its own process, configured only through its environment), a real Redis
 * on loopback and Socket.IO clients in processes of their own (two: client-pool.ts). Prints a table and writes test-results/bench.json.
 *
 * Everything is bounded: counts are fixed, every wait has a deadline, a watchdog ends the whole run,
 * and the processes and Redis keys it made are removed on the way out, failure or not.
 *
 * BENCH_CPU_PROF=1   start the servers with --cpu-prof (profiles in test-results/bench-prof/, read them
 *                    with `npx tsx test/bench/profile-summary.ts`); the figures then include its overhead.
 * BENCH_MAX_FPS=n    pass MAX_FPS=n to the servers (a what-if; the product default is 100).
 * BENCH_RATES=a,b    in the screens part, only these rates (events/s) and 'lone' (default: all), to iterate on one row.
 * BENCH_PARTS=a,b    run only these parts: ingest, screens, wall, meeting, dossiers, fleet (default: all six), and the
 *                    longer ones run only when named: import (`npm run import` of a 1,000,000-event
 *                    history file, made once into test-results/), history (the stream's length under a
 *                    steady flow for BENCH_STREAM_MINUTES, default 10; Redis memory of a province-year,
 *                    BENCH_HISTORY_DAYS of simulated events, default 365, on a redis-server of its own).
 *
 * The wall part drives the built page (dist/client: `npm run bench` builds it first) in Debian's Chromium.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { ClientPool, CLIENT_PROCESSES } from './client-pool';
import {
  backlogDrain,
  httpIngest,
  now,
  rawXadd,
  sleep,
  xaddIngest,
  type IngestResult,
  type Probe,
} from './ingest';
import { collectGarbage } from './inspector';
import { latencyScenario, type LatencyEnv, type LatencyResult } from './latency';
import { describeMachine, type Machine } from './machine';
import { newKeys, ServerProcess, type AggregatorStats } from './server';
import { formatTable, int, ms } from './table';
import { CpuWindow, waitForQuiet, type CpuShares } from './cpu';
import { measureWallClient, type WallClientResult } from './wall-client';
import { measureMeeting, type MeetingResult } from './meeting';
import { measureDossierPages, type DossierPagesResult } from './dossier-pages';
import { Fleet, FLEET, FLEET_RSS_TARGET_MB, type FleetMemory, type FleetRun } from './fleet';
import { APPLY_LEAD_MS } from '../../shared/meeting';
import { historyFile, type HistoryFile } from './history-file';
import { runImporterProcess, type ImporterRun } from './importer-process';
import {
  busiestScopes,
  checkServer,
  modelAtEndOfYesterday,
  readEvents,
  type ReferenceCheck,
} from './import-reference';
import { startOwnRedis } from './own-redis';
import { rawTcpFloor, type RawFloorResult } from './raw-floor';
import { provinceYearFigures, provinceYearMemory, type ProvinceYearMemory } from './redis-memory';
import { DEFAULT_RETENTION_DAYS, MINUTE_BUCKET_DAYS } from '../../server/kpi/retention';
import { streamStaysBounded, type StreamBoundResult } from './stream-bound';
import { mismatchReport } from '../support/reference-kpis';
import { readGroup } from '../../server/cli/import-stream';

type RedisClient = ReturnType<typeof createClient>;

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const INGEST_EVENTS = 200_000;
const INGEST_TARGET = 50_000;
const SCREENS = 1_000;
const FEW_SCREENS = 100;
const RATES = [
  { rate: 100, batch: 1, targetMs: 100 },
  { rate: 1_000, batch: 10, targetMs: 100 },
  { rate: 5_000, batch: 50, targetMs: 250 },
] as const;
/** Far apart (200 ms, longer than any pacing gap): every event finds the path quiet. */
const LONE_RATE = 5;
const WINDOW_MS = 10_000;
const MEMORY_TARGET_KB = 40;
/** A 60 Hz panel shows a smooth wall at 50 frames a second or more. */
const WALL_FPS_TARGET = 50;
/** The page's main thread must leave most of its time free: a signage player is a small machine. */
const WALL_BUSY_TARGET = 0.35;
/** Bridge points of one meeting, and how closely they must switch together (p99 of apply times). */
const MEETING_FOLLOWERS = 200;
const MEETING_SPREAD_TARGET_MS = 50;
/** Open dossiers in Redis while a leader pages the late and due-soon lists, 100 a page, and the target. */
const DOSSIERS_OPEN = 100_000;
const DOSSIER_PAGE_TARGET_MS = 50;
const PARTS = new Set(
  (process.env.BENCH_PARTS ?? 'ingest,screens,wall,meeting,dossiers,fleet').split(',').map((p) => p.trim()),
);
/** The import part: a history file of this many events, `npm run import`ed at this rate or more. */
const IMPORT_EVENTS = 1_000_000;
const IMPORT_TARGET = 50_000;
/** The history part: a steady flow of this many events a second for this many minutes. */
const STREAM_RATE = 2_000;
const STREAM_MINUTES = Number(process.env.BENCH_STREAM_MINUTES ?? 10);
/** At most what arrives between two trims (every 10 s), twice over: bounded, not growing. */
const STREAM_BOUND = 2 * STREAM_RATE * 10;
/** The province-year of the memory figure: days simulated, and the volume the figure is scaled to. */
const HISTORY_DAYS = Number(process.env.BENCH_HISTORY_DAYS ?? 365);
const DOSSIERS_PER_WORKING_DAY = 3_000;
const RATES_RUN = process.env.BENCH_RATES?.split(',').map((r) => r.trim());
const rateRuns = (rate: number | 'lone') => !RATES_RUN || RATES_RUN.includes(String(rate));
/** The whole bench must end; if something hangs, this ends it (and still cleans up). */
const WATCHDOG_MS =
  10 * 60_000 +
  (PARTS.has('fleet') ? 8 * 60_000 : 0) +
  (PARTS.has('import') ? 15 * 60_000 : 0) +
  (PARTS.has('history') ? (STREAM_MINUTES + 25) * 60_000 : 0);

const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));
const serverEnv: Record<string, string> = process.env.BENCH_MAX_FPS
  ? { MAX_FPS: process.env.BENCH_MAX_FPS }
  : {};
const nodeFlags =
  process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${resultsDir}bench-prof`] : [];

interface Row {
  figure: string;
  measured: string;
  target: string;
  result: 'PASS' | 'MISS' | 'info' | 'ERROR';
  /** CPU other processes of the machine used during the measurement (% of one core): noise. */
  others: string;
  detail: string;
}

interface MemoryResult {
  clients: number;
  /** RSS and JS heap in use, each after a full GC, with 0 and with `clients` idle subscribed clients. */
  rssIdleBytes: number;
  rssClientsBytes: number;
  heapIdleBytes: number | null;
  heapClientsBytes: number | null;
  perClientKb: number;
  heapPerClientKb: number | null;
}

const started = now();
const rows: Row[] = [];
const raw: Record<string, unknown> = {};
const cleanups: (() => Promise<void>)[] = [];

async function cleanup(): Promise<void> {
  // Last made, first undone: clients before the server, the server before its Redis keys.
  while (cleanups.length) await cleanups.pop()!().catch((err: unknown) => console.warn('cleanup:', err));
}

const newPrefix = (name: string) => `bench:${randomBytes(4).toString('hex')}:${name}:`;
const globLiteral = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

/** Deletes every key under `prefix`: SCAN + UNLINK, never KEYS, never blocking Redis. */
async function dropPrefix(redis: RedisClient, prefix: string): Promise<void> {
  for await (const keys of redis.scanIterator({ MATCH: `${globLiteral(prefix)}*`, COUNT: 1000 })) {
    if (keys.length) await redis.unlink(keys);
  }
}

function log(msg: string): void {
  console.log(`[bench ${((now() - started) / 1000).toFixed(1).padStart(5)} s] ${msg}`);
}

/** Runs one measurement; a failure becomes an ERROR row and the bench goes on with the next. */
async function measure<T>(
  figure: string,
  target: string,
  fn: () => Promise<T>,
  toRow: (r: T) => Omit<Row, 'figure' | 'target' | 'others'>,
  others: (r: T) => number | null,
): Promise<T | null> {
  const quiet = await waitForQuiet();
  log(
    `${figure} …` +
      (quiet.busyPct >= 35
        ? ` (machine still ${pct(quiet.busyPct)} busy after ${(quiet.waitedMs / 1000).toFixed(0)} s: going on)`
        : ''),
  );
  try {
    const r = await fn();
    raw[figure] = r;
    const o = others(r);
    const row = { figure, target, ...toRow(r), others: o === null ? '-' : pct(o) };
    rows.push(row);
    log(`${figure}: ${row.measured} ${row.result}`);
    return r;
  } catch (err) {
    raw[figure] = { error: String(err) };
    rows.push({
      figure,
      measured: '-',
      target,
      result: 'ERROR',
      others: '-',
      detail: (err as Error).message.split('\n')[0] ?? '',
    });
    log(`${figure}: ERROR ${(err as Error).stack ?? String(err)}`);
    return null;
  }
}

/** Cores of this machine, for reading CPU shares (set once the machine is described). */
let machineCores = 2;
const pct = (n: number) => `${Math.round(n)}%`;
const cpuNote = (c: CpuShares) =>
  `CPU server ${pct(c.server)} (main thread ${pct(c.serverMain)}), redis ${pct(c.redis)}, ` +
  (c.clients ? `clients ${pct(c.clients)}, ` : '') +
  `driver ${pct(c.driver)}, others ${pct(c.others)}` +
  (c.topOthers.length ? ` [${c.topOthers.map((o) => `${o.name} ${pct(o.pct)}`).join('; ')}]` : '') +
  ` (machine ${pct(c.machine)} of ${machineCores * 100}%)`;

const ingestRow = (r: IngestResult): Omit<Row, 'figure' | 'target' | 'others'> => ({
  measured: `${int(r.appliedPerSec)} ev/s`,
  result: r.exact && r.appliedPerSec >= INGEST_TARGET ? 'PASS' : 'MISS',
  detail:
    `${int(r.events)} events applied in ${(r.elapsedMs / 1000).toFixed(2)} s; today's count moved by ${int(r.receivedDelta)}` +
    `${r.exact ? ' (exact)' : ' (NOT EXACT)'}` +
    (r.duplicatesSent
      ? `; ${int(r.duplicatesSent)} resent, ${int(r.duplicatesSeen)} recognised as duplicates`
      : '') +
    `; written at ${int(r.writtenPerSec)} ev/s; ${r.batches} aggregator batches (${int(r.events / Math.max(1, r.batches))}/batch, ` +
    `${(r.elapsedMs / Math.max(1, r.batches)).toFixed(1)} ms each), ${r.conflicts} conflicts, ${r.rejected} rejected; ` +
    `${cpuNote(r.cpu)}; Redis time: ${r.redisCommands
      .slice(0, 4)
      .map((c) => `${c.command} ${int(c.ms)} ms (${int(c.calls)}×${c.usPerCall.toFixed(0)} µs)`)
      .join(', ')}`,
});

const latencyRow =
  (targetMs: number | null) =>
  (r: LatencyResult): Omit<Row, 'figure' | 'target' | 'others'> => ({
    measured:
      `p50 ${ms(r.perClient.p50)}, p99 ${ms(r.perClient.p99)}, p99 all ${ms(r.allClients.p99)} ms; ` +
      `clients' loop delay p99 ${r.clientLoopDelays.map((d) => ms(d.p99Ms)).join('/')} ms`,
    result: targetMs === null ? 'info' : r.missing === 0 && r.allClients.p99 <= targetMs ? 'PASS' : 'MISS',
    detail:
      `${int(r.events)} events × ${int(r.clients)} clients; all clients p50 ${ms(r.allClients.p50)}, max ${ms(r.allClients.max)} ms; ` +
      (r.committed
        ? `POST→committed p50 ${ms(r.committed.p50)}, p99 ${ms(r.committed.p99)} ms; `
        : 'POST→committed n/a; ') +
      `fan-out spread (first to last client, per frame) p50 ${ms(r.fanoutSpread.p50)}, p99 ${ms(r.fanoutSpread.p99)} ms; ` +
      `${r.framesPerClient.toFixed(0)} frames per client` +
      (r.missing ? `; ${int(r.missing)} (event, client) pairs MISSING` : '') +
      (r.snapshots ? `; ${r.snapshots} lag snapshots` : '') +
      (r.disconnects ? `; ${r.disconnects} disconnects` : '') +
      `; ${cpuNote(r.cpu)}; clients' event loop delay max ${r.clientLoopDelays.map((d) => ms(d.maxMs)).join('/')} ms` +
      `; sender late by ≤ ${ms(r.senderLagMs)} ms`,
  });

/** RSS after a full GC (through the inspector) and a moment to settle: the median of a few samples. */
async function settledMemory(server: ServerProcess): Promise<{ rss: number; heap: number | null }> {
  const url = server.inspectorUrl;
  const heap = url ? (await collectGarbage(url)).usedBytes : null;
  await sleep(url ? 1_000 : 3_000);
  const samples: number[] = [];
  for (let i = 0; i < 8; i++) {
    samples.push(server.rssBytes());
    await sleep(125);
  }
  samples.sort((a, b) => a - b);
  return { rss: samples[Math.floor(samples.length / 2)]!, heap };
}

async function ingestPart(probe: Probe): Promise<void> {
  const prefix = newPrefix('ingest');
  cleanups.push(() => dropPrefix(probe.redis, prefix));
  const keys = newKeys();
  const server = await ServerProcess.start({ redisUrl: REDIS_URL, prefix, keys, nodeFlags, env: serverEnv });
  cleanups.push(() => server.stop());
  log(`ingest server pid ${server.pid} on ${server.baseUrl}, prefix ${prefix}`);
  // Warm-up (not measured): JIT the ingest and aggregation paths, as in a server that has run a while.
  await httpIngest(server, probe, keys.one_stop, {
    events: 20_000,
    batch: 1000,
    posters: 4,
    resendEvery: 10,
    timeoutMs: 60_000,
  });

  await measure(
    '1a Ingest HTTP, exactly once',
    `≥ ${int(INGEST_TARGET)} ev/s`,
    () =>
      httpIngest(server, probe, keys.one_stop, {
        events: INGEST_EVENTS,
        batch: 1000,
        posters: 4,
        resendEvery: 10,
        timeoutMs: 120_000,
      }),
    ingestRow,
    (r) => r.cpu.others,
  );
  await measure(
    '1b Ingest direct XADD, exactly once',
    `≥ ${int(INGEST_TARGET)} ev/s`,
    () => xaddIngest(server, probe, `${prefix}events`, { events: INGEST_EVENTS, timeoutMs: 120_000 }),
    ingestRow,
    (r) => r.cpu.others,
  );
  await measure(
    '1d Aggregation of a backlog, exactly once',
    `≥ ${int(INGEST_TARGET)} ev/s`,
    () => backlogDrain(server, probe, `${prefix}events`, { events: INGEST_EVENTS, timeoutMs: 120_000 }),
    ingestRow,
    (r) => r.cpu.others,
  );
  await measure(
    '1c Raw pipelined XADD (Redis write ceiling)',
    'reference',
    () => rawXadd(probe.redis, `${prefix}scratch`, INGEST_EVENTS),
    (r) => ({
      measured: `${int(r.perSec)} ev/s`,
      result: 'info',
      detail: `${int(INGEST_EVENTS)} XADDs from the driver (node-redis, pipelined) into a stream nobody reads, ${(r.elapsedMs / 1000).toFixed(2)} s`,
    }),
    () => null,
  );
  await server.stop();
  // 440,000 dossier records are no longer needed: rid Redis of them before the latency runs.
  await dropPrefix(probe.redis, prefix);
  await threadedIngest(probe);
}

/** 1a again with AGGREGATOR_THREAD=on: HTTP and aggregation on two threads of one process. */
async function threadedIngest(probe: Probe): Promise<void> {
  const prefix = newPrefix('ingest-thread');
  cleanups.push(() => dropPrefix(probe.redis, prefix));
  const keys = newKeys();
  const env = { ...serverEnv, AGGREGATOR_THREAD: 'on' };
  const server = await ServerProcess.start({ redisUrl: REDIS_URL, prefix, keys, nodeFlags, env });
  cleanups.push(() => server.stop());
  const run = (events: number, timeoutMs: number) =>
    httpIngest(server, probe, keys.one_stop, { events, batch: 1000, posters: 4, resendEvery: 10, timeoutMs });
  await run(20_000, 60_000); // warm-up, as for 1a
  await measure(
    '1e Ingest HTTP, exactly once, aggregator on its own thread (AGGREGATOR_THREAD=on)',
    `≥ ${int(INGEST_TARGET)} ev/s`,
    () => run(INGEST_EVENTS, 120_000),
    ingestRow,
    (r) => r.cpu.others,
  );
  await server.stop();
  await dropPrefix(probe.redis, prefix);
}

async function screensPart(probe: Probe): Promise<void> {
  const prefix = newPrefix('screens');
  cleanups.push(() => dropPrefix(probe.redis, prefix));
  const keys = newKeys();
  // The inspector (loopback, random port) is only there to force a full GC before reading RSS.
  const flags = [...nodeFlags, '--inspect=127.0.0.1:0'];
  const server = await ServerProcess.start({
    redisUrl: REDIS_URL,
    prefix,
    keys,
    nodeFlags: flags,
    env: serverEnv,
  });
  cleanups.push(() => server.stop());
  log(`screens server pid ${server.pid} on ${server.baseUrl}, prefix ${prefix}`);
  const pool = ClientPool.start();
  cleanups.push(() => pool.stop());
  const env: LatencyEnv = {
    server,
    pool,
    key: keys.one_stop,
    redis: probe.redis,
    prefix,
    redisPid: probe.redisPid,
  };

  // A light warm-up (every path once: ingest, aggregation, subscribe, frames), kept small on purpose:
  // a heavy one leaves V8 with tens of MB of resident but free heap, which the 1,000 clients then
  // fill without moving RSS, and the per-client figure would read near zero.
  const warm = await pool.call({ kind: 'connect', url: server.baseUrl, count: 10, concurrency: 10 }, 60_000);
  if (warm.failed) throw new Error(`warm-up clients failed to connect: ${warm.firstError}`);
  await latencyScenario(env, { clients: 10, rate: 200, batch: 1, durationMs: 1_000 });
  await pool.call({ kind: 'trim', keep: 0 }, 30_000);

  const memory = await measure(
    '3  Server memory per idle client',
    `≤ ${MEMORY_TARGET_KB} KB`,
    async (): Promise<MemoryResult> => {
      const idle = await settledMemory(server);
      const c = await pool.call(
        { kind: 'connect', url: server.baseUrl, count: SCREENS, concurrency: 50 },
        120_000,
      );
      if (c.failed) throw new Error(`${c.failed} of ${SCREENS} clients failed to connect: ${c.firstError}`);
      log(`${c.connected} clients connected and subscribed in ${(c.elapsedMs / 1000).toFixed(1)} s`);
      const busy = await settledMemory(server);
      const perClient = (a: number | null, b: number | null) =>
        a === null || b === null ? null : (b - a) / SCREENS / 1024;
      return {
        clients: SCREENS,
        rssIdleBytes: idle.rss,
        rssClientsBytes: busy.rss,
        heapIdleBytes: idle.heap,
        heapClientsBytes: busy.heap,
        perClientKb: perClient(idle.rss, busy.rss)!,
        heapPerClientKb: perClient(idle.heap, busy.heap),
      };
    },
    (m) => ({
      measured: `${m.perClientKb.toFixed(1)} KB`,
      result: m.perClientKb <= MEMORY_TARGET_KB ? 'PASS' : 'MISS',
      detail:
        `RSS ${(m.rssIdleBytes / 2 ** 20).toFixed(1)} MB with 0 clients after a light warm-up, ${(m.rssClientsBytes / 2 ** 20).toFixed(1)} MB with ` +
        `${int(m.clients)} subscribed (each after a full GC)` +
        (m.heapPerClientKb === null
          ? ''
          : `; of which JS heap ${m.heapPerClientKb.toFixed(1)} KB per client`),
    }),
    () => null,
  );
  if (!memory) return; // without the screens connected there is no latency to measure
  // The real warm-up of the latency runs (not measured), with every screen there.
  await latencyScenario(env, { clients: SCREENS, rate: 1000, batch: 10, durationMs: 2_000 });

  let lone: LatencyResult | null = null;
  for (const clients of [SCREENS, FEW_SCREENS]) {
    const s = await pool.call({ kind: 'trim', keep: clients }, 30_000);
    if (s.connected !== clients) throw new Error(`expected ${clients} clients, ${s.connected} connected`);
    for (const { rate, batch, targetMs } of RATES) {
      if (!rateRuns(rate)) continue;
      await measure(
        `2  Latency ${int(clients)} clients @ ${int(rate)} ev/s`,
        `p99 all ≤ ${targetMs} ms`,
        () => latencyScenario(env, { clients, rate, batch, durationMs: WINDOW_MS }),
        latencyRow(targetMs),
        (r) => r.cpu.others,
      );
    }
    if (clients === SCREENS && rateRuns('lone')) {
      lone = await measure(
        `2  Latency ${int(clients)} clients, lone events (${LONE_RATE} ev/s)`,
        'reference',
        () => latencyScenario(env, { clients, rate: LONE_RATE, batch: 1, durationMs: WINDOW_MS }),
        latencyRow(null),
        (r) => r.cpu.others,
      );
    }
  }
  // The product is done here: the floor row, if any, has the machine to itself.
  await server.stop();
  if (rateRuns('lone')) await floorRow(env, lone);
  await pool.stop();
}

/**
 * The same lone events and clients through a bare Socket.IO server (floor-server.ts): what writing a
 * frame to 1,000 sockets and reading it in the clients' processes takes on this machine, with nothing
 * of the product in between. The product's lone-event row is read against it.
 */
async function floorRow(env: LatencyEnv, product: LatencyResult | null): Promise<void> {
  const floor = await ServerProcess.start({
    redisUrl: REDIS_URL,
    prefix: newPrefix('floor'),
    keys: newKeys(),
    entry: ['--import', 'tsx', 'test/bench/floor-server.ts'],
  });
  cleanups.push(() => floor.stop());
  const { pool } = env;
  await pool.call({ kind: 'trim', keep: 0 }, 30_000);
  const c = await pool.call(
    { kind: 'connect', url: floor.baseUrl, count: SCREENS, concurrency: 50 },
    120_000,
  );
  if (c.failed) throw new Error(`${c.failed} of ${SCREENS} clients failed to connect to the floor server`);
  const floorEnv = { ...env, server: floor };
  await latencyScenario(floorEnv, { clients: SCREENS, rate: 1000, batch: 10, durationMs: 2_000 });
  const bare = await measure(
    `2  Floor: lone events (${LONE_RATE} ev/s), ${int(SCREENS)} clients, bare Socket.IO server`,
    'reference',
    () => latencyScenario(floorEnv, { clients: SCREENS, rate: LONE_RATE, batch: 1, durationMs: WINDOW_MS }),
    latencyRow(null),
    (r) => r.cpu.others,
  );
  await floor.stop();
  if (product && bare) rows.push(overTheFloor(product, bare));
  await measure(
    `2  Floor: ${int(SCREENS)} plain TCP sockets, no HTTP, WebSocket or Socket.IO`,
    'reference',
    () => rawTcpFloor(SCREENS, (WINDOW_MS / 1000) * LONE_RATE, 1000 / LONE_RATE),
    (r: RawFloorResult) => ({
      measured: `p50 ${ms(r.perSocket.p50)}, p99 ${ms(r.perSocket.p99)}, p99 all ${ms(r.lastSocket.p99)} ms`,
      result: 'info',
      detail:
        `${int(r.rounds)} lines × ${int(r.sockets)} sockets, ${LONE_RATE} a second, read in ${CLIENT_PROCESSES} processes; ` +
        `last socket p50 ${ms(r.lastSocket.p50)} ms; the writer's loop over the sockets p50 ${ms(r.writeLoop.p50)}, ` +
        `p99 ${ms(r.writeLoop.p99)} ms: what this machine charges per socket before any server code`,
    }),
    () => null,
  );
}

/**
 * What the product adds to a lone event on its way to 1,000 screens, over the bare Socket.IO server of
 * the same run (same clients, same machine, minutes apart): checking, Redis, aggregation, the hub. The
 * floor itself moves from machine to machine of the same kind; this difference moves much less.
 */
function overTheFloor(product: LatencyResult, bare: LatencyResult): Row {
  const over = (a: number, b: number) => `${a - b >= 0 ? '+' : '−'}${ms(Math.abs(a - b))}`;
  return {
    figure: '2  Lone events: the product over the bare Socket.IO floor',
    measured:
      `p50 ${over(product.perClient.p50, bare.perClient.p50)}, ` +
      `p99 ${over(product.perClient.p99, bare.perClient.p99)}, ` +
      `p99 all ${over(product.allClients.p99, bare.allClients.p99)} ms`,
    target: 'reference',
    result: 'info',
    others: '-',
    detail:
      `the row "Latency ${int(SCREENS)} clients, lone events" minus the row "Floor: lone events", same run: ` +
      `product p50 ${ms(product.perClient.p50)}, p99 ${ms(product.perClient.p99)} ms; ` +
      `bare Socket.IO p50 ${ms(bare.perClient.p50)}, p99 ${ms(bare.perClient.p99)} ms`,
  };
}

/** 5,000 screens on one process (RSS, latency), then 20,000 on 4 processes over one Redis (fleet.ts). */
async function fleetPart(probe: Probe): Promise<void> {
  const prefix = newPrefix('fleet');
  cleanups.push(() => dropPrefix(probe.redis, prefix));
  const fleet = await Fleet.start({
    redisUrl: REDIS_URL,
    probe,
    prefix,
    env: serverEnv,
    nodeFlags,
    cleanups,
    settledMemory,
    log,
  });
  const memory = await measure(
    `4  Server RSS, ${int(FLEET.onOne)} idle screens on one process`,
    `≤ ${FLEET_RSS_TARGET_MB} MB`,
    () => fleet.memoryOnOne(),
    (m: FleetMemory) => ({
      measured: `${m.rssScreensMb.toFixed(1)} MB`,
      result: m.rssScreensMb <= FLEET_RSS_TARGET_MB ? 'PASS' : 'MISS',
      detail: `${m.rssIdleMb.toFixed(1)} MB before the screens, ${m.perScreenKb.toFixed(1)} KB per screen (each after a full GC)`,
    }),
    () => null,
  );
  if (!memory) return;
  const rssNote = (r: FleetRun) => `RSS of each process ${r.rssMb.map((m) => m.toFixed(0)).join(' / ')} MB; `;
  for (const [rate, batch] of [
    [100, 1],
    [LONE_RATE, 1],
  ] as const) {
    await measure(
      `4  Latency ${int(FLEET.onOne)} screens on one process @ ${int(rate)} ev/s`,
      'p99 all ≤ 100 ms',
      () => fleet.run(rate, batch, WINDOW_MS),
      (r) => {
        const row = latencyRow(100)(r);
        return { ...row, detail: rssNote(r) + row.detail };
      },
      (r) => r.cpu.others,
    );
  }
  for (let i = 1; i < FLEET.processes; i++) await fleet.connect(i, FLEET.perProcess);
  await measure(
    `4  ${int(fleet.connected)} screens on ${FLEET.processes} processes, one Redis, lone events`,
    'every event on every screen',
    () => fleet.run(LONE_RATE, 1, WINDOW_MS),
    (r) => {
      const row = latencyRow(null)(r);
      return {
        ...row,
        result: r.missing === 0 ? 'PASS' : 'MISS',
        detail: rssNote(r) + `(server CPU is the first process's) ` + row.detail,
      };
    },
    (r) => r.cpu.others,
  );
}

async function wallPart(): Promise<void> {
  await measure(
    'wall client 3840x2160',
    `≥ ${WALL_FPS_TARGET} fps; main thread busy ≤ ${pct(WALL_BUSY_TARGET * 100)}`,
    () => measureWallClient(3840, 2160),
    (r: WallClientResult) => ({
      measured: `${r.fps.toFixed(1)} fps; busy ${pct(r.busyShare * 100)}`,
      result: r.fps >= WALL_FPS_TARGET && r.busyShare <= WALL_BUSY_TARGET ? 'PASS' : 'MISS',
      detail:
        `${(r.windowMs / 1000).toFixed(0)} s, every scene in turn (${r.scenesSeen.join(', ')}), embedded demo, ` +
        `Chromium headless with software GL; frame interval median ${ms(r.frameMedianMs)}, p99 ${ms(r.frameP99Ms)}, ` +
        `worst ${ms(r.frameMaxMs)}; script ${pct(r.scriptShare * 100)}, style+layout ${pct(r.layoutShare * 100)} of the window`,
    }),
    () => null,
  );
}

async function meetingPart(redis: RedisClient): Promise<void> {
  const prefix = newPrefix('meeting');
  cleanups.push(() => dropPrefix(redis, prefix));
  await measure(
    `meeting, ${MEETING_FOLLOWERS} followers on 2 processes`,
    `apply spread p99 < ${MEETING_SPREAD_TARGET_MS} ms`,
    () => measureMeeting(REDIS_URL, prefix, MEETING_FOLLOWERS),
    (r: MeetingResult) => ({
      measured: `spread p99 ${ms(r.spreadP99)}; click to last follower ${ms(r.clickToLastP50)}`,
      result: r.spreadP99 < MEETING_SPREAD_TARGET_MS ? 'PASS' : 'MISS',
      detail:
        `${r.changes} scene changes, each applied by all ${r.followers} followers (half on each of two server ` +
        `processes sharing Redis through @socket.io/redis-streams-adapter) at the stamped server-clock instant: ` +
        `spread of apply times p50 ${ms(r.spreadP50)}, p99 ${ms(r.spreadP99)}, max ${ms(r.spreadMax)}; ` +
        `applied after the stamped instant by p99 ${ms(r.lateP99)}; presenter's click to the last follower ` +
        `median ${ms(r.clickToLastP50)}, worst ${ms(r.clickToLastMax)} (the lead is ${APPLY_LEAD_MS} ms)`,
    }),
    () => null,
  );
}

async function dossiersPart(redis: RedisClient): Promise<void> {
  const prefix = newPrefix('dossiers');
  cleanups.push(() => dropPrefix(redis, prefix));
  await measure(
    `dossier list, page of 100 of ${int(DOSSIERS_OPEN)} open`,
    `p99 <= ${DOSSIER_PAGE_TARGET_MS} ms`,
    () => measureDossierPages(REDIS_URL, prefix, DOSSIERS_OPEN),
    (r: DossierPagesResult) => ({
      measured: `p50 ${ms(r.p50)}, p99 ${ms(r.p99)}`,
      result: r.p99 <= DOSSIER_PAGE_TARGET_MS ? 'PASS' : 'MISS',
      detail:
        `GET /api/v1/dossiers?limit=100 as a leader over loopback HTTP, ${r.pages} pages following the cursors ` +
        `(province late of ${int(r.late)}, province due within 24 h of ${int(r.dueSoon)}, one commune's late), ` +
        `${int(r.open)} open dossiers committed by the aggregator's code in ${r.fillSeconds.toFixed(1)} s: ` +
        `p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, max ${ms(r.max)} ms`,
    }),
    () => null,
  );
}

/** A row from a measurement already made (no quiet wait: nothing is timed here). */
function record<T>(
  figure: string,
  target: string,
  r: T,
  toRow: (r: T) => Omit<Row, 'figure' | 'target' | 'others'>,
) {
  raw[figure] = r;
  const row = { figure, target, ...toRow(r), others: '-' };
  rows.push(row);
  log(`${figure}: ${row.measured} ${row.result}`);
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** The history file of the import part (made once, reused while young). */
const importFile = () =>
  historyFile({
    path: `${resultsDir}import-1m.ndjson`,
    events: IMPORT_EVENTS,
    province: '01',
    seed: 2025,
    days: 120,
    log,
  });

/** XINFO STREAM's entries-added (trimming does not move it) and XLEN. */
async function streamCounts(redis: RedisClient, stream: string): Promise<{ added: number; length: number }> {
  const info = (await redis.sendCommand(['XINFO', 'STREAM', stream])) as unknown[];
  return { added: Number(info[info.indexOf('entries-added') + 1]), length: await redis.xLen(stream) };
}

/** Waits until the aggregator has taken in `events` more than in `base`; returns when, and its counters. */
async function aggregatorTookIn(
  server: ServerProcess,
  base: AggregatorStats,
  events: number,
  timeoutMs: number,
) {
  const seenSince = (s: AggregatorStats) =>
    s.applied + s.duplicates + s.rejected - (base.applied + base.duplicates + base.rejected);
  for (const deadline = now() + timeoutMs; ; await sleep(200)) {
    const stats = await server.aggregator();
    if (seenSince(stats) >= events) {
      const at = now();
      await sleep(300); // a stray late commit would show in the counts read next
      return { at, stats: await server.aggregator() };
    }
    if (now() > deadline)
      throw new Error(
        `the aggregator took in ${seenSince(stats)} of ${events} events in ${timeoutMs / 1000} s`,
      );
  }
}

/** The group's lag, sampled every second until stopped; the largest seen. */
function sampleLag(redis: RedisClient, stream: string) {
  let max = 0;
  let on = true;
  const loop = (async () => {
    while (on) {
      max = Math.max(max, (await readGroup(redis, stream))?.lag ?? 0);
      await sleep(1_000);
    }
  })();
  return async () => {
    on = false;
    await loop;
    return max;
  };
}

interface ImportAlone {
  file: HistoryFile;
  run: ImporterRun;
  /** Importer CPU, % of one core, over its run; the CPU window of the (frozen) server, Redis and the rest. */
  importerPct: number;
  cpu: CpuShares;
  /** The server let go after the import: how long its aggregator took to count the lot. */
  drainMs: number;
  stats: AggregatorStats;
  check: ReferenceCheck;
}

interface ImportRerun {
  run: ImporterRun;
  before: { added: number; length: number };
  after: { added: number; length: number };
  statsBefore: AggregatorStats;
  statsAfter: AggregatorStats;
  check: ReferenceCheck;
}

interface ImportAlongside {
  run: ImporterRun;
  maxLag: number;
  drainMs: number;
  stats: AggregatorStats;
  check: ReferenceCheck;
}

async function startImportServer(probe: Probe, name: string, province: string) {
  const prefix = newPrefix(name);
  cleanups.push(() => dropPrefix(probe.redis, prefix));
  const server = await ServerProcess.start({
    redisUrl: REDIS_URL,
    prefix,
    keys: newKeys(),
    nodeFlags,
    env: { ...serverEnv, PROVINCE: province },
  });
  cleanups.push(() => server.stop());
  log(`${name} server pid ${server.pid} on ${server.baseUrl}, prefix ${prefix}`);
  return {
    prefix,
    server,
    stream: `${prefix}events`,
    env: { REDIS_URL, REDIS_PREFIX: prefix, PROVINCE: province },
  };
}

async function importPart(probe: Probe): Promise<void> {
  const file = await importFile();
  log(
    `history file ${file.path}: ${int(file.events)} events, ${mb(file.bytes)} MB, ` +
      (file.makeMs ? `made in ${(file.makeMs / 1000).toFixed(0)} s` : `made ${file.madeAt}, reused`),
  );
  log('reading it into the reference model …');
  const events = await readEvents(file.path);
  const model = modelAtEndOfYesterday(events);
  const scopes = busiestScopes(events, 2);
  const periods = ['30d', 'year'] as const;
  events.length = 0;

  // 4a: the importer alone. The server is frozen (SIGSTOP, as in 1d) so that its aggregator does not
  // share the 2 cores meanwhile, and the lag limit is raised above the file: nobody reads until it is done.
  const one = await startImportServer(probe, 'import', file.province);
  const alone = await measure(
    '4a Import into Redis (npm run import, 1,000,000 events)',
    `≥ ${int(IMPORT_TARGET)} ev/s`,
    async (): Promise<ImportAlone> => {
      const base = await one.server.aggregator();
      process.kill(one.server.pid, 'SIGSTOP');
      let run: ImporterRun;
      let shares: CpuShares;
      try {
        const cpu = new CpuWindow({ server: one.server.pid, clients: null, redis: probe.redisPid });
        run = await runImporterProcess(
          [file.path, '--max-lag', String(2 * IMPORT_EVENTS)],
          one.env,
          10 * 60_000,
        );
        shares = cpu.end();
      } finally {
        process.kill(one.server.pid, 'SIGCONT');
      }
      const tResumed = now();
      if (run.code !== 0 || run.summary?.loaded !== file.events)
        throw new Error(`the importer exited ${run.code}: ${run.stdout}${run.stderr.slice(-2000)}`);
      const { at, stats } = await aggregatorTookIn(one.server, base, file.events, 10 * 60_000);
      const check = await checkServer(one.server.baseUrl, model, scopes, periods);
      return {
        file,
        run,
        importerPct: (run.cpuMs / run.wallMs) * 100,
        cpu: shares,
        drainMs: at - tResumed,
        stats,
        check,
      };
    },
    (x) => ({
      measured: `${int(x.run.summary!.perSec)} ev/s`,
      result: x.run.summary!.perSec >= IMPORT_TARGET ? 'PASS' : 'MISS',
      detail:
        `${int(x.file.events)} lines (${mb(x.file.bytes)} MB: ${x.file.days.toFixed(0)} days of simulated Hà Nội from ` +
        `${x.file.from.slice(0, 10)}, its tasks' history from ${x.file.earliest.slice(0, 10)}) read, validated and XADDed in ` +
        `${x.run.summary!.seconds.toFixed(1)} s (${(x.run.wallMs / 1000).toFixed(1)} s with Node's start), the server frozen meanwhile ` +
        `and --max-lag ${int(2 * IMPORT_EVENTS)}; CPU importer ${pct(x.importerPct)}, ` +
        cpuNote(x.cpu).replace(', clients 0%', ''),
    }),
    (x) => Math.max(0, x.cpu.others - x.importerPct),
  );
  if (alone) {
    record('4b Imported history counted exactly once', 'every KPI = reference model', alone, (x) => ({
      measured:
        (x.check.mismatches.length === 0 ? 'exact' : `${x.check.mismatches.length} differences`) +
        `; ${int((x.file.events / x.drainMs) * 1000)} ev/s counted`,
      result: x.check.mismatches.length === 0 && x.stats.rejected === 0 ? 'PASS' : 'MISS',
      detail:
        `the server let go after the import counted the ${int(x.file.events)} events in ${(x.drainMs / 1000).toFixed(1)} s ` +
        `(the real mix of event types, each after the first about a dossier already stored); aggregator: ` +
        `${int(x.stats.applied)} applied, ${int(x.stats.duplicates)} duplicates, ${int(x.stats.rejected)} rejected, ` +
        `${int(x.stats.batches)} batches, ${int(x.stats.conflicts)} conflicts. Every KPI (value, numerator, denominator, ` +
        `previous period) of ${x.check.asked.length} answers (province, the 2 busiest communes and agencies; yesterday, ` +
        `30 days and the year to yesterday) against the reference model of the tests built from the file: ` +
        (x.check.mismatches.length === 0
          ? `no difference (year to yesterday: ${Object.entries(x.check.headline)
              .map(([k, v]) => `${k} ${v === null ? '-' : int(v)}`)
              .join(', ')})`
          : mismatchReport(x.check.mismatches, 'import').split('\n').slice(0, 6).join(' | ')),
    }));

    // 4c: again, the same file: a finished import appends nothing, and nothing moves.
    const before = await streamCounts(probe.redis, one.stream);
    const statsBefore = await one.server.aggregator();
    const again = await runImporterProcess([file.path], one.env, 2 * 60_000);
    await sleep(2_000);
    const rerun: ImportRerun = {
      run: again,
      before,
      after: await streamCounts(probe.redis, one.stream),
      statsBefore,
      statsAfter: await one.server.aggregator(),
      check: await checkServer(one.server.baseUrl, model, scopes, periods),
    };
    record('4c Import rerun', 'nothing appended, counts unchanged', rerun, (x) => ({
      measured: `${int(x.after.added - x.before.added)} appended`,
      result:
        x.run.code === 0 &&
        /already imported/.test(x.run.stdout) &&
        x.after.added === x.before.added &&
        x.statsAfter.applied === x.statsBefore.applied &&
        x.check.mismatches.length === 0
          ? 'PASS'
          : 'MISS',
      detail:
        `exit ${x.run.code}, "${x.run.stdout.trim()}" in ${(x.run.wallMs / 1000).toFixed(1)} s; stream entries ever added ` +
        `${int(x.before.added)} → ${int(x.after.added)}, XLEN ${int(x.before.length)} → ${int(x.after.length)}; applied ` +
        `${int(x.statsBefore.applied)} → ${int(x.statsAfter.applied)}; ${x.check.mismatches.length} differences from the model`,
    }));
  }
  await one.server.stop();
  await dropPrefix(probe.redis, one.prefix);

  // 4d: as an operator runs it beside a live server: default lag limit, the aggregator counting meanwhile.
  const two = await startImportServer(probe, 'import-live', file.province);
  await measure(
    '4d Import while the aggregator counts (default --max-lag)',
    'reference',
    async (): Promise<ImportAlongside> => {
      const base = await two.server.aggregator();
      const maxLag = sampleLag(probe.redis, two.stream);
      const run = await runImporterProcess([file.path], two.env, 15 * 60_000);
      const tImported = now();
      if (run.code !== 0 || run.summary?.loaded !== file.events)
        throw new Error(`the importer exited ${run.code}: ${run.stdout}${run.stderr.slice(-2000)}`);
      const { at, stats } = await aggregatorTookIn(two.server, base, file.events, 10 * 60_000);
      return {
        run,
        maxLag: await maxLag(),
        drainMs: at - tImported,
        stats,
        check: await checkServer(two.server.baseUrl, model, scopes, periods),
      };
    },
    (x) => ({
      measured: `${int(x.run.summary!.perSec)} ev/s`,
      result: x.check.mismatches.length === 0 ? 'info' : 'MISS',
      detail:
        `${int(x.run.summary!.loaded)} events in ${x.run.summary!.seconds.toFixed(1)} s, held back ` +
        `${x.run.pauses}× (${x.run.pausedSeconds.toFixed(1)} s in all) while the group's lag was over 500,000 ` +
        `(largest lag seen ${int(x.maxLag)}); counted in full ${(x.drainMs / 1000).toFixed(1)} s after the importer ended ` +
        `(${int((IMPORT_EVENTS / (x.run.wallMs + x.drainMs)) * 1000)} ev/s end to end); ` +
        `${x.check.mismatches.length} differences from the reference model`,
    }),
    () => null,
  );
  await two.server.stop();
  await dropPrefix(probe.redis, two.prefix);
}

async function historyPart(): Promise<void> {
  if (STREAM_MINUTES !== 10) log(`stream part: ${STREAM_MINUTES} min instead of 10 (BENCH_STREAM_MINUTES)`);
  await measure(
    `5a Stream length at ${int(STREAM_RATE)} ev/s for ${STREAM_MINUTES} min`,
    `≤ ${int(STREAM_BOUND)} entries`,
    async (): Promise<StreamBoundResult> => {
      // A Redis of our own: 1.2 M dossiers are no load to put on the shared one.
      const own = await startOwnRedis();
      cleanups.push(() => own.stop());
      const server = await ServerProcess.start({
        redisUrl: own.url,
        prefix: 'ioc:',
        keys: newKeys(),
        nodeFlags,
        env: serverEnv,
      });
      cleanups.push(() => server.stop());
      try {
        return await streamStaysBounded(server, own.client, 'ioc:events', {
          rate: STREAM_RATE,
          minutes: STREAM_MINUTES,
          log,
        });
      } finally {
        await server.stop();
        await own.stop();
      }
    },
    (x) => ({
      measured: `max ${int(x.max)}, end ${int(x.final)}`,
      result: x.max <= STREAM_BOUND && x.applied >= x.sent ? 'PASS' : 'MISS',
      detail:
        `${int(x.sent)} XADDs (dossier.received, each a new dossier) in ${x.minutes} min while the server's aggregator ` +
        `counted them (all ${int(x.applied)} within ${(x.catchUpMs / 1000).toFixed(1)} s of the last); XLEN at each minute: ` +
        `${x.perMinute.map(int).join(', ')}; ${int(x.final)} once the aggregator had caught up and a trim had run; ` +
        `max ${int(x.max)} (sampled every second); the bound is what arrives in two 10 s trim periods` +
        (x.senderLagMs > 200 ? `; the sender fell behind by up to ${ms(x.senderLagMs)} ms` : ''),
    }),
    () => null,
  );
  await measure(
    `5b Redis memory per province-year (${int(DOSSIERS_PER_WORKING_DAY)} dossiers a working day)`,
    'reference',
    async (): Promise<ProvinceYearMemory> => {
      const own = await startOwnRedis();
      cleanups.push(() => own.stop());
      const server = await ServerProcess.start({
        redisUrl: own.url,
        prefix: 'ioc:',
        keys: newKeys(),
        nodeFlags,
        env: { ...serverEnv, PROVINCE: '01' },
      });
      cleanups.push(() => server.stop());
      try {
        return await provinceYearMemory(server, own.client, 'ioc:', {
          province: '01',
          seed: 2025,
          days: HISTORY_DAYS,
          maxLag: 300_000,
          log,
        });
      } finally {
        await server.stop();
        await own.stop();
      }
    },
    (x) => {
      const f = provinceYearFigures(x, DOSSIERS_PER_WORKING_DAY, DEFAULT_RETENTION_DAYS, MINUTE_BUCKET_DAYS);
      const minutes = x.shares.find((s) => s.kind.startsWith('minute'))?.bytes ?? 0;
      return {
        measured: `${mb(f.perYear)} MB`,
        result: 'info',
        detail:
          `${x.days} days of simulated Hà Nội (${int(x.events)} events: ${int(x.dossiers)} dossiers, ` +
          `${int(x.dossiersPerWorkingDay)} a working day over ${x.workingDays} working days; ${int(x.records)} dossier records ` +
          `with those carried over) XADDed in ${(x.loadMs / 1000).toFixed(0)} s, counted ${(x.drainMs / 1000).toFixed(0)} s after ` +
          `the last, into an empty redis-server of the bench's own: used_memory ${mb(x.usedBefore)} → ${mb(x.usedAfter)} MB ` +
          `(+${mb(x.usedAfter - x.usedBefore)} MB at the simulator's volume). By kind (MEMORY USAGE, keys): ` +
          x.shares.map((s) => `${s.kind} ${mb(s.bytes)} MB (${int(s.keys)})`).join(', ') +
          `. Per province-year at ${int(DOSSIERS_PER_WORKING_DAY)} dossiers a working day: records and their sets ` +
          `×${f.perDossier.toFixed(2)} (${int(DOSSIERS_PER_WORKING_DAY)} × ${Math.round((x.workingDays * 365) / x.days)} ` +
          `working days / ${int(x.records)} records), counters ×${(365 / x.days).toFixed(2)}, streams as they are, the key ` +
          `space pro rata (×${f.overhead.toFixed(2)}). Held for good with RETENTION_DAYS ${DEFAULT_RETENTION_DAYS} and minute ` +
          `buckets of ${MINUTE_BUCKET_DAYS} days: ≈ ${mb(f.steadyState)} MB. But minute buckets of every past day loaded stay ` +
          `(${mb(minutes)} MB here, ${mb(f.minutesPerYear)} MB a year of history): retention drops them only for the day just ` +
          `past ${MINUTE_BUCKET_DAYS} days at each midnight (60 days at a start)`,
      };
    },
    () => null,
  );
}

function header(machine: Machine): string {
  return (
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM; Node ${machine.node}; Redis ${machine.redis}` +
    (serverEnv.MAX_FPS ? `; server MAX_FPS=${serverEnv.MAX_FPS} (what-if)` : '') +
    (nodeFlags.length ? '; server under --cpu-prof (figures include its overhead)' : '')
  );
}

function report(machine: Machine, elapsedMs: number, load: number[]): void {
  rows.sort((a, b) => a.figure.localeCompare(b.figure, 'en', { numeric: true }));
  console.log('');
  console.log(header(machine));
  console.log(
    `Run: ${new Date().toISOString()}, ${(elapsedMs / 1000).toFixed(0)} s; load average before ${load.map((l) => l.toFixed(2)).join(' ')}`,
  );
  console.log('');
  console.log(
    formatTable(
      ['figure', 'measured', 'target', 'result', 'others CPU'],
      rows.map((r) => [r.figure, r.measured, r.target, r.result, r.others]),
    ),
  );
  console.log('');
  console.log(
    'others CPU: what other processes of the machine used meanwhile (% of one core); high means disturbed.\n',
  );
  for (const r of rows) console.log(`${r.figure}:\n    ${r.detail}`);
  mkdirSync(resultsDir, { recursive: true });
  const file = `${resultsDir}bench.json`;
  writeFileSync(
    file,
    JSON.stringify(
      { machine, serverEnv, nodeFlags, at: new Date().toISOString(), elapsedMs, loadBefore: load, rows, raw },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nwritten to ${file}`);
}

async function main(): Promise<number> {
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min, giving up`);
    void cleanup().finally(() => process.exit(1));
  }, WATCHDOG_MS);
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  }
  const load = loadavg();

  const redis: RedisClient = createClient({ url: REDIS_URL });
  redis.on('error', (err: Error) => console.warn(`[bench] Redis: ${err.message}`));
  await redis.connect();
  cleanups.push(() => redis.close());
  const machine = await describeMachine(redis);
  machineCores = machine.cores;
  console.log(header(machine));
  let failed = false;
  try {
    const probe: Probe = { redis, redisPid: machine.redisPid };
    if (PARTS.has('ingest')) await ingestPart(probe);
    if (PARTS.has('screens')) await screensPart(probe);
    if (PARTS.has('wall')) await wallPart();
    if (PARTS.has('meeting')) await meetingPart(redis);
    if (PARTS.has('dossiers')) await dossiersPart(redis);
    if (PARTS.has('fleet')) await fleetPart(probe);
    if (PARTS.has('import')) await importPart(probe);
    if (PARTS.has('history')) await historyPart();
  } catch (err) {
    failed = true;
    console.error('bench failed:', err);
  } finally {
    await cleanup();
    clearTimeout(watchdog);
  }
  report(machine, now() - started, load);
  return failed || rows.some((r) => r.result === 'ERROR') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    void cleanup().finally(() => process.exit(1));
  },
);
