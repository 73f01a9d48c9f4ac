import { evaluateKpi } from './evaluate';
import { MINUTE_COUNTERS, type Counters } from './counters';
import { KPIS, type Formula, type KpiId } from './kpis';
import type { KpiKey, WireKpi } from './socket';

/**
 * "Change against the same time of the previous working day" (shared/compare-basis.ts chooses the day):
 * the province's value of a KPI that day at the same minute, travelling in the province feed as an
 * ordinary key ("province|basis.received"), with the instant it stands for under BASIS_AT_KEY. Only KPIs
 * that can be rebuilt exactly from that day's minute counters get one; a tile shows no comparison rather
 * than a guessed one.
 */
export const basisKey = (kpiId: string): KpiKey => `province|basis.${kpiId}`;
/** The instant the comparison values stand for (epoch ms, as [at, at, null]): "so với 8:05 thứ Sáu". */
export const BASIS_AT_KEY: KpiKey = 'province|basis.at';

/** What a tile compares with: the value, and the instant it stands for; null when not known exactly. */
export interface Comparison {
  value: number;
  at: number;
}

/** A KPI's comparison as the province feed carries it; null when the feed has none for it. */
export function comparisonOf(province: ReadonlyMap<KpiKey, WireKpi>, kpiId: string): Comparison | null {
  const value = province.get(basisKey(kpiId))?.[0];
  const at = province.get(BASIS_AT_KEY)?.[0];
  return value === undefined || value === null || at === undefined || at === null ? null : { value, at };
}

type Field = keyof Counters;

/** Every counter a formula reads. */
export function formulaFields(f: Formula): readonly Field[] {
  switch (f.kind) {
    case 'count':
      return f.of;
    case 'ratio':
      return [...f.num, ...f.den];
    case 'mean':
      return [f.sum, ...f.count];
    case 'satisfaction':
      return ['resolvedEarly', 'resolvedOnDue', 'resolvedLate', 'rated', 'disliked'];
  }
}

const minuteCounters: ReadonlySet<string> = new Set(MINUTE_COUNTERS);

/** The KPIs whose formula reads only minute counters: those can be rebuilt at any minute of a past day. */
export const COMPARABLE_KPIS: readonly (typeof KPIS)[number][] = KPIS.filter((k) =>
  formulaFields(k.formula).every((f) => minuteCounters.has(f)),
);

/**
 * A day's counters as they stood at the end of minute `minute` (0..1439): the sum of its minute buckets
 * ("<minute>.<counter>" -> n) from minute 0 up to and including `minute`. Fields that are not a minute
 * bucket of a known counter are ignored.
 */
export function countersUntil(minutes: Readonly<Record<string, number>>, minute: number): Counters {
  const out: Record<string, number> = {};
  for (const field in minutes) {
    const dot = field.indexOf('.');
    if (dot <= 0) continue;
    const counter = field.slice(dot + 1);
    const m = Number(field.slice(0, dot));
    if (!(m >= 0 && m <= minute) || !minuteCounters.has(counter)) continue;
    out[counter] = (out[counter] ?? 0) + (minutes[field] ?? 0);
  }
  return out as Counters;
}

/** The comparable KPIs at the end of minute `minute` of a day, from its minute buckets, by KPI id. */
export function valuesUntil(
  minutes: Readonly<Record<string, number>>,
  minute: number,
): Map<KpiId, { value: number | null; num: number; den: number | null }> {
  const c = countersUntil(minutes, minute);
  return new Map(COMPARABLE_KPIS.map((def) => [def.id, evaluateKpi(def, c, null)]));
}
