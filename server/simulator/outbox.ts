import type { IocEvent } from '../../shared/events';
import { MAX_BATCH } from '../../shared/events';

/**
 * The queue between the simulator and the wall: events leave in the order they were queued, in batches
 * of at most MAX_BATCH. A failed send is retried with the very same batch after a growing pause, so
 * nothing is dropped and nothing overtakes it. The player keeps the queue bounded by not queueing more
 * while `backlog` is high (the plans are deterministic, so the events can be generated later instead).
 */

export interface OutboxOptions {
  send: (events: IocEvent[]) => Promise<void>;
  batchSize?: number;
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** Told about failed attempts (the first of a run of failures, then every tenth). */
  onRetry?: (error: unknown, attempt: number, waitMs: number) => void;
}

export interface Outbox {
  /** Queues events; resolves once all of them are delivered (or the outbox is closed). */
  enqueue(events: readonly IocEvent[]): Promise<void>;
  /** Events queued and not yet delivered. */
  readonly backlog: number;
  /** Events delivered. */
  readonly sent: number;
  /** Stops sending after the attempt in flight; resolves when that attempt has settled. */
  close(): Promise<void>;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const batchSize = Math.min(MAX_BATCH, options.batchSize ?? MAX_BATCH);
  const firstRetryMs = options.firstRetryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 10_000;
  let queue: IocEvent[] = [];
  let head = 0;
  let queuedTotal = 0;
  let sent = 0;
  let closed = false;
  let pump: Promise<void> | null = null;
  let wakeFromPause: (() => void) | null = null;
  const waiters: { until: number; resolve: () => void }[] = [];

  const settleWaiters = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const waiter = waiters[i];
      if (waiter && (closed || sent >= waiter.until)) {
        waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeFromPause = null;
        resolve();
      }
      wakeFromPause = done;
    });

  async function drain(): Promise<void> {
    let attempt = 0;
    while (!closed && head < queue.length) {
      const batch = queue.slice(head, head + batchSize);
      try {
        await options.send(batch);
      } catch (error) {
        attempt++;
        const waitMs = Math.min(maxRetryMs, firstRetryMs * 2 ** (attempt - 1));
        if (attempt === 1 || attempt % 10 === 0) options.onRetry?.(error, attempt, waitMs);
        await pause(waitMs);
        continue;
      }
      attempt = 0;
      head += batch.length;
      sent += batch.length;
      // Compact now and then so the delivered prefix does not pin memory.
      if (head > 50_000 || head === queue.length) {
        queue = queue.slice(head);
        head = 0;
      }
      settleWaiters();
    }
  }

  const kick = () => {
    if (pump || closed) return;
    pump = drain().finally(() => {
      pump = null;
      if (!closed && head < queue.length) kick();
    });
  };

  return {
    enqueue(events) {
      if (closed) return Promise.resolve();
      for (const e of events) queue.push(e);
      queuedTotal += events.length;
      const until = queuedTotal;
      const delivered = new Promise<void>((resolve) => waiters.push({ until, resolve }));
      settleWaiters();
      kick();
      return delivered;
    },
    get backlog() {
      return queue.length - head;
    },
    get sent() {
      return sent;
    },
    async close() {
      closed = true;
      wakeFromPause?.();
      settleWaiters();
      await pump;
    },
  };
}
