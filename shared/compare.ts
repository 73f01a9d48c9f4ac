import { evaluateKpi } from './evaluate';
import { MINUTE_COUNTERS, type Counters } from './counters';
import { KPIS, type Formula, type KpiId } from './kpis';
import type { KpiKey } from './socket';

/**
 * "Change against the same time yesterday": the province's value of a KPI yesterday at the same minute
 * of the day, travelling in the province feed as an ordinary key ("province|yesterday.received"). Only
 * KPIs that can be rebuilt exactly from yesterday's minute counters get one; a tile shows no comparison
 * rather than a guessed one.
 */
export const yesterdayKey = (kpiId: string): KpiKey => `province|yesterday.${kpiId}`;

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
