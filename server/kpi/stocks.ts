import type { DayKey } from '../../shared/brand';
import type { Counters } from '../../shared/counters';
import type { Scope } from '../../shared/scope';
import { addDays } from '../../shared/time';
import { keys, monthOf, STOCK, yearOf } from '../aggregate/keys';
import type { Store } from '../store/types';

/**
 * What was open, late and overdue at the end of `day`, for each scope: the sum of every stock move up
 * to that day (aggregate/stock-moves.ts). Read as whole years before the day's year, whole months of
 * its year before its month, and its month less the days after it: at most a few dozen small hashes
 * per scope, one round trip, whatever the day. `since` is the first day any data exists.
 */
export async function readStocksAtEndOf(
  store: Store,
  scopes: readonly Scope[],
  day: DayKey,
  since: DayKey,
): Promise<Counters[]> {
  const adding: ((s: Scope) => string)[] = [];
  const subtracting: ((s: Scope) => string)[] = [];
  const year = Number(yearOf(day));
  for (let y = Number(yearOf(since)); y < year; y++) adding.push((s) => keys.year(String(y), s));
  const month = Number(day.slice(5, 7));
  for (let m = 1; m < month; m++) adding.push((s) => keys.month(`${year}-${String(m).padStart(2, '0')}`, s));
  adding.push((s) => keys.month(monthOf(day), s));
  // The days after `day` in its month are newer than it, so they are kept as long as it is.
  for (let d = addDays(day, 1); monthOf(d) === monthOf(day); d = addDays(d, 1)) {
    const later = d;
    subtracting.push((s) => keys.day(later, s));
  }
  const per = adding.length + subtracting.length;
  const hashes = await store.readHashes(scopes.flatMap((s) => [...adding, ...subtracting].map((k) => k(s))));
  return scopes.map((_, i) => {
    const out: Record<string, number> = {};
    for (let j = 0; j < per; j++) {
      const sign = j < adding.length ? 1 : -1;
      const h = hashes[i * per + j]!;
      for (const field in h) {
        if (!field.startsWith(STOCK)) continue;
        const name = field.slice(STOCK.length);
        out[name] = (out[name] ?? 0) + sign * (h[field] ?? 0);
      }
    }
    return out as Counters;
  });
}
