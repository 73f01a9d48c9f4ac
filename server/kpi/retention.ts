import type { DayKey } from '../../shared/brand';
import type { Scope } from '../../shared/scope';
import { addDays } from '../../shared/time';
import { keys } from '../aggregate/keys';
import type { Store } from '../store/types';

/**
 * Minute buckets serve today's and yesterday's curves; a week is kept for looking back, then they are
 * dropped. They are the bulk of what a day adds (thousands of fields), and a wall runs for years. Day
 * counters are kept: they are the history (issue 4 sets their retention).
 */
export const MINUTE_BUCKET_DAYS = 7;

/**
 * Drops the minute buckets that have fallen out of retention: the `span` days before the oldest kept
 * day (1 at each midnight; more at start, to catch up on midnights the server was down for).
 */
export async function dropOldMinuteBuckets(
  store: Store,
  scopes: readonly Scope[],
  today: DayKey,
  span: number,
) {
  const oldestKept = addDays(today, -MINUTE_BUCKET_DAYS);
  const stale: string[] = [];
  for (let d = 1; d <= span; d++) {
    const day = addDays(oldestKept, -d);
    for (const s of scopes) stale.push(keys.minutes(day, s));
  }
  await store.deleteKeys(stale);
}
