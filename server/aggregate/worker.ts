import type { Clock } from '../clock';
import type { Store, StreamEntry } from '../store/types';
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
  /** The batch being applied, if any: stopping waits for it, but not for a read that is only waiting. */
  let busy: Promise<void> | null = null;

  async function handle(entries: StreamEntry[]) {
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
    if (good.length) await commitExactlyOnce(good);
    stats.batches++;
  }

  async function commitExactlyOnce(batch: StreamedEvent[]) {
    const recordKeys = [...new Set(batch.map((b) => recordKeyOf(b.event)).filter((k) => k !== null))];
    for (let attempt = 0; ; attempt++) {
      const loaded = await store.loadRecords(recordKeys);
      const { commit, applied, duplicates } = applyBatch(loaded, batch);
      if (await store.commit(commit)) {
        stats.applied += applied;
        stats.duplicates += duplicates;
        return;
      }
      stats.conflicts++;
      if (attempt > 3) await sleep(Math.min(1000, 10 * attempt));
    }
  }

  const loop = (async () => {
    let backoff = 100;
    while (running) {
      try {
        const entries = await store.read(consumer, { count: batchSize, blockMs, claimIdleMs });
        // Read after stop: leave the entries pending; this consumer gets them again when it restarts.
        if (!running) break;
        if (entries.length) {
          busy = retrying(() => handle(entries));
          await busy;
          busy = null;
        }
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
  async function retrying(fn: () => Promise<void>) {
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
    /** Stops reading; a batch in flight is finished first, so nothing is half-applied. */
    async stop() {
      running = false;
      await busy?.catch(() => {});
    },
    /** Resolves when the loop has exited (after stop, once the waiting read returns). */
    done: loop,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
