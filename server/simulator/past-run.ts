import { startWorker } from '../worker-thread';
import type { IocEvent } from '../../shared/events';
import type { HttpSenderOptions } from './http-sender';
import type { PastWindow } from './past';
import { PastSource } from './past';
import { playPast } from './past-player';
import { createWorld } from './world';

/**
 * Plays the past (past.ts) either here or in a worker thread. The wall's server runs in the same
 * process as the simulator, and on a small machine the server's event loop (parsing, validating and
 * folding the events) is what limits the backfill: a worker thread builds the plans, writes the events
 * and posts them from the other core, through the same ingest API, with the same keys.
 */

export interface PastRunOptions {
  province: string;
  seed: number;
  window: PastWindow;
  /** The events are sent from a worker thread through HTTP when given; else here, with `send`. */
  http?: HttpSenderOptions;
  send: (events: IocEvent[]) => Promise<void>;
  /** Sending starts once this settles (the live backfill goes first); counting starts at once. */
  after: Promise<unknown>;
  inFlight?: number;
  onSent?: (sent: number) => void;
  onRetry?: (error: unknown, attempt: number, waitMs: number) => void;
  /** Told when the worker thread cannot run and the past plays here instead. */
  onFallback?: (error: unknown) => void;
}

export interface PastRun {
  /** How many events the past holds, once counted. */
  readonly total: Promise<number>;
  /** Events delivered so far. */
  readonly sent: number;
  /** Resolves once the whole past is delivered (or after stop()). */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/** What the worker thread is given (it builds its own world and plans from them). */
export interface PastWorkerData {
  province: string;
  seed: number;
  window: PastWindow;
  http: HttpSenderOptions;
  inFlight: number;
}

/** Messages from the worker thread. */
export type PastWorkerMessage =
  | { kind: 'started' }
  | { kind: 'total'; total: number }
  | { kind: 'sent'; sent: number }
  | { kind: 'retry'; error: string; attempt: number; waitMs: number }
  | { kind: 'done'; sent: number };

/** Messages to the worker thread. */
export type PastWorkerCommand = { kind: 'go' };

export function runPast(options: PastRunOptions): PastRun {
  if (!options.http) return runHere(options);
  try {
    return runInWorker(options, options.http);
  } catch (error) {
    options.onFallback?.(error);
    return runHere(options);
  }
}

/** Lets the rest of this thread's work go on between two plans of the count. */
export const breather = () => new Promise<void>((resolve) => setImmediate(resolve));

function runHere(options: PastRunOptions): PastRun {
  let stopped = false;
  let player: ReturnType<typeof playPast> | null = null;
  const source = new PastSource(createWorld(options.province, options.seed), options.window);
  // On this thread counting first costs nothing more (the plans it builds are kept for the sending).
  const total = source.count(breather);
  const done = (async () => {
    await options.after.catch(() => {});
    await total;
    if (stopped) return;
    player = playPast({
      batches: source.batches(),
      send: options.send,
      inFlight: options.inFlight,
      onSent: options.onSent,
      onRetry: options.onRetry,
    });
    await player.done;
  })();
  return {
    total,
    get sent() {
      return player?.sent ?? 0;
    },
    done,
    async stop() {
      stopped = true;
      await player?.stop();
      await done.catch(() => {});
    },
  };
}

function runInWorker(options: PastRunOptions, http: HttpSenderOptions): PastRun {
  const data: PastWorkerData = {
    province: options.province,
    seed: options.seed,
    window: options.window,
    http,
    inFlight: options.inFlight ?? 3,
  };
  const worker = startWorker(import.meta.url, 'past-worker', data);
  let sent = 0;
  let started = false;
  let settled = false;
  let fallback: PastRun | null = null;
  let resolveTotal: (total: number) => void = () => {};
  const total = new Promise<number>((resolve) => (resolveTotal = resolve));
  let resolveDone: () => void = () => {};
  let rejectDone: (error: Error) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  const go = () => worker.postMessage({ kind: 'go' } satisfies PastWorkerCommand);

  const finish = (error?: unknown) => {
    if (settled) return;
    settled = true;
    void worker.terminate();
    if (error === undefined) return resolveDone();
    if (started) return rejectDone(error instanceof Error ? error : new Error(String(error)));
    // The worker did not even start (no loader, no entry): play the past here instead.
    options.onFallback?.(error);
    fallback = runHere(options);
    fallback.total.then(resolveTotal, () => {});
    fallback.done.then(resolveDone, rejectDone);
  };

  worker.on('message', (m: PastWorkerMessage) => {
    switch (m.kind) {
      case 'started':
        started = true;
        options.after.then(go, go);
        break;
      case 'total':
        resolveTotal(m.total);
        break;
      case 'sent':
        sent = m.sent;
        options.onSent?.(sent);
        break;
      case 'retry':
        options.onRetry?.(new Error(m.error), m.attempt, m.waitMs);
        break;
      case 'done':
        sent = m.sent;
        finish();
        break;
    }
  });
  worker.on('error', (error) => finish(error));
  worker.on('exit', (code) => finish(new Error(`the past's worker thread exited (${code}) before the end`)));

  return {
    total,
    get sent() {
      return fallback?.sent ?? sent;
    },
    done,
    async stop() {
      if (fallback) return fallback.stop();
      if (settled) return;
      settled = true;
      await worker.terminate();
      resolveDone();
    },
  };
}
