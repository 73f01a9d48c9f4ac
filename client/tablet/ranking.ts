import type { LateBreakdown } from '../../shared/drill';
import { rankable } from '../../shared/min-sample';

/** A unit's value of a rate today: the rate (null when nothing to rate) and what it is of. */
interface UnitRate {
  value: number | null;
  num?: number;
  den: number | null;
}

/** One row of the communes' ranking. */
export interface RankRow {
  code: string;
  name: string;
  value: number | null;
  num: number | null;
  den: number | null;
  /** Its place among the ranked, 1 the lowest; null when not ranked (too few dossiers, or no rate). */
  rank: number | null;
  /** A rate over fewer dossiers than the minimum sample (MIN_SAMPLE): shown, but not ranked. */
  few: boolean;
}

const collator = new Intl.Collator('vi');

/**
 * Every commune, worst first: those with a rate over at least `minSample` dossiers (MIN_SAMPLE), ranked
 * lowest first; then, not ranked, those with fewer dossiers, lowest first; then those with no rate, by
 * name. Every commune is listed (a leader can always reach one), whether or not its numbers have arrived.
 */
export function rankCommunes(
  names: Readonly<Record<string, string>>,
  rates: ReadonlyMap<string, UnitRate>,
  minSample: number,
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
      num: value === null ? null : (r?.num ?? null),
      den,
      rank: null,
      few: value !== null && !rankable(den ?? 0, minSample),
    };
  });
  const tier = (r: RankRow) => (r.value === null ? 2 : r.few ? 1 : 0);
  rows.sort(
    (a, b) =>
      tier(a) - tier(b) ||
      (a.value ?? 0) - (b.value ?? 0) ||
      collator.compare(a.name, b.name) ||
      a.code.localeCompare(b.code),
  );
  let rank = 0;
  for (const row of rows) if (tier(row) === 0) row.rank = ++rank;
  return rows;
}

/** How many communes have a rate but too few dossiers to be ranked. */
export const unrankedCount = (rows: readonly RankRow[]): number => rows.filter((r) => r.few).length;

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
 * ones a leader should call about on top. A rate over fewer dossiers than `minSample` (MIN_SAMPLE) does
 * not order the list: it counts as no rate.
 */
export function agencyRows(
  names: Readonly<Record<string, string>>,
  late: LateBreakdown | null,
  rates: ReadonlyMap<string, UnitRate>,
  minSample: number,
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
  const rate = (r: AgencyRow) =>
    r.onTime && rankable(r.onTime.den ?? 0, minSample) ? (r.onTime.value ?? Infinity) : Infinity;
  return rows.sort(
    (a, b) => (b.late ?? 0) - (a.late ?? 0) || rate(a) - rate(b) || collator.compare(a.name, b.name),
  );
}
