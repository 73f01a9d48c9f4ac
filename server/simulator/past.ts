import type { IocEvent } from '../../shared/events';
import { MAX_BATCH } from '../../shared/events';
import { dayNumberOf, dayStartOf } from './calendar';
import type { DossierDayPlan } from './dossier-plan';
import { buildDossierDayPlan } from './dossier-plan';
import { PLAN_LOOKBACK_DAYS } from './timeline';
import type { World } from './world';

/**
 * The province's recent past, played at start so that 7 days, 30 days and the month have a history
 * (SIM_PAST_DAYS). The live backfill (simulator.ts) sends yesterday and today so far, the receipts of
 * the dossiers still open at yesterday's midnight and the task register; the past is the rest of the
 * dossiers' lives up to yesterday's midnight: every dossier with an event in the past's days comes
 * whole, so the dossiers received before its first day that were still open then (the backlog it
 * starts with) come with their receipt, digitisation and payment; without them their resolutions would
 * be held as orphans and the first weeks would resolve too few.
 *
 * The two never send the same event: a dossier still open at yesterday's midnight has its receipt sent
 * by the live backfill (as carried over), so the past leaves that receipt out. Tasks are not part of
 * the past: the live backfill already sends the whole register's history.
 */

export interface PastWindow {
  /** Days of the past, yesterday included (the live backfill covers yesterday itself). */
  days: number;
  /** The first day of the past (a day number). */
  firstDay: number;
  /** The past is the lives of the dossiers with events in (from, to], up to `to`. */
  from: number;
  to: number;
}

/** Where the live backfill begins: just before yesterday's midnight (its window is (from, now]). */
export const liveBackfillFrom = (now: number): number => dayStartOf(dayNumberOf(now) - 1) - 1;

/** The past of `days` days before the day of `now`, or null when the live backfill covers it (days ≤ 1). */
export function pastWindow(now: number, days: number): PastWindow | null {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`pastWindow: bad number of days ${days}`);
  if (days <= 1) return null;
  const firstDay = dayNumberOf(now) - days;
  return { days, firstDay, from: dayStartOf(firstDay) - 1, to: liveBackfillFrom(now) };
}

/** Plans the counting builds ahead of the sending and keeps for it (about 1.5 MB each). */
const KEPT_PLANS = 80;

/**
 * The past's events, from the dossier plans of the days that hold them (PLAN_LOOKBACK_DAYS before its
 * first day up to its last), oldest first. Counting and sending both need every plan: counting runs
 * ahead and keeps the plans it built (up to KEPT_PLANS) for the sending, so each is built once.
 */
export class PastSource {
  readonly #world: World;
  readonly #window: PastWindow;
  readonly #days: readonly number[];
  readonly #kept = new Map<number, DossierDayPlan>();
  /** The first day the sending has not taken yet. */
  #nextToSend: number;

  constructor(world: World, window: PastWindow) {
    this.#world = world;
    this.#window = window;
    const days: number[] = [];
    for (let day = window.firstDay - PLAN_LOOKBACK_DAYS; day <= dayNumberOf(window.to); day++) days.push(day);
    this.#days = days;
    this.#nextToSend = days[0] ?? 0;
  }

  /**
   * How many events the past holds, a plan at a time; `between` is awaited after each plan (to let the
   * sending go on meanwhile).
   */
  async count(between?: () => Promise<void>): Promise<number> {
    const { from, to } = this.#window;
    let count = 0;
    for (const day of this.#days) {
      const plan = buildDossierDayPlan(this.#world, day);
      // Kept unless the sending got there first (it built its own) or there is no room.
      if (day >= this.#nextToSend && this.#kept.size < KEPT_PLANS) this.#kept.set(day, plan);
      for (let seq = 0; seq < plan.dossiers.length; seq++) count += plan.countLifeIn(seq, from, to);
      await between?.();
    }
    return count;
  }

  /**
   * The past as batches for the ingest API, one plan day at a time, oldest first: each dossier's life
   * together (the server then folds a dossier once, not once per event), a batch per source (a key
   * sends for one source) of at most MAX_BATCH events, never splitting a dossier. A plan's payments go
   * before its dossiers: a payment whose receipt has not arrived costs the server little to hold, while
   * a receipt already folded would be folded again with the payment. Lazy: a plan's events are built
   * when its first batch is asked for, so memory holds one day's events at most.
   */
  *batches(): Generator<IocEvent[], void, undefined> {
    const { from, to } = this.#window;
    for (const day of this.#days) {
      const plan = this.#kept.get(day) ?? buildDossierDayPlan(this.#world, day);
      this.#kept.delete(day);
      this.#nextToSend = day + 1;
      const payments: IocEvent[] = [];
      const dossiers: IocEvent[][] = [];
      for (let seq = 0; seq < plan.dossiers.length; seq++) {
        const life: IocEvent[] = [];
        for (const { event } of plan.lifeIn(seq, from, to)) {
          if (event.source === 'payments') payments.push(event);
          else life.push(event);
        }
        if (life.length > 0) dossiers.push(life);
      }
      for (let i = 0; i < payments.length; i += MAX_BATCH) yield payments.slice(i, i + MAX_BATCH);
      let batch: IocEvent[] = [];
      for (const life of dossiers) {
        if (batch.length + life.length > MAX_BATCH) {
          yield batch;
          batch = [];
        }
        batch.push(...life);
      }
      if (batch.length > 0) yield batch;
    }
  }
}
