import { scaleLinear } from 'd3';
import { rankable } from '../../../shared/min-sample';
import { niceTicks } from '../../lib/charts/scale';

/**
 * Rankings of units (communes or agencies) by one value, for the wall's "who needs attention" lists:
 * selection of the top N, a stable order, and the bar lengths as fractions (0..1) of the bar track, so
 * the widget lays them out with CSS and its text keeps its vh size.
 */

export interface RankInput {
  id: string;
  name: string;
  /** null: the unit has no value (a zero denominator); it is left out, and counted. */
  value: number | null;
  /** For a rate: what it is of ("25" of "26" dossiers); the denominator is its sample. */
  num?: number | null;
  den?: number | null;
}

export interface Ranked {
  /** The top N, in rank order. */
  items: RankInput[];
  /** How many units had no value and were left out. */
  noValue: number;
  /** How many units had a value (the N is taken from these). */
  withValue: number;
  /** How many units had a rate over fewer dossiers than the minimum sample: left out, not ranked. */
  underSample: number;
}

/** Vietnamese collation, so "Phường Ba Đình" sorts by its letters, not its code points. */
const byName = new Intl.Collator('vi').compare;

/**
 * The N units first by `order` ("asc": lowest first, e.g. lowest on-time rate; "desc": highest first,
 * e.g. most late). Ties go by name, then id, so the list does not shuffle between frames.
 * `keep` drops units whose value should not rank (zero overdue tasks is no one's problem).
 * A rate over fewer dossiers than `minSample` (MIN_SAMPLE, shared/min-sample.ts) is not ranked: 1 late
 * of 2 is 50%, and would top the list for one dossier. Such units are counted, so the list says so.
 */
export function rankTop(
  units: readonly RankInput[],
  n: number,
  order: 'asc' | 'desc',
  keep: (value: number) => boolean = () => true,
  minSample = 0,
): Ranked {
  const valued = units.filter(
    (u): u is RankInput & { value: number } => u.value !== null && Number.isFinite(u.value),
  );
  const sampled = valued.filter((u) => rankable(u.den, minSample));
  const sign = order === 'asc' ? 1 : -1;
  const items = sampled
    .filter((u) => keep(u.value))
    .sort(
      (a, b) =>
        sign * (a.value - b.value) || byName(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .slice(0, Math.max(0, n));
  return {
    items,
    noValue: units.length - valued.length,
    withValue: valued.length,
    underSample: valued.length - sampled.length,
  };
}

export interface RankRow {
  rank: number;
  id: string;
  name: string;
  value: number;
  /** For a rate: its numerator and denominator (the sample); null for a count. */
  num: number | null;
  den: number | null;
  /** Bar length, 0..1 of the track. */
  bar: number;
}

interface RankingGeometry {
  rows: RankRow[];
  /** The value at the track's right end. */
  max: number;
  /** The target line, 0..1 of the track, or null. */
  target: number | null;
}

/**
 * Bar lengths from 0: up to `max` when given (rates: 1), else up to a round number above the largest
 * value, so the longest bar does not always fill the track whatever its value.
 */
export function rankingGeometry(
  items: readonly RankInput[],
  opts: { max?: number; target?: number } = {},
): RankingGeometry {
  const values = items.map((i) => i.value ?? 0);
  const top = opts.max ?? niceTicks(Math.max(0, ...values)).at(-1) ?? 1;
  const x = scaleLinear().domain([0, top]).range([0, 1]).clamp(true);
  return {
    rows: items.map((i, k) => ({
      rank: k + 1,
      id: i.id,
      name: i.name,
      value: i.value ?? 0,
      num: i.num ?? null,
      den: i.den ?? null,
      bar: x(i.value ?? 0),
    })),
    max: top,
    target: opts.target === undefined ? null : x(opts.target),
  };
}

/**
 * The units of one kind (communes or agencies) found in a feed's values, with a value read from their
 * KPIs: `read(get)` gets each KPI of the unit by id (null when the feed has no value for it).
 * Units appear as soon as the feed knows any KPI of theirs. `rateOf`: the rate KPI whose numerator and
 * denominator go with the value (the denominator is the sample a ranking's floor is judged on).
 */
export function collectUnits<V extends readonly [number | null, number?, (number | null)?]>(
  values: ReadonlyMap<string, V>,
  kind: 'commune' | 'agency',
  read: (get: (kpiId: string) => number | null) => number | null,
  nameOf: (id: string) => string,
  rateOf?: string,
): RankInput[] {
  const prefix = `${kind}:`;
  const ids = new Set<string>();
  for (const key of values.keys()) {
    if (!key.startsWith(prefix)) continue;
    ids.add(key.slice(prefix.length, key.indexOf('|')));
  }
  return [...ids].map((id) => {
    const rate = rateOf === undefined ? undefined : values.get(`${prefix}${id}|${rateOf}`);
    return {
      id,
      name: nameOf(id),
      value: read((kpiId) => values.get(`${prefix}${id}|${kpiId}`)?.[0] ?? null),
      ...(rateOf === undefined ? {} : { num: rate?.[1] ?? null, den: rate?.[2] ?? null }),
    };
  });
}

/** Sums KPIs of a unit; null only when none of them has a value. */
export const sumOf =
  (...kpiIds: string[]) =>
  (get: (kpiId: string) => number | null): number | null => {
    const vs = kpiIds.map(get).filter((v): v is number => v !== null);
    return vs.length === 0 ? null : vs.reduce((a, v) => a + v, 0);
  };
