import type { DayKey } from '../../shared/brand';
import type { Scope } from '../../shared/scope';
import { addDays, startOfDay } from '../../shared/time';
import { keys } from '../aggregate/keys';
import type { Store } from '../store/types';

/**
 * Minute buckets serve today's and yesterday's curves; a week is kept for looking back, then they are
 * dropped. They are the bulk of what a day adds (thousands of fields), and a wall runs for years.
 */
export const MINUTE_BUCKET_DAYS = 7;

/**
 * Day counters are the history periods are read from (a few dozen fields per scope and day). 800 days
 * by default: "this year against last year" on 31 December reaches back 730 days, and the tablets'
 * longest period is a year. Month and year sums of the stock moves are kept for good (a dozen small
 * hashes per scope and year): the stocks of any later day are summed from them.
 */
export const DEFAULT_RETENTION_DAYS = 800;

/** Records dropped per call, so one midnight never holds the store for long. */
const RECORDS_PER_SWEEP = 10_000;

/**
 * Drops what has fallen out of retention: for each of the `span` days just past each limit (1 at each
 * midnight; more at start, to catch up on midnights the server was down for), the minute buckets and
 * the day counters of every scope; then every record that will move no stock again and whose last
 * instant is older than the oldest day kept. That is safe because events older than it are refused.
 */
export async function dropOutOfRetention(
  store: Store,
  scopes: readonly Scope[],
  today: DayKey,
  span: number,
  retentionDays = DEFAULT_RETENTION_DAYS,
): Promise<void> {
  const stale: string[] = [];
  for (let d = 1; d <= span; d++) {
    const minutesDay = addDays(today, -MINUTE_BUCKET_DAYS - d);
    const historyDay = addDays(today, -retentionDays - d);
    for (const s of scopes) stale.push(keys.minutes(minutesDay, s), keys.day(historyDay, s));
  }
  await store.deleteKeys(stale);
  const oldestKept = startOfDay(addDays(today, -retentionDays));
  while ((await store.dropRecords(keys.closed, oldestKept, RECORDS_PER_SWEEP)) === RECORDS_PER_SWEEP) {
    // more to drop: go on in slices
  }
}
