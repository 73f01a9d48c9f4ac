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
  const [counters] = await readPeriodCountersOf(store, [scope], range, today, now, firstDay);
  return counters!;
}

/**
 * readPeriodCounters for many scopes at once (every commune of the map), in the same few store calls
 * (day hashes, stocks; no call per scope), so each scope's counters are exactly the one-scope answer.
 */
export async function readPeriodCountersOf(
  store: Store,
  scopes: readonly Scope[],
  range: DayRange,
  today: DayKey,
  now: number,
  firstDay: DayKey,
): Promise<Counters[]> {
  const live = range.to === today;
  const days = daysOf(range);
  const [hashes, stocks] = await Promise.all([
    store.readHashes(scopes.flatMap((s) => days.map((d) => keys.day(d, s)))),
    live
      ? Promise.all([readLiveCounts(store, scopes, now), store.readHashes(scopes.map(keys.tasks))]).then(
          ([open, tasks]) => scopes.map((_, i) => ({ ...tasks[i], ...open[i] }) as Counters),
        )
      : readStocksAtEndOf(store, scopes, range.to, firstDay),
  ]);
  const end = dayNumber(startOfDay(range.to));
  const lags = days.map((day) => end - dayNumber(startOfDay(day)));
  return scopes.map((_, i) => {
    const counters: Counters = { ...stocks[i] };
    lags.forEach((lag, j) => addDayFlows(counters, hashes[i * days.length + j]!, lag));
    return counters;
  });
}
