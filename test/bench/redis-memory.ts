import type { createClient } from 'redis';
import { isWorkingDay, dayNumberOf } from '../../server/simulator/calendar';
import { readGroup } from '../../server/cli/import-stream';
import { DAY_MS } from '../../shared/time';
import { simulatedHistory } from './history-file';
import { now, sleep } from './ingest';
import { usedMemory } from './own-redis';
import type { ServerProcess } from './server';

type RedisClient = ReturnType<typeof createClient>;

/**
 * Redis memory of a province-year: a year of the simulator's Hà Nội (every event type, its real mix)
 * put through the server's aggregator into an empty Redis of the bench's own, then INFO memory and
 * MEMORY USAGE of every key, grouped by what the key holds (server/aggregate/keys.ts, redis-scripts.ts).
 */

/** What the keys under the prefix hold, by the first part of their name. */
const KINDS: [kind: string, test: (rest: string) => boolean][] = [
  ['records (rec:body, rec:ver)', (k) => k === 'rec:body' || k === 'rec:ver'],
  ['day counters (day:*)', (k) => k.startsWith('day:')],
  ['minute buckets (min:*)', (k) => k.startsWith('min:')],
  ['month/year stock sums (mon:*, yr:*)', (k) => k.startsWith('mon:') || k.startsWith('yr:')],
  ['open dossiers and tasks (due:*, topen:*, task:*)', (k) => /^(due|topen|task):/.test(k)],
  ['closed-record index (closed)', (k) => k === 'closed'],
  ['streams (events, events:dead, changes)', (k) => k === 'events' || k === 'events:dead' || k === 'changes'],
  ['other', () => true],
];

/** The kinds that grow with the number of dossiers (the rest grows with days × scopes). */
export const PER_DOSSIER_KINDS = new Set([
  'records (rec:body, rec:ver)',
  'open dossiers and tasks (due:*, topen:*, task:*)',
  'closed-record index (closed)',
]);

export interface MemoryShare {
  kind: string;
  keys: number;
  bytes: number;
}

export interface ProvinceYearMemory {
  days: number;
  events: number;
  /** Dossiers with a record: those received in the window and those carried over from before it. */
  records: number;
  /** Dossiers received in the window, and its working days. */
  dossiers: number;
  workingDays: number;
  dossiersPerWorkingDay: number;
  /** used_memory before the first event and once the aggregator has counted the year. */
  usedBefore: number;
  usedAfter: number;
  shares: MemoryShare[];
  loadMs: number;
  drainMs: number;
}

/**
 * XADDs the simulated history into the stream (pipelined, at most `maxLag` entries ahead of the
 * aggregator, as the importer does), waits until the aggregator has counted all of it and a trim has
 * run, and measures.
 */
export async function provinceYearMemory(
  server: ServerProcess,
  redis: RedisClient,
  prefix: string,
  opts: { province: string; seed: number; days: number; maxLag: number; log: (msg: string) => void },
): Promise<ProvinceYearMemory> {
  const stream = `${prefix}events`;
  const usedBefore = await usedMemory(redis);
  const base = await server.aggregator();
  const end = Date.now() - 60_000;
  const start = end - opts.days * DAY_MS;
  const receivedByDay = new Map<number, number>();
  let events = 0;
  const t0 = now();
  for (const window of simulatedHistory(opts.province, opts.seed, start, end)) {
    for (let i = 0; i < window.events.length; i += 4_000) {
      // Hold back while the aggregator is far behind: the stream must not hold the whole year at once.
      while (((await readGroup(redis, stream))?.lag ?? 0) > opts.maxLag) await sleep(250);
      const chunk = window.events.slice(i, i + 4_000);
      await Promise.all(chunk.map((e) => redis.xAdd(stream, '*', { event: JSON.stringify(e) })));
      for (const e of chunk) {
        if (e.type !== 'dossier.received') continue;
        const day = dayNumberOf(Date.parse(e.at));
        receivedByDay.set(day, (receivedByDay.get(day) ?? 0) + 1);
      }
    }
    events += window.events.length;
    opts.log(
      `memory: ${events.toLocaleString('en-US')} events sent, up to ${new Date(window.to).toISOString()}`,
    );
  }
  const tSent = now();
  for (const deadline = now() + 600_000; ; await sleep(500)) {
    const s = await server.aggregator();
    const seen = s.applied + s.duplicates + s.rejected - (base.applied + base.duplicates + base.rejected);
    if (seen >= events) break;
    if (now() > deadline) throw new Error(`the aggregator took in ${seen} of ${events} events in 10 min`);
  }
  const drainMs = now() - tSent;
  // Trimming runs every 10 s: let it take the stream's consumed entries before measuring.
  await sleep(12_000);
  const usedAfter = await usedMemory(redis);

  // Working days of the window itself (the receipts carried over from before it are not its days).
  const firstDay = dayNumberOf(start) + 1;
  const lastDay = dayNumberOf(end);
  let workingDays = 0;
  let dossiers = 0;
  for (let d = firstDay; d <= lastDay; d++) {
    if (isWorkingDay(d)) workingDays++;
    dossiers += receivedByDay.get(d) ?? 0;
  }
  return {
    days: opts.days,
    events,
    records: [...receivedByDay.values()].reduce((a, b) => a + b, 0),
    dossiers,
    workingDays,
    dossiersPerWorkingDay: dossiers / workingDays,
    usedBefore,
    usedAfter,
    shares: await memoryByKind(redis, prefix),
    loadMs: tSent - t0,
    drainMs,
  };
}

