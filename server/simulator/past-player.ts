import type { IocEvent } from '../../shared/events';

/**
 * Delivers the past (past.ts) as fast as the wall takes it: its batches are generated as they are
 * taken and sent by a few lanes at once, so the server always has the next request to parse while it
 * folds the last one. Batches may land out of order (the server counts in any order; each event carries
 * its own time); a failed batch is retried by its lane after a growing pause, so nothing is dropped.
 * Memory holds one plan day's events and the batches in flight, no more.
 */

export interface PastPlayerOptions {
  /** The batches (PastSource.batches: one source each, at most MAX_BATCH events), made as they are taken. */
  batches: Iterable<IocEvent[]>;
  send: (events: IocEvent[]) => Promise<void>;
  /** Requests in flight at once (default 3). */
  inFlight?: number;
  /** Told after each batch delivered, with the number of events delivered so far. */
  onSent?: (sent: number) => void;
  /** Told about failed attempts (the first of a run of failures, then every tenth). */
  onRetry?: (error: unknown, attempt: number, waitMs: number) => void;
  firstRetryMs?: number;
  maxRetryMs?: number;
}

export interface PastPlayer {
  /** Resolves once every event is delivered, or after stop(). */
  readonly done: Promise<void>;
  /** Events delivered so far. */
  readonly sent: number;
  /** Stops after the requests in flight; resolves when they have settled. */
  stop(): Promise<void>;
}

export function playPast(options: PastPlayerOptions): PastPlayer {
  const inFlight = Math.max(1, options.inFlight ?? 3);
  const firstRetryMs = options.firstRetryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 10_000;
  let sent = 0;
  let stopped = false;
  const wakers = new Set<() => void>();

  // One shared iterator: every lane takes the next batch; a plan is built when its first one is taken.
  const batches = options.batches[Symbol.iterator]();
  const next = (): IocEvent[] | null => {
    if (stopped) return null;
    const r = batches.next();
    return r.done ? null : r.value;
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      }
      wakers.add(done);
    });

  async function lane(): Promise<void> {
    for (let batch = next(); batch; batch = next()) {
      for (let attempt = 1; ; attempt++) {
        try {
          await options.send(batch);
          break;
        } catch (error) {
          if (stopped) return;
          const waitMs = Math.min(maxRetryMs, firstRetryMs * 2 ** (attempt - 1));
          if (attempt === 1 || attempt % 10 === 0) options.onRetry?.(error, attempt, waitMs);
          await pause(waitMs);
          if (stopped) return;
        }
      }
      sent += batch.length;
      options.onSent?.(sent);
    }
  }

  const done = Promise.all(Array.from({ length: inFlight }, lane)).then(() => undefined);
  return {
    done,
    get sent() {
      return sent;
    },
    async stop() {
      stopped = true;
      for (const wake of [...wakers]) wake();
      await done;
    },
  };
}
