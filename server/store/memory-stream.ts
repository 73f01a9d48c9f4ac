import { idsPerEvent, packEvents } from './entry-pack';
import { DEAD_LETTERS_KEPT, LOG_MAX_ENTRIES, type StreamEntry } from './types';

/** Orders stream ids ("ms-seq") numerically, as Redis does. */
function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}

/** Hands out Redis-style ids: the clock in ms plus a sequence, never going backwards. */
class IdClock {
  private ms = 0;
  private seq = 0;
  next(): string {
    const now = Date.now();
    if (now > this.ms) {
      this.ms = now;
      this.seq = 0;
    } else {
      this.seq += 1;
    }
    return `${this.ms}-${this.seq}`;
  }
}

interface Pending {
  entry: StreamEntry;
  consumer: string;
  deliveredAt: number;
}

/**
 * An in-process stand-in for a Redis stream with one consumer group: entries are delivered once,
 * stay pending until acknowledged, and can be re-read by their consumer or claimed by another.
 */
export class MemoryStream {
  /**
   * Entries not delivered yet start at `undelivered` (the group's last-delivered-id + 1). A delivered
   * entry lives on in `pending` until acknowledged, so the delivered part of this array is dead weight,
   * dropped now and then: memory holds only what is undelivered or unacknowledged.
   */
  private entries: StreamEntry[] = [];
  private undelivered = 0;
  private readonly pending = new Map<string, Pending>();
  private readonly ids = new IdClock();
  private readonly deadIds = new IdClock();
  private readonly waiters = new Set<() => void>();
  private readonly dead: { id: string; raw: string; reason: string }[] = [];
  /** When each consumer last read, as the group's consumer list (XINFO CONSUMERS) keeps it. */
  private readonly seen = new Map<string, number>();

  /** Events' JSON texts, in entries as Redis gets them (entry-pack.ts); per event, its entry's id. */
  append(raws: readonly string[]): string[] {
    const ids = packEvents(raws).map(({ field, value }) => {
      const id = this.ids.next();
      this.entries.push(field === 'events' ? { id, raw: value, packed: true } : { id, raw: value });
      return id;
    });
    if (ids.length > 0) for (const wake of this.waiters) wake();
    return idsPerEvent(ids, raws.length);
  }

  /** Entries held (undelivered or unacknowledged) and those not yet delivered. */
  stats(): { length: number; lag: number } {
    const lag = this.entries.length - this.undelivered;
    return { length: lag + this.pending.size, lag };
  }

  /** This consumer's own pending entries with an id above `after`, oldest first (crash recovery). */
  history(consumer: string, after: string, count: number): StreamEntry[] {
    this.seen.set(consumer, Date.now());
    const own: StreamEntry[] = [];
    for (const p of this.pending.values()) {
      if (p.consumer === consumer && compareIds(p.entry.id, after) > 0) own.push(p.entry);
    }
    return own.sort((a, b) => compareIds(a.id, b.id)).slice(0, count);
  }

  /** Takes over entries pending for longer than `minIdleMs` (their consumer is presumed dead). */
  claim(consumer: string, minIdleMs: number, count: number): StreamEntry[] {
    const now = Date.now();
    this.seen.set(consumer, now);
    const idle = [...this.pending.values()]
      .filter((p) => now - p.deliveredAt >= minIdleMs)
      .sort((a, b) => compareIds(a.entry.id, b.entry.id))
      .slice(0, count);
    for (const p of idle) {
      p.consumer = consumer;
      p.deliveredAt = now;
    }
    return idle.map((p) => p.entry);
  }

  /** New entries, waiting up to `blockMs` (0: until something comes) for the first one. */
  async next(consumer: string, count: number, blockMs: number, signal: AbortSignal): Promise<StreamEntry[]> {
    const deadline = blockMs > 0 ? Date.now() + blockMs : Infinity;
    this.seen.set(consumer, Date.now());
    // Another consumer may take what woke us, so wait again until the deadline.
    while (this.undelivered >= this.entries.length && !signal.aborted && Date.now() < deadline) {
      await this.waitForAppend(deadline - Date.now(), signal);
    }
    const batch = this.entries.slice(this.undelivered, this.undelivered + count);
    this.undelivered += batch.length;
    // Compact once the dead prefix is at least half the array: amortised O(1) per entry.
    if (this.undelivered >= 1024 && this.undelivered * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.undelivered);
      this.undelivered = 0;
    }
    const now = Date.now();
    for (const entry of batch) this.pending.set(entry.id, { entry, consumer, deliveredAt: now });
    return batch;
  }

  /** Forgets consumers other than `self` idle for over `idleMs` with nothing pending. */
  removeIdleConsumers(self: string, idleMs: number): string[] {
    const now = Date.now();
    const holding = new Set([...this.pending.values()].map((p) => p.consumer));
    const gone = [...this.seen]
      .filter(([name, at]) => name !== self && now - at > idleMs && !holding.has(name))
      .map(([name]) => name);
    for (const name of gone) this.seen.delete(name);
    return gone;
  }

  ack(ids: readonly string[]): void {
    for (const id of ids) this.pending.delete(id);
  }

  deadLetter(
    rejects: readonly { entry: StreamEntry; reason: string }[],
    stillPending?: ReadonlySet<string>,
  ): void {
    for (const { entry, reason } of rejects) {
      this.dead.push({ id: this.deadIds.next(), raw: entry.raw, reason });
      if (!stillPending?.has(entry.id)) this.pending.delete(entry.id);
    }
    // Capped like the Redis stream: the newest rejects are the ones an operator looks at.
    if (this.dead.length > DEAD_LETTERS_KEPT) this.dead.splice(0, this.dead.length - DEAD_LETTERS_KEPT);
  }

  readDeadLetters(count: number): { id: string; raw: string; reason: string }[] {
    return this.dead.slice(0, count).map((d) => ({ ...d }));
  }

  private waitForAppend(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        if (timer) clearTimeout(timer);
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      this.waiters.add(done);
      signal.addEventListener('abort', done);
    });
  }
}

/**
 * An in-process stand-in for a capped Redis stream read newest first (the audit log). Ids come from the
 * same kind of clock as Redis's, so both stores hand out ids of one form that sort the same way.
 */
export class MemoryLog {
  /** Oldest first; the live part starts at `head` (dropped entries are cut off in bulk, now and then). */
  private entries: { id: string; body: string }[] = [];
  private head = 0;
  private readonly ids = new IdClock();

  append(body: string): string {
    const id = this.ids.next();
    this.entries.push({ id, body });
    if (this.entries.length - this.head > LOG_MAX_ENTRIES) this.head += 1;
    // Cut the dropped prefix once it is at least half the array: amortised O(1) per entry.
    if (this.head >= 1024 && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    return id;
  }

  /** At most `count` entries, newest first, strictly older than `before` when given. */
  readBackwards(count: number, before?: string): { id: string; body: string }[] {
    let end = this.entries.length;
    if (before !== undefined) {
      // Binary search for the first entry not older than `before`: ids only ever grow.
      let lo = this.head;
      while (lo < end) {
        const mid = (lo + end) >>> 1;
        if (compareIds(this.entries[mid]!.id, before) < 0) lo = mid + 1;
        else end = mid;
      }
    }
    const out: { id: string; body: string }[] = [];
    for (let i = end - 1; i >= this.head && out.length < count; i--) out.push({ ...this.entries[i]! });
    return out;
  }
}
