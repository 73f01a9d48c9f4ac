import type { IocEvent } from '../../shared/events';
import type { Clock } from '../clock';
import { dayNumberOf, dayStartOf, HOUR_MS } from './calendar';
import { HEARTBEAT_SLOT_MS, heartbeatsBetween } from './heartbeats';
import { createOutbox } from './outbox';
import { createTimeline } from './timeline';
import type { TimedEvent } from './wire';
import { createWorld } from './world';

/**
 * The demo's source systems. On start it BACKFILLS what a fresh wall needs (yesterday and today so far,
 * the receipts of dossiers still open from earlier days, the task register), then PLAYS: every tick it
 * sends the planned events whose `at` has just been passed by the clock. An accelerated clock plays the
 * same days faster. Every event is derived from the plans, so a restart replays the same ids.
 */

export interface SimulatorOptions {
  /** Two-digit province code, e.g. "01". */
  province: string;
  clock: Clock;
  seed?: number;
  send: (events: IocEvent[]) => Promise<void>;
  /** Real milliseconds between ticks (default 250). */
  tickMs?: number;
}

export interface Simulator {
  /** Backfills, starts playing, and resolves once the backfill is delivered (or stop() is called). */
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
  const world = createWorld(options.province, options.seed ?? DEFAULT_SEED);
  const timeline = createTimeline(world);
  const outbox = createOutbox({
    send: options.send,
    onRetry: (error, attempt, waitMs) =>
      console.warn(`simulator: send failed (attempt ${attempt}), retrying in ${waitMs} ms: ${String(error)}`),
  });
  let playedUpTo = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  let started = false;

  const enqueue = (timed: TimedEvent[]) =>
    outbox.enqueue(timed.sort((a, b) => a.t - b.t).map((x) => x.event));

  function backfill(now: number): TimedEvent[] {
    const from = dayStartOf(dayNumberOf(now) - 1) - 1;
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
      const now = clock.now();
      const delivered = enqueue(backfill(now));
      playedUpTo = now;
      timer = setInterval(tick, options.tickMs ?? 250);
      await delivered;
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await outbox.close();
    },
    get sent() {
      return outbox.sent;
    },
  };
}
