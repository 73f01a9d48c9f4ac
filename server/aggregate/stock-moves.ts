import type { DayKey } from '../../shared/brand';
import type { Scope } from '../../shared/scope';
import { dayOf } from '../../shared/time';
import type { Sink } from './contribution';
import { keys, monthOf, STOCK, yearOf } from './keys';

/**
 * Stocks (what is open, late, overdue at an instant) are never snapshots: each is kept as its moves,
 * the net change it made on each day. The stock at the end of day D is the sum of every move up to D,
 * so it is exact for any past day, needs nothing to happen at midnight, and a late event corrects it
 * through the same `contribution(new) − contribution(old)` as every counter. Each move is written to
 * its day, its month and its year, so a read sums a few dozen hashes, not every day since the start.
 */
export function moveStock(c: Sink, scope: Scope, at: number, stock: string, n: number): void {
  const [day, month, year] = stockKeys(dayOf(at), scope);
  const field = STOCK + stock;
  c.count(day, field, n);
  c.count(month, field, n);
  c.count(year, field, n);
}

/** The day, month and year keys of a day x scope, made once each (this runs for every event). */
const memo = new Map<DayKey, Map<Scope, readonly [string, string, string]>>();
function stockKeys(day: DayKey, scope: Scope): readonly [string, string, string] {
  let byScope = memo.get(day);
  if (!byScope) {
    if (memo.size > 512) memo.clear();
    memo.set(day, (byScope = new Map()));
  }
  let k = byScope.get(scope);
  if (!k) {
    k = [keys.day(day, scope), keys.month(monthOf(day), scope), keys.year(yearOf(day), scope)];
    byScope.set(scope, k);
  }
  return k;
}

/** One change of a stock over time: at `at`, `stock` changes by `n`. */
export interface StockStep {
  at: number;
  stock: string;
  n: number;
}

/**
 * The steps of one open dossier: it is open from its reception `from` until it is finished `until`
 * (Infinity while open), and late once its due time has passed (from dueAt + 1 ms: a dossier finished
 * at its due time is on time, KPIS.md). Nothing at all when it was finished before it was received.
 */
export function openDossierSteps(from: number, until: number, dueAt: number): StockStep[] {
  if (until <= from) return [];
  const lateFrom = dueAt + 1;
  const steps: StockStep[] = [];
  if (lateFrom <= from) {
    steps.push({ at: from, stock: 'openLate', n: 1 });
    if (until !== Infinity) steps.push({ at: until, stock: 'openLate', n: -1 });
    return steps;
  }
  steps.push({ at: from, stock: 'openNotLate', n: 1 });
  if (lateFrom < until) {
    steps.push({ at: lateFrom, stock: 'openNotLate', n: -1 }, { at: lateFrom, stock: 'openLate', n: 1 });
    if (until !== Infinity) steps.push({ at: until, stock: 'openLate', n: -1 });
  } else if (until !== Infinity) {
    steps.push({ at: until, stock: 'openNotLate', n: -1 });
  }
  return steps;
}
