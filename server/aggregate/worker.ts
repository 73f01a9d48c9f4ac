import type { Clock } from '../clock';
import type { EventRules } from '../ingest/event-rules';
import { MINUTE_BUCKET_DAYS } from '../kpi/retention';
import { addDays, dayOf } from '../../shared/time';
import type { Commit, Store, StreamEntry, VersionedRecord } from '../store/types';
import { applyBatch, recordKeyOf, type StreamedEvent } from './apply-batch';
import { validateEntry } from './validate-entry';
import type { AggregatorStats } from '../../shared/health';
import { logFor } from '../observe/logger';

const logger = logFor('aggregator');

export interface AggregatorOptions {
  store: Store;
  clock: Clock;
  /** The same rules the ingest API applies (a direct XADD is held to them too). */
  rules: EventRules;
  /** Stable per process (host and port), so a restarted process finds its own unacknowledged entries. */
  consumer: string;
  batchSize?: number;
  blockMs?: number;
  /** Entries a dead consumer left pending this long are taken over. */
  claimIdleMs?: number;
  /**
   * Consumers of the group silent this long with nothing pending are removed (a process gone for good,
   * or renamed): their entries were claimed by the living after claimIdleMs, long before. Default 10 min.
   */
  deadConsumerMs?: number;
  log?: (msg: string) => void;
}

/** How often the group's consumer list is looked over for dead ones. */
const PRUNE_EVERY_MS = 60_000;

export type { AggregatorStats };

/**
 * Reads the event stream through the consumer group and applies each batch exactly once: validate,
 * load the records it touches, fold (pure), commit atomically. A commit that loses a race with another
 * process (a record's version moved) is recomputed from fresh records; a store outage is waited out
 * with the same batch, which stays pending until its commit succeeds.
 */
