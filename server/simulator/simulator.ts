import type { IocEvent } from '../../shared/events';
import type { Clock } from '../clock';
import { HOUR_MS } from './calendar';
import { HEARTBEAT_SLOT_MS, heartbeatsBetween } from './heartbeats';
import type { HttpSenderOptions } from './http-sender';
import { createOutbox } from './outbox';
import { liveBackfillFrom, pastWindow } from './past';
import type { PastRun } from './past-run';
import { runPast } from './past-run';
import { createTimeline } from './timeline';
import type { TimedEvent } from './wire';
import { createWorld } from './world';
import { logFor } from '../observe/logger';

const logger = logFor('simulator');

/**
 * The demo's source systems. On start it BACKFILLS what a fresh wall needs (yesterday and today so far,
 * the receipts of dossiers still open from earlier days, the task register), then PLAYS: every tick it
 * sends the planned events whose `at` has just been passed by the clock. An accelerated clock plays the
 * same days faster. Every event is derived from the plans, so a restart replays the same ids.
 *
 * With `pastDays` (SIM_PAST_DAYS) the backfill also sends THE PAST (past.ts): the whole lives of the
 * dossiers of the days before yesterday, back to `pastDays` days before today, oldest first, so that
 * 7 days, 30 days and the month have a history. Today goes first: the live part is delivered, and the
 * play starts, before the past is sent; the past then streams in alongside the play, from a worker
 * thread when `pastHttp` is given. The wall is right about today from the start and stays right while
 * the past arrives (the server counts events in any order, each at its own time).
 */

export interface SimulatorOptions {
  /** Two-digit province code, e.g. "01". */
  province: string;
  clock: Clock;
  seed?: number;
  send: (events: IocEvent[]) => Promise<void>;
  /** Real milliseconds between ticks (default 250). */
  tickMs?: number;
  /** Days before today the backfill covers (default 1: yesterday only; more sends the past as well). */
  pastDays?: number;
  /**
   * The wall's ingest API and keys, for sending the past from a worker thread (the server keeps this
   * thread to itself); without it the past is sent here through `send`.
   */
  pastHttp?: HttpSenderOptions;
  /** Told as the backfill (live part and past) is delivered, and once when all of it is. */
  onBackfillProgress?: (progress: BackfillProgress) => void;
}

export interface BackfillProgress {
  /** Events delivered of the backfill. */
  sent: number;
  /** Events the backfill holds: null until the past is counted. */
  total: number | null;
  /** Milliseconds since start(). */
  elapsedMs: number;
  done: boolean;
}

export interface Simulator {
  /** Backfills, starts playing, and resolves once the backfill (the past too) is delivered or stop() is called. */
  start(): Promise<void>;
  /** Stops playing; resolves when the send in flight has settled. Undelivered events are dropped. */
  stop(): Promise<void>;
  /** Events delivered so far. */
  readonly sent: number;
}

export const DEFAULT_SEED = 2025;
/** Past this many undelivered events the player waits instead of queueing more. */
const MAX_BACKLOG = 50_000;
/** After a pause (a long outage, a sleeping laptop) catch up at most this much simulated time a tick. */
const MAX_CATCH_UP_MS = 6 * HOUR_MS;

export function createSimulator(options: SimulatorOptions): Simulator {
  const { clock } = options;
  const seed = options.seed ?? DEFAULT_SEED;
  const world = createWorld(options.province, seed);
  const timeline = createTimeline(world);
  const warnRetry = (error: unknown, attempt: number, waitMs: number) =>
    logger.warn({ attempt, waitMs, err: error }, 'send failed, retrying');
  const outbox = createOutbox({ send: options.send, onRetry: warnRetry });
  let playedUpTo = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  let started = false;
  let stopped = false;
  let past: PastRun | null = null;

  const enqueue = (timed: TimedEvent[]) =>
    outbox.enqueue(timed.sort((a, b) => a.t - b.t).map((x) => x.event));

  function backfill(now: number): TimedEvent[] {
    const from = liveBackfillFrom(now);
    const events = timeline.collect(from, now, { withCarriedOverReceipts: true, withTaskHistory: true });
    // Only the latest slot's heartbeats: older ones would say nothing a fresh wall needs.
    const lastSlotEnd = Math.floor(now / HEARTBEAT_SLOT_MS) * HEARTBEAT_SLOT_MS;
    const recent = events.filter((e) => e.t > lastSlotEnd - HEARTBEAT_SLOT_MS);
    return events.concat(heartbeatsBetween(world, recent, lastSlotEnd - 1, lastSlotEnd));
  }

  function tick(): void {
    const now = clock.now();
    if (now <= playedUpTo || outbox.backlog > MAX_BACKLOG) return;
    const from = playedUpTo;
    const to = Math.min(now, from + MAX_CATCH_UP_MS);
    const recent = timeline.collect(from - HEARTBEAT_SLOT_MS, to);
    const fresh = recent.filter((e) => e.t > from);
    const beats = heartbeatsBetween(world, recent, from, to);
    playedUpTo = to;
    if (fresh.length + beats.length > 0) void enqueue(fresh.concat(beats));
  }

  return {
    async start() {
      if (started) throw new Error('simulator already started');
      started = true;
      const startedAt = performance.now();
      const now = clock.now();
      const live = backfill(now);
      const liveCount = live.length;
      const delivered = enqueue(live);
      playedUpTo = now;
      timer = setInterval(tick, options.tickMs ?? 250);

      const window = pastWindow(now, options.pastDays ?? 1);
      let pastTotal: number | null = window ? null : 0;
      // The live part is the outbox's first events; the past counts its own.
      const report = (done: boolean) =>
        options.onBackfillProgress?.({
          sent: Math.min(outbox.sent, liveCount) + (past?.sent ?? 0),
          total: pastTotal === null ? null : liveCount + pastTotal,
          elapsedMs: performance.now() - startedAt,
          done,
        });
      if (window) {
        past = runPast({
          province: options.province,
          seed,
          window,
          http: options.pastHttp,
          send: options.send,
          after: delivered,
          onSent: () => report(false),
          onRetry: warnRetry,
          onFallback: (error) =>
            logger.warn({ err: error }, 'the past plays on the main thread (no worker thread)'),
        });
        void past.total.then((total) => {
          pastTotal = total;
          report(false);
        });
      }
      await delivered;
      if (stopped) return;
      report(false);
      if (past) {
        try {
          await past.done;
        } catch (error) {
          // The live play goes on; only the history is short.
          logger.error({ err: error }, 'the past could not be sent');
          return;
        }
        if (stopped) return;
        pastTotal = await past.total;
      }
      if (!stopped) report(true);
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await Promise.all([past?.stop(), outbox.close()]);
    },
    get sent() {
      return outbox.sent + (past?.sent ?? 0);
    },
  };
}
