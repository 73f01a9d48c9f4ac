import type { DayKey } from '../../shared/brand';
import { BASIS_AT_KEY, basisKey, valuesUntil } from '../../shared/compare';
import { comparisonDay } from '../../shared/compare-basis';
import { CURVE_SERIES, curveKey, hourlyFromMinutes, type CurveDay } from '../../shared/curves';
import { WorkingCalendar } from '../../shared/holidays';
import { dayOf, minuteOfDay, startOfDay } from '../../shared/time';
import { keys } from '../aggregate/keys';
import { MINUTE_BUCKET_DAYS } from '../kpi/retention';
import type { Store } from '../store/types';
import type { Feed } from './feed';

/** Past days only move with late events and a source catching up: one read this often keeps them right. */
const PAST_READ_MS = 10_000;

/** The comparison day's minute buckets, kept between reads. */
interface PastDay {
  day: DayKey | null;
  minutes: Record<string, number>;
  readAt: number;
}
const unread = (): PastDay => ({ day: null, minutes: {}, readAt: -Infinity });

/**
 * The province's minute buckets turned into what the wall shows beside the numbers: today's hourly
 * curves and the comparison day's (the previous working day, or the same weekday last week:
 * shared/compare-basis.ts), and each comparable KPI's value at this minute of that day under
 * "province|basis.<kpiId>", with the instant it stands for under BASIS_AT_KEY. The charts' comparison
 * curve and the tiles' deltas come from one day, so a Monday's chart and tiles both compare with Friday.
 * The comparison day's buckets are kept between reads, since the comparison moves every minute while
 * the buckets seldom do.
 */
export class DayCurves {
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
   * follows it), or the comparison day's buckets are due for a read (late events for it).
   */
  due(now: number): boolean {
    return minuteOfDay(now) !== this.#minute || now - this.#basis.readAt > PAST_READ_MS;
  }

  /** Reads today's buckets (and the comparison day's now and then) and puts every curve and comparison in `feed`. */
  async update(feed: Feed, now: number): Promise<void> {
    const today = dayOf(now);
    const basis = comparisonDay(today, this.calendar, this.keptDays);
    const withBasis = this.#basis.day !== basis || now - this.#basis.readAt > PAST_READ_MS;
    const [todayMinutes, basisMinutes] = await this.store.readHashes([
      keys.minutes(today, 'province'),
      ...(withBasis ? [keys.minutes(basis, 'province')] : []),
    ]);
    const put = (day: CurveDay, minutes: Record<string, number>) => {
      const hourly = hourlyFromMinutes(minutes);
      for (const series of CURVE_SERIES) {
        hourly[series].forEach((n, hour) => feed.set(curveKey(day, series, hour), [n, n, null]));
      }
    };
    put('today', todayMinutes ?? {});
    if (withBasis) {
      this.#basis = { day: basis, minutes: basisMinutes ?? {}, readAt: now };
      put('basis', this.#basis.minutes);
    }
    // The minute moves on even when no bucket does: summed afresh each time, from the copy.
    const minute = minuteOfDay(now);
    for (const [id, v] of valuesUntil(this.#basis.minutes, minute)) {
      feed.set(basisKey(id), [v.value, v.num, v.den]);
    }
    const at = startOfDay(basis) + minute * 60_000;
    feed.set(BASIS_AT_KEY, [at, at, null]);
    this.#minute = minute;
  }
}
