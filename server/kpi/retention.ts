import type { DayKey } from '../../shared/brand';
import type { Scope } from '../../shared/scope';
import { addDays } from '../../shared/time';
import { keys } from '../aggregate/keys';
import type { Store } from '../store/types';

/**
 * Minute buckets serve today's and yesterday's curves; a week is kept for looking back, then they are
 * dropped. They are the bulk of what a day adds (thousands of fields), and a wall runs for years.
 */
export const MINUTE_BUCKET_DAYS = 7;

/**
 * Day counters and end-of-day snapshots are the history periods are read from (a few dozen fields per
 * scope and day). 800 days: "this year against last year" on 31 December reaches back 730 days, and
 * the tablets' longest period is a year; past that a day is dropped.
 */
export const DAY_HISTORY_DAYS = 800;

/**
 * Drops what has fallen out of retention: for each of the `span` days just past each limit (1 at each
 * midnight; more at start, to catch up on midnights the server was down for), the minute buckets and
 * the day history of every scope.
 */
export async function dropOutOfRetention(
  store: Store,
  scopes: readonly Scope[],
  today: DayKey,
  span: number,
) {
  const stale: string[] = [];
  for (let d = 1; d <= span; d++) {
    const minutesDay = addDays(today, -MINUTE_BUCKET_DAYS - d);
    const historyDay = addDays(today, -DAY_HISTORY_DAYS - d);
    for (const s of scopes) {
      stale.push(keys.minutes(minutesDay, s), keys.day(historyDay, s), keys.endOfDay(historyDay, s));
    }
  }
  await store.deleteKeys(stale);
}
