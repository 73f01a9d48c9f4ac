import type { Clock } from '../clock';
import type { EventRules } from '../ingest/event-rules';
import { MINUTE_BUCKET_DAYS } from '../kpi/retention';
import { addDays, dayOf } from '../../shared/time';
import type { Commit, Store, StreamEntry, VersionedRecord } from '../store/types';
import { applyBatch, recordKeyOf, type StreamedEvent } from './apply-batch';
import { checkEntry } from './validate-entry';
import { EVENTS_PER_ENTRY } from '../store/entry-pack';
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

/** An aggregator's counts before it has read anything. */
export const noAggregatorStats = (): AggregatorStats => ({
  applied: 0,
  duplicates: 0,
  rejected: 0,
  conflicts: 0,
  batches: 0,
});

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
  const stats = noAggregatorStats();
  let running = true;
  /**
   * The commit in flight. The next batch is read, validated, loaded and folded meanwhile (Node and
   * Redis work side by side), then waits for it: batches still commit one after another, in order.
   */
  let inflight: Promise<void> | null = null;
  /** Minute buckets are kept a week: days before it get none (an imported history leaves none behind). */
  const minutesFrom = () => addDays(dayOf(clock.now()), -MINUTE_BUCKET_DAYS);

  /**
   * Entries read and not yet taken into a batch. An entry holds 1 to EVENTS_PER_ENTRY events, so one
   * read may hold several batches; they are taken whole entries at a time, about batchSize events each.
   * Bounded: a read asks for at most batchSize entries, so at most batchSize × EVENTS_PER_ENTRY events
   * (their raw text) wait here.
   */
  let queued: StreamEntry[] = [];
  let queuedAt = 0;
  /**
   * Entries asked of the next read: about batchSize events, by what the entries read last held. The
   * first read assumes full entries, so that one consumer does not take a whole backlog of them at once
   * while the group's other consumers wait.
   */
  let readCount = Math.max(1, Math.floor(batchSize / EVENTS_PER_ENTRY));
  const lastRead = { entries: 0, events: 0 };

  /**
   * The next entry: queued, or else (waitForMore) read, waiting up to blockMs. Null when the stream
   * stayed quiet, or nothing is queued and the batch should not wait for more.
   */
  async function takeEntry(waitForMore: boolean): Promise<StreamEntry | null> {
    if (queuedAt >= queued.length) {
      if (!waitForMore) return null;
      if (lastRead.entries > 0) {
        const perEntry = Math.max(1, lastRead.events / lastRead.entries);
        readCount = Math.min(batchSize, Math.max(1, Math.round(batchSize / perEntry)));
      }
      queued = await store.read(consumer, { count: readCount, blockMs, claimIdleMs });
      queuedAt = 0;
      lastRead.entries = 0;
      lastRead.events = 0;
      // Read after stop: leave the entries pending; this consumer gets them again when it restarts.
      if (!running) queued = [];
      if (!queued.length) return null;
    }
    return queued[queuedAt++]!;
  }

  /**
   * The next batch: whole entries, checked, until about batchSize events; rejects go to the dead-letter
   * stream. Returns the good events (none: the stream stayed quiet, or all of it was rejected).
   */
  async function nextBatch(): Promise<StreamedEvent[]> {
    const good: StreamedEvent[] = [];
    const rejects: { entry: StreamEntry; reason: string }[] = [];
    const stillPending = new Set<string>();
    let entry = await takeEntry(true);
    // Taken once the entries are here, as the read may have waited for them: an event is judged "in
    // the future" against this instant.
    const now = clock.now();
    while (entry) {
      const verdict = checkEntry(entry, now, opts.rules);
      for (const event of verdict.events) good.push({ entryId: entry.id, event });
      for (const { raw, reason } of verdict.rejects) rejects.push({ entry: { id: entry.id, raw }, reason });
      // Its good events are acknowledged with the commit that counts them, not with the rejects.
      if (verdict.events.length && verdict.rejects.length) stillPending.add(entry.id);
      lastRead.entries += 1;
      lastRead.events += verdict.events.length + verdict.rejects.length;
      if (good.length + rejects.length >= batchSize) break;
      entry = await takeEntry(false);
    }
    if (rejects.length) {
      await retrying(() => store.deadLetter(rejects, stillPending));
      stats.rejected += rejects.length;
    }
    return good;
  }

  /** Takes the next batch, and starts loading its records (not awaited). */
  async function prepare(): Promise<Prepared | null> {
    const good = await nextBatch();
    if (!good.length || !running) return null;
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

  /**
   * prepare(), started ahead of the moment it is awaited. Its failure (Redis going away mid-read) is
   * seen when the loop awaits it; until then it must already have a handler, or Node counts it as an
   * unhandled rejection and ends the process while the loop waits for the commit in flight.
   */
  function prepareAhead(): Promise<Prepared | null> {
    const ahead = prepare();
    ahead.catch(() => {});
    return ahead;
  }

  // The loop runs until stop(); its own errors are caught inside, so nothing awaits it.
  void (async () => {
    let backoff = 100;
    // Records written by the last two commits, newest last: a batch loaded while they were in flight
    // may have read older versions.
    let written: Written[] = [];
    let next = prepareAhead();
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
        next = prepareAhead();
        continue;
      }
      // Read after stop: leave the entries pending; this consumer gets them again when it restarts.
      if (!running) break;
      // Start reading the following batch now, so Redis serves it while this one is folded.
      next = prepareAhead();
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
