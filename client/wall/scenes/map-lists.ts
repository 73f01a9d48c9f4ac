import type { KpiDef } from '../../../shared/kpis';
import type { KpiKey, WireKpi } from '../../../shared/socket';

/** One commune's value of a KPI as the units feed carries it. */
export interface CommuneValue {
  code: string;
  value: number | null;
  /** The denominator of a ratio (how many dossiers the rate is over); null for counts. */
  den: number | null;
}

const PREFIX = 'commune:';

/** Every commune's value of one KPI, by commune code, read from the units feed's keys. */
export function communeValues(
  values: ReadonlyMap<KpiKey, WireKpi>,
  kpiId: string,
): Map<string, CommuneValue> {
  const out = new Map<string, CommuneValue>();
  const suffix = `|${kpiId}`;
  for (const [key, [value, , den]] of values) {
    if (!key.startsWith(PREFIX) || !key.endsWith(suffix)) continue;
    const code = key.slice(PREFIX.length, key.length - suffix.length);
    out.set(code, { code, value, den });
  }
  return out;
}

/** The communes with the most of a count (late dossiers), largest first, zeros left out. */
export function mostOf(values: ReadonlyMap<string, CommuneValue>, n: number): CommuneValue[] {
  return [...values.values()]
    .filter((v) => v.value !== null && v.value > 0)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.code.localeCompare(b.code))
    .slice(0, n);
}

/**
 * Below this many dossiers a rate says little (1 late of 2 is 50%): such communes are coloured on the
 * map but not named among the weakest.
 */
export const MIN_DENOMINATOR = 5;

/** The communes doing worst on a KPI (lowest, or highest when lower is better), worst first. */
export function weakest(def: KpiDef, values: ReadonlyMap<string, CommuneValue>, n: number): CommuneValue[] {
  const sign = def.lowerIsBetter ? -1 : 1;
  return [...values.values()]
    .filter((v) => v.value !== null && (v.den === null || v.den >= MIN_DENOMINATOR))
    .sort((a, b) => sign * ((a.value ?? 0) - (b.value ?? 0)) || a.code.localeCompare(b.code))
    .slice(0, n);
}
