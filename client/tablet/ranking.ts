import type { LateBreakdown } from '../../shared/drill';
import { MIN_DENOMINATOR } from '../lib/map/unit-values';

/** A unit's value of a rate today: the rate (null when nothing to rate) and what it is over. */
interface UnitRate {
  value: number | null;
  den: number | null;
}

/** One row of the communes' ranking. */
export interface RankRow {
  code: string;
  name: string;
  value: number | null;
  den: number | null;
  /** Fewer dossiers than MIN_DENOMINATOR: a rate that says little (1 late of 2 is 50%). */
  few: boolean;
}

const collator = new Intl.Collator('vi');

/**
 * Every commune, worst first: those with a rate over enough dossiers, lowest first; then those with
 * few dossiers, lowest first; then those with no rate, by name. Every commune is listed (a leader can
 * always reach one), whether or not its numbers have arrived.
 */
export function rankCommunes(
  names: Readonly<Record<string, string>>,
  rates: ReadonlyMap<string, UnitRate>,
): RankRow[] {
  const codes = new Set([...Object.keys(names), ...rates.keys()]);
  const rows = [...codes].map((code): RankRow => {
    const r = rates.get(code);
    const value = r?.value ?? null;
    const den = r?.den ?? null;
    return {
      code,
      name: names[code] ?? code,
      value,
      den,
      few: value !== null && (den ?? 0) < MIN_DENOMINATOR,
    };
  });
  const tier = (r: RankRow) => (r.value === null ? 2 : r.few ? 1 : 0);
  return rows.sort(
    (a, b) =>
      tier(a) - tier(b) ||
      (a.value ?? 0) - (b.value ?? 0) ||
      collator.compare(a.name, b.name) ||
      a.code.localeCompare(b.code),
  );
}

/** Rows whose name contains the words typed, ignoring case and Vietnamese diacritics ("phu cat"). */
export function filterRows<T extends { name: string }>(rows: readonly T[], typed: string): T[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
  const words = fold(typed).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const name = fold(r.name);
    return words.every((w) => name.includes(w));
  });
}

/** One agency of the province's list. */
export interface AgencyRow {
  id: string;
  name: string;
  /** Open late dossiers now; null while the late list has not answered. */
  late: number | null;
  onTime: UnitRate | null;
}

/**
 * Every agency, the most late dossiers first, then the lowest on-time rate today, then by name: the
 * ones a leader should call about on top.
 */
export function agencyRows(
  names: Readonly<Record<string, string>>,
  late: LateBreakdown | null,
  rates: ReadonlyMap<string, UnitRate>,
): AgencyRow[] {
  const lateBy = new Map<string, number>();
  for (const g of late?.groups ?? [])
    if (g.scope.startsWith('agency:')) lateBy.set(g.scope.slice('agency:'.length), g.late);
  const ids = new Set([...Object.keys(names), ...lateBy.keys()]);
  const rows = [...ids].map((id): AgencyRow => ({
    id,
    name: names[id] ?? id,
    late: late ? (lateBy.get(id) ?? 0) : null,
    onTime: rates.get(id) ?? null,
  }));
  const rate = (r: AgencyRow) => r.onTime?.value ?? Infinity;
  return rows.sort(
    (a, b) => (b.late ?? 0) - (a.late ?? 0) || rate(a) - rate(b) || collator.compare(a.name, b.name),
  );
}
