import type { DayKey } from '../../shared/brand';
import { BASIS_AT_KEY, basisKey, valuesUntil } from '../../shared/compare';
import { comparisonDay } from '../../shared/compare-basis';
import { CURVE_SERIES, curveKey, hourlyFromMinutes, type CurveDay } from '../../shared/curves';
import { WorkingCalendar } from '../../shared/holidays';
import { addDays, dayOf, minuteOfDay, startOfDay } from '../../shared/time';
import { keys } from '../aggregate/keys';
import { MINUTE_BUCKET_DAYS } from '../kpi/retention';
import type { Store } from '../store/types';
import type { Feed } from './feed';

/** Past days only move with late events and a source catching up: one read this often keeps them right. */
const PAST_READ_MS = 10_000;

/** A past day's minute buckets, kept between reads. */
interface PastDay {
  day: DayKey | null;
  minutes: Record<string, number>;
  readAt: number;
}
const unread = (): PastDay => ({ day: null, minutes: {}, readAt: -Infinity });

/**
 * The province's minute buckets turned into what the wall shows beside the numbers: today's and
 * yesterday's hourly curves, and each comparable KPI's value at this minute of the comparison day (the
 * previous working day, shared/compare-basis.ts) under "province|basis.<kpiId>", with the instant it
 * stands for under BASIS_AT_KEY. Past days' buckets are kept between reads, since the comparison moves
 * every minute while the buckets seldom do.
 */
export class DayCurves {
  #yesterday = unread();
  #basis = unread();
  /** The minute of the day the comparison was last computed for. */
  #minute = -1;

  constructor(
    private readonly store: Store,
    private readonly calendar = new WorkingCalendar(),
    /** Days of minute buckets kept (retention.ts): an older comparison day would read as empty. */
    private readonly keptDays = MINUTE_BUCKET_DAYS,
  ) {}

  /**
   * Whether an update is due with no event to prompt it: the minute of the day moved (the comparison
   * follows it), or the past days' buckets are due for a read (late events for them).
   */
  due(now: number): boolean {
    return minuteOfDay(now) !== this.#minute || now - this.#yesterday.readAt > PAST_READ_MS;
  }

  /** Reads today's buckets (and the past days' now and then) and puts every curve and comparison in `feed`. */
  async update(feed: Feed, now: number): Promise<void> {
    const today = dayOf(now);
    const yesterday = addDays(today, -1);
    const basis = comparisonDay(today, this.calendar, this.keptDays);
    const stale = (p: PastDay, day: DayKey) => p.day !== day || now - p.readAt > PAST_READ_MS;
    const withYesterday = stale(this.#yesterday, yesterday);
    // The basis is most days yesterday itself: read once, used twice.
    const withBasis = basis !== yesterday && stale(this.#basis, basis);
    const [todayMinutes, ...past] = await this.store.readHashes([
      keys.minutes(today, 'province'),
      ...(withYesterday ? [keys.minutes(yesterday, 'province')] : []),
      ...(withBasis ? [keys.minutes(basis, 'province')] : []),
    ]);
    const put = (day: CurveDay, minutes: Record<string, number>) => {
      const hourly = hourlyFromMinutes(minutes);
      for (const series of CURVE_SERIES) {
        hourly[series].forEach((n, hour) => feed.set(curveKey(day, series, hour), [n, n, null]));
      }
    };
    put('today', todayMinutes ?? {});
    if (withYesterday) {
      this.#yesterday = { day: yesterday, minutes: past.shift() ?? {}, readAt: now };
      put('yesterday', this.#yesterday.minutes);
    }
    if (withBasis) this.#basis = { day: basis, minutes: past.shift() ?? {}, readAt: now };
    const basisMinutes = basis === yesterday ? this.#yesterday.minutes : this.#basis.minutes;
    // The minute moves on even when no bucket does: summed afresh each time, from the copy.
    const minute = minuteOfDay(now);
    for (const [id, v] of valuesUntil(basisMinutes, minute)) {
      feed.set(basisKey(id), [v.value, v.num, v.den]);
    }
    const at = startOfDay(basis) + minute * 60_000;
    feed.set(BASIS_AT_KEY, [at, at, null]);
    this.#minute = minute;
  }
}