/** MEMORY USAGE (exact: SAMPLES 0) of every key under the prefix, summed by kind. */
async function memoryByKind(redis: RedisClient, prefix: string): Promise<MemoryShare[]> {
  const shares = new Map<string, MemoryShare>(KINDS.map(([kind]) => [kind, { kind, keys: 0, bytes: 0 }]));
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
    const sizes = await Promise.all(
      keys.map((k) => redis.sendCommand<number | null>(['MEMORY', 'USAGE', k, 'SAMPLES', '0'])),
    );
    keys.forEach((key, i) => {
      const rest = key.slice(prefix.length);
      const kind = KINDS.find(([, test]) => test(rest))![0];
      const share = shares.get(kind)!;
      share.keys++;
      share.bytes += Number(sizes[i] ?? 0);
    });
  }
  return [...shares.values()].filter((s) => s.keys > 0);
}

export interface ProvinceYearFigures {
  /** Bytes of Redis per province-year at the given volume, minute buckets and streams as measured. */
  perYear: number;
  /**
   * Bytes held for good at that volume with RETENTION_DAYS of history: records and day counters of that
   * many days, minute buckets of MINUTE_BUCKET_DAYS (as retention means them to be), streams as measured.
   */
  steadyState: number;
  /** Minute buckets a year of history leaves behind (never dropped when older than 67 days, see README). */
  minutesPerYear: number;
  /** used_memory over the sum of MEMORY USAGE: the key space itself, shared out pro rata. */
  overhead: number;
  /** The factor applied to the per-dossier kinds: the volume asked for over the records measured. */
  perDossier: number;
}

/**
 * From a measured history to a province-year at `dossiersPerWorkingDay`: records (and the sets indexing
 * them) grow with the dossiers, carried-over ones included as each is a record; counters grow with days
 * (every scope has events every day at these volumes); streams are what they are.
 */
export function provinceYearFigures(
  x: ProvinceYearMemory,
  dossiersPerWorkingDay: number,
  retentionDays: number,
  minuteBucketDays: number,
): ProvinceYearFigures {
  const year = 365 / x.days;
  const overhead = (x.usedAfter - x.usedBefore) / x.shares.reduce((a, s) => a + s.bytes, 0);
  const perDossier = (dossiersPerWorkingDay * x.workingDays * year) / x.records;
  const bytes = (test: (kind: string) => boolean) =>
    x.shares.filter((s) => test(s.kind)).reduce((a, s) => a + s.bytes, 0) * overhead;
  const records = bytes((k) => PER_DOSSIER_KINDS.has(k)) * perDossier;
  const streams = bytes((k) => k.startsWith('streams'));
  const minutes = bytes((k) => k.startsWith('minute')) * year;
  const counters =
    bytes((k) => !PER_DOSSIER_KINDS.has(k) && !k.startsWith('streams') && !k.startsWith('minute')) * year;
  const kept = retentionDays / 365;
  return {
    perYear: records + counters + minutes + streams,
    steadyState: (records + counters) * kept + (minutes * minuteBucketDays) / 365 + streams,
    minutesPerYear: minutes,
    overhead,
    perDossier,
  };
}
