import type { Clock } from '../clock';
import type { Store, StreamEntry, VersionedRecord } from '../store/types';
import { applyBatch, recordKeyOf, type StreamedEvent } from './apply-batch';
import { validateEntry } from './validate-entry';

export interface AggregatorOptions {
  store: Store;
  clock: Clock;
  /** Stable per process (host and port), so a restarted process finds its own unacknowledged entries. */
  consumer: string;
  batchSize?: number;
  blockMs?: number;
  /** Entries a dead consumer left pending this long are taken over. */
  claimIdleMs?: number;
  log?: (msg: string) => void;
}

export interface AggregatorStats {
  applied: number;
  duplicates: number;
  rejected: number;
  conflicts: number;
  batches: number;
}

/**
 * Reads the event stream through the consumer group and applies each batch exactly once: validate,
 * load the records it touches, fold (pure), commit atomically. A commit that loses a race with another
 * process (a record's version moved) is recomputed from fresh records; a store outage is waited out
 * with the same batch, which stays pending until its commit succeeds.
 */
export function startAggregator(opts: AggregatorOptions) {
  const { store, clock, consumer, batchSize = 1000, blockMs = 1000, claimIdleMs = 30_000 } = opts;
  const log = opts.log ?? ((m: string) => console.warn(m));
  const stats: AggregatorStats = { applied: 0, duplicates: 0, rejected: 0, conflicts: 0, batches: 0 };
  let running = true;
  /**
   * The commit in flight. The next batch is read, validated and loaded meanwhile (Node and Redis work
   * side by side), then waits for it: batches still commit one after another, in stream order.
   */
  let inflight: Promise<Written> | null = null;

  /** Validates entries; rejects go to the dead-letter stream. Returns the good events. */
  async function validate(entries: StreamEntry[]): Promise<StreamedEvent[]> {
    const good: StreamedEvent[] = [];
    const rejects: { entry: StreamEntry; reason: string }[] = [];
    const now = clock.now();
    for (const entry of entries) {
      const r = validateEntry(entry, now);
      if ('event' in r) good.push({ entryId: entry.id, event: r.event });
      else rejects.push({ entry, reason: r.reason });
    }
    if (rejects.length) {
      await store.deadLetter(rejects);
      stats.rejected += rejects.length;
    }
    return good;
  }

  /**
   * Folds and commits a batch until it lands. `loaded` may be stale (another process moved a record):
   * then the versions do not match, nothing is written, and the batch is folded again from fresh records.
   */
  async function commitExactlyOnce(
    batch: StreamedEvent[],
    keys: string[],
    loaded: Map<string, VersionedRecord>,
  ) {
    for (let attempt = 0; ; attempt++) {
      const { commit, applied, duplicates } = applyBatch(loaded, batch);
      if (await store.commit(commit)) {
        stats.applied += applied;
        stats.duplicates += duplicates;
        stats.batches++;
        return new Map(commit.records.map((r) => [r.key, { version: r.expect + 1, body: r.body }]));
      }
      stats.conflicts++;
      if (attempt > 3) await sleep(Math.min(1000, 10 * attempt));
      loaded = await store.loadRecords(keys);
    }
  }

  async function prepareAndCommit(good: StreamedEvent[]) {
    const keySet = new Set(good.map((b) => recordKeyOf(b.event)).filter((k) => k !== null));
    const keys = [...keySet];
    const loaded = await store.loadRecords(keys);
    // What the previous commit wrote is newer than what may have been read while it was in flight.
    if (inflight) for (const [key, rec] of await inflight) if (keySet.has(key)) loaded.set(key, rec);
    if (!running) return;
    inflight = retrying(() => commitExactlyOnce(good, keys, loaded));
  }

  const loop = (async () => {
    let backoff = 100;
    while (running) {
      try {
        const entries = await store.read(consumer, { count: batchSize, blockMs, claimIdleMs });
        // Read after stop: leave the entries pending; this consumer gets them again when it restarts.
        if (!running) break;
        if (entries.length) {
          const good = await retrying(() => validate(entries));
          if (good.length) await retrying(() => prepareAndCommit(good));
        } else if (inflight) await inflight; // quiet stream: let the last commit land before idling
        backoff = 100;
      } catch (err) {
        if (!running) break;
        log(`aggregator: store unavailable, retrying in ${backoff} ms: ${(err as Error).message}`);
        await sleep(backoff);
        backoff = Math.min(5000, backoff * 2);
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
      await inflight?.catch(() => {});
    },
    /** Resolves when the loop has exited (after stop, once the waiting read returns). */
    done: loop,
  };
}

type Written = Map<string, VersionedRecord>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
