import type { DayKey } from '../../shared/brand';
import { addDayFlows, type Counters } from '../../shared/counters';
import { daysOf, type DayRange } from '../../shared/periods';
import type { Scope } from '../../shared/scope';
import { dayNumber, startOfDay } from '../../shared/time';
import { keys } from '../aggregate/keys';
import type { Store } from '../store/types';
import { readLiveCounts } from './read-counters';
import { readStocksAtEndOf } from './stocks';

/**
 * The counters of a scope over a range of days, from the same day counters the live numbers are made
 * of: flows (received, resolved, payments, their sums) are added up day by day, and "received in the
 * range that have X by its end" takes each day's lagged fields up to the range's end; what is open (late
 * dossiers, overdue tasks) is what was open at the range's end: now when it ends today, else at the end
 * of its last day, from the stock moves. `firstDay` is the first day of data (stocks sum from there).
 */
export async function readPeriodCounters(
  store: Store,
  scope: Scope,
  range: DayRange,
  today: DayKey,
  now: number,
  firstDay: DayKey,
): Promise<Counters> {
  const live = range.to === today;
  const days = daysOf(range);
  const [hashes, stocks] = await Promise.all([
    store.readHashes(days.map((d) => keys.day(d, scope))),
    live
      ? Promise.all([readLiveCounts(store, [scope], now), store.readHashes([keys.tasks(scope)])]).then(
          ([[open], [tasks]]) => ({ ...tasks, ...open }) as Counters,
        )
      : readStocksAtEndOf(store, [scope], range.to, firstDay).then(([s]) => s!),
  ]);
  const counters: Counters = { ...stocks };
  const end = dayNumber(startOfDay(range.to));
  days.forEach((day, i) => addDayFlows(counters, hashes[i]!, end - dayNumber(startOfDay(day))));
  return counters;
}
