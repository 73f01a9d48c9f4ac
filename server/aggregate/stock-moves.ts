import type { DayKey } from '../../shared/brand';
import type { Scope } from '../../shared/scope';
import { dayOf } from '../../shared/time';
import type { Sink } from './contribution';
import { keys, monthOf, STOCK, yearOf } from './keys';

export function moveStock(c: Sink, scope: Scope, at: number, stock: string, n: number): void {
  const day = dayOf(at);
  const field = stockField(stock);
  c.count(keys.day(day, scope), field, n);
  c.count(keys.month(monthOf(day), scope), field, n);
  c.count(keys.year(yearOf(day), scope), field, n);
}

/**
 * Writes a whole set of steps for each scope, netted first: a dossier received and finished on one day
 * moves nothing on that day, nor in its month or year, so nothing is written there. Most dossiers are
 * finished within their month, so this saves most of the writes (this runs for every event).
 */
export function moveStocks(c: Sink, scopes: readonly Scope[], steps: readonly StockStep[]): void {
  if (steps.length === 0) return;
  const nets = netted(steps);
  for (const s of scopes) {
    for (const m of nets) c.count(levelKey(m.level, m.period, s), m.field, m.n);
  }
}

interface NetMove {
  level: 0 | 1 | 2;
  period: DayKey;
  field: string;
  n: number;
}

/** Steps summed per day, month and year and field; zero sums left out. */
function netted(steps: readonly StockStep[]): NetMove[] {
  const out: NetMove[] = [];
  for (const step of steps) {
    const day = dayOf(step.at);
    const field = stockField(step.stock);
    for (let level = 0 as 0 | 1 | 2; level <= 2; level++) {
      const period = level === 0 ? day : ((level === 1 ? monthOf(day) : yearOf(day)) as DayKey);
      const same = out.find((m) => m.level === level && m.period === period && m.field === field);
      if (same) same.n += step.n;
      else out.push({ level, period, field, n: step.n });
    }
  }
  return out.filter((m) => m.n !== 0);
}

const levelKey = (level: 0 | 1 | 2, period: string, scope: Scope) =>
  level === 0
    ? keys.day(period as DayKey, scope)
    : level === 1
      ? keys.month(period, scope)
      : keys.year(period, scope);

/** "s.openLate": made once per stock name. */
const fields = new Map<string, string>();
function stockField(stock: string): string {
  let f = fields.get(stock);
  if (f === undefined) fields.set(stock, (f = STOCK + stock));
  return f;
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
