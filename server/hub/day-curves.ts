import type { DayKey } from '../../shared/brand';
import { valuesUntil, yesterdayKey } from '../../shared/compare';
import { CURVE_SERIES, curveKey, hourlyFromMinutes, type CurveDay } from '../../shared/curves';
import { addDays, dayOf, minuteOfDay } from '../../shared/time';
import { keys } from '../aggregate/keys';
import type { Store } from '../store/types';
import type { Feed } from './feed';

/** Yesterday only moves with late events and a source catching up: one read this often keeps it right. */
const YESTERDAY_READ_MS = 10_000;

/**
 * The province's minute buckets turned into what the wall shows beside the numbers: today's and
 * yesterday's hourly curves, and yesterday's value of each comparable KPI at this minute of the day
 * ("province|yesterday.<kpiId>", see shared/compare.ts). Yesterday's buckets are kept between reads,
 * since the comparison moves every minute while the buckets seldom do.
 */
export class DayCurves {
  #yesterday: Record<string, number> = {};
  /** Which day `#yesterday` holds, and when it was read. */
  #yesterdayDay: DayKey | null = null;
  #yesterdayReadAt = -Infinity;
  /** The minute of the day the comparison was last computed for. */
  #minute = -1;

  constructor(private readonly store: Store) {}

  /**
   * Whether an update is due with no event to prompt it: the minute of the day moved (the comparison
   * follows it), or yesterday's buckets are due for a read (late events for yesterday).
   */
  due(now: number): boolean {
    return minuteOfDay(now) !== this.#minute || now - this.#yesterdayReadAt > YESTERDAY_READ_MS;
  }

  /** Reads today's buckets (and yesterday's now and then) and puts every curve and comparison in `feed`. */
  async update(feed: Feed, now: number): Promise<void> {
    const today = dayOf(now);
    const yesterday = addDays(today, -1);
    const withYesterday = yesterday !== this.#yesterdayDay || now - this.#yesterdayReadAt > YESTERDAY_READ_MS;
    const [todayMinutes, yesterdayMinutes] = await this.store.readHashes([
      keys.minutes(today, 'province'),
      ...(withYesterday ? [keys.minutes(yesterday, 'province')] : []),
    ]);
    const put = (day: CurveDay, minutes: Record<string, number>) => {
      const hourly = hourlyFromMinutes(minutes);
      for (const series of CURVE_SERIES) {
        hourly[series].forEach((n, hour) => feed.set(curveKey(day, series, hour), [n, n, null]));
      }
    };
    put('today', todayMinutes ?? {});
    if (withYesterday) {
      this.#yesterday = yesterdayMinutes ?? {};
      this.#yesterdayDay = yesterday;
      this.#yesterdayReadAt = now;
      put('yesterday', this.#yesterday);
    }
    // The minute moves on even when no bucket does: summed afresh each time, from the copy.
    const minute = minuteOfDay(now);
    for (const [id, v] of valuesUntil(this.#yesterday, minute)) {
      feed.set(yesterdayKey(id), [v.value, v.num, v.den]);
    }
    this.#minute = minute;
  }
}
