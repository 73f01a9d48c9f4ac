import type { KpiDef } from '../../../shared/kpis';
import type { KpiKey, WireKpi } from '../../../shared/socket';
import { MIN_DENOMINATOR, unitValues, type UnitValue } from '../../lib/map/unit-values';

/** The map scene's lists beside the map: the communes with most late dossiers, and the weakest. */

/** Every commune's value of one KPI, by commune code, read from the units feed's keys. */
export const communeValues = (values: ReadonlyMap<KpiKey, WireKpi>, kpiId: string): Map<string, UnitValue> =>
  unitValues(values, 'commune', kpiId);

/** The communes with the most of a count (late dossiers), largest first, zeros left out. */
export function mostOf(values: ReadonlyMap<string, UnitValue>, n: number): UnitValue[] {
  return [...values.values()]
    .filter((v) => v.value !== null && v.value > 0)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.code.localeCompare(b.code))
    .slice(0, n);
}

/** The communes doing worst on a KPI (lowest, or highest when lower is better), worst first. */
export function weakest(def: KpiDef, values: ReadonlyMap<string, UnitValue>, n: number): UnitValue[] {
  const sign = def.lowerIsBetter ? -1 : 1;
  return [...values.values()]
    .filter((v) => v.value !== null && (v.den === null || v.den >= MIN_DENOMINATOR))
    .sort((a, b) => sign * ((a.value ?? 0) - (b.value ?? 0)) || a.code.localeCompare(b.code))
    .slice(0, n);
}
