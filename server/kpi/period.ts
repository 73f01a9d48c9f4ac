import { DAY_COUNTERS, type Counters } from '../../shared/kpis';
import { daysOf, type DayRange } from '../../shared/periods';
import type { Scope } from '../../shared/scope';
import { dayOf, endOfDay } from '../../shared/time';
import { keys } from '../aggregate/keys';
import type { Store } from '../store/types';
import { readCounters } from './read-counters';

/**
 * The counters of a scope over a range of days, from the same day counters the live numbers are made
 * of: flows (received, resolved, payments, their sums) are added up day by day; what is open (late
 * dossiers, overdue tasks) is what was open at the range's end, now when it ends today. Two round trips
 * whatever the length of the range.
 */
export async function readPeriodCounters(
  store: Store,
  scope: Scope,
  range: DayRange,
  now: number,
): Promise<Counters> {
  const live = range.to === dayOf(now);
  const days = daysOf(range);
  const [atEnd, hashes] = await Promise.all([
    readCounters(store, [scope], range.to, live ? now : endOfDay(range.to), live),
    store.readHashes(days.map((d) => keys.day(d, scope))),
  ]);
  const counters: Counters = { ...atEnd.get(scope) };
  for (const field of DAY_COUNTERS) {
    let sum = 0;
    let seen = false;
    for (const h of hashes) {
      const n = h[field];
      if (n !== undefined) {
        sum += n;
        seen = true;
      }
    }
    if (seen) counters[field] = sum;
  }
  return counters;
}