export function startAggregator(opts: AggregatorOptions) {
  const { store, clock, consumer, batchSize = 1000, blockMs = 1000, claimIdleMs = 30_000 } = opts;
  const log = opts.log ?? ((m: string) => logger.warn(m));
  const deadConsumerMs = opts.deadConsumerMs ?? 10 * 60_000;
  const prune = async () => {
    try {
      const removed = await store.removeIdleConsumers(consumer, deadConsumerMs);
      if (removed.length) log(`aggregator: removed dead consumers from the group: ${removed.join(', ')}`);
    } catch {
      // The store is away: the next round tries again.
    }
  };
  const pruning = setInterval(() => void prune(), Math.min(PRUNE_EVERY_MS, deadConsumerMs));
  pruning.unref();
  const stats: AggregatorStats = { applied: 0, duplicates: 0, rejected: 0, conflicts: 0, batches: 0 };
  let running = true;
  /**
   * The commit in flight. The next batch is read, validated, loaded and folded meanwhile (Node and
   * Redis work side by side), then waits for it: batches still commit one after another, in order.
   */
  let inflight: Promise<void> | null = null;
  /** Minute buckets are kept a week: days before it get none (an imported history leaves none behind). */
  const minutesFrom = () => addDays(dayOf(clock.now()), -MINUTE_BUCKET_DAYS);

  /** Validates entries; rejects go to the dead-letter stream. Returns the good events. */
  async function validate(entries: StreamEntry[]): Promise<StreamedEvent[]> {
    const good: StreamedEvent[] = [];
    const rejects: { entry: StreamEntry; reason: string }[] = [];
    const now = clock.now();
    for (const entry of entries) {
      const r = validateEntry(entry, now, opts.rules);
      if ('event' in r) good.push({ entryId: entry.id, event: r.event });
      else rejects.push({ entry, reason: r.reason });
    }
    if (rejects.length) {
      await store.deadLetter(rejects);
      stats.rejected += rejects.length;
    }
    return good;
  }

  /** Reads the next batch, validates it, and starts loading its records (not awaited). */
  async function prepare(): Promise<Prepared | null> {
    const entries = await store.read(consumer, { count: batchSize, blockMs, claimIdleMs });
    if (!entries.length || !running) return null;
    const good = await retrying(() => validate(entries));
    if (!good.length) return null;
    const keys = [...new Set(good.map((b) => recordKeyOf(b.event)).filter((k) => k !== null))];
    const loaded = retrying(() => store.loadRecords(keys));
    loaded.catch(() => {}); // awaited later; a stop in between must not leave it unhandled
    return { good, keys, loaded };
  }

  /**
   * Commits a folded batch until it lands. The records it was folded from may be stale (another process,
   * or an earlier commit of ours that was retried): then the versions do not match, nothing is written,
   * and the batch is folded again from fresh records.
   */
  async function commitExactlyOnce(p: Prepared, folded: ReturnType<typeof applyBatch>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (await store.commit(folded.commit)) {
        stats.applied += folded.applied;
        stats.duplicates += folded.duplicates;
        stats.batches++;
        return;
      }
      stats.conflicts++;
      if (attempt > 3) await sleep(Math.min(1000, 10 * attempt));
      folded = applyBatch(await store.loadRecords(p.keys), p.good, minutesFrom());
    }
  }

  // The loop runs until stop(); its own errors are caught inside, so nothing awaits it.
  void (async () => {
    let backoff = 100;
    // Records written by the last two commits, newest last: a batch loaded while they were in flight
    // may have read older versions.
    let written: Written[] = [];
    let next = prepare();
    while (running) {
      let p: Prepared | null;
      try {
        p = await next;
        backoff = 100;
      } catch (err) {
        if (!running) break;
        log(`aggregator: store unavailable, retrying in ${backoff} ms: ${(err as Error).message}`);
        await sleep(backoff);
        backoff = Math.min(5000, backoff * 2);
        next = prepare();
        continue;
      }
      // Read after stop: leave the entries pending; this consumer gets them again when it restarts.
      if (!running) break;
      // Start reading the following batch now, so Redis serves it while this one is folded.
      next = prepare();
      if (!p) {
        if (inflight) await inflight.catch(() => {}); // quiet stream: let the last commit land first
        continue;
      }
      try {
        const loaded = await p.loaded;
        for (const w of written) for (const key of p.keys) if (w.has(key)) loaded.set(key, w.get(key)!);
        const folded = applyBatch(loaded, p.good, minutesFrom());
        written = [written.at(-1) ?? new Map(), writtenBy(folded.commit)];
        // One commit in flight at a time: batches land in stream order.
        if (inflight) await inflight;
        if (!running) break;
        inflight = retrying(() => commitExactlyOnce(p, folded));
        inflight.catch(() => {});
      } catch (err) {
        // Only a stop or a bug gets here; the batch stays pending and is claimed again later.
        if (running) log(`aggregator: could not apply a batch: ${(err as Error).message}`);
      }
    }
    next.catch(() => {});
  })();

  /** A batch already read is retried until it lands: it is ours, pending, and must not be skipped. */
  async function retrying<T>(fn: () => Promise<T>): Promise<T> {
    let backoff = 100;
    for (;;) {
      try {
        return await fn();
      } catch (err) {
        if (!running) throw err;
        log(`aggregator: commit failed, retrying in ${backoff} ms: ${(err as Error).message}`);
        await sleep(backoff);
        backoff = Math.min(5000, backoff * 2);
      }
    }
  }

  return {
    stats,
    /** Stops reading; the commit in flight is finished first, so nothing is half-applied. */
    async stop() {
      running = false;
      clearInterval(pruning);
      await inflight?.catch(() => {});
    },
  };
}

type Written = Map<string, VersionedRecord>;

/** A batch read and validated, its records on the way. */
interface Prepared {
  good: StreamedEvent[];
  keys: string[];
  loaded: Promise<Map<string, VersionedRecord>>;
}

const writtenBy = (c: Commit): Written =>
  new Map(c.records.map((r) => [r.key, { version: r.expect + 1, body: r.body }]));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
