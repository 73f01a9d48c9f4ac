import type { CommunePeriodResponse } from '../../../shared/commune-period';
import { formatCount, type Lang } from '../../../shared/format';
import type { KpiDef } from '../../../shared/kpis';
import { rankable } from '../../../shared/min-sample';
import type { KpiKey, WireKpi } from '../../../shared/socket';
import { unitValues, type UnitValue } from '../../lib/map/unit-values';

/** The map scene's lists beside the map: the communes with most late dossiers, and the weakest. */

/** Every commune's value of one KPI, by commune code, read from the units feed's keys. */
export const communeValues = (values: ReadonlyMap<KpiKey, WireKpi>, kpiId: string): Map<string, UnitValue> =>
  unitValues(values, 'commune', kpiId);

/** One KPI of a communes answer, by commune code, as the lists read it (null numerator: no value). */
export function periodCommuneValues(answer: CommunePeriodResponse, kpiId: string): Map<string, UnitValue> {
  const out = new Map<string, UnitValue>();
  const i = answer.kpis.indexOf(kpiId);
  if (i < 0) return out;
  for (const [code, figures] of Object.entries(answer.communes)) {
    const [value, num, den] = figures[i] ?? [null, null, null];
    out.set(code, { code, value, num: num ?? 0, den });
  }
  return out;
}

/** No commune's value: a period's answer not come yet (never today's in its place). */
export const NO_VALUES: ReadonlyMap<string, UnitValue> = new Map();

/** The values there are (the colour classes are cut from them); unknown ones left out. */
export const knownValues = (values: ReadonlyMap<string, UnitValue>): number[] =>
  [...values.values()].flatMap((v) => (v.value === null ? [] : [v.value]));

/** The communes with the most of a count (late dossiers), largest first, zeros left out. */
export function mostOf(values: ReadonlyMap<string, UnitValue>, n: number): UnitValue[] {
  return [...values.values()]
    .filter((v) => v.value !== null && v.value > 0)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.code.localeCompare(b.code))
    .slice(0, n);
}

/**
 * The communes doing worst on a KPI (lowest, or highest when lower is better), worst first. A rate over
 * fewer dossiers than `minSample` (MIN_SAMPLE) is coloured on the map but not named here: 1 late of 2
 * is 50%, and would head the list for one dossier.
 */
export function weakest(
  def: KpiDef,
  values: ReadonlyMap<string, UnitValue>,
  n: number,
  minSample: number,
): UnitValue[] {
  const sign = def.lowerIsBetter ? -1 : 1;
  return [...values.values()]
    .filter((v) => v.value !== null && rankable(v.den, minSample))
    .sort((a, b) => sign * ((a.value ?? 0) - (b.value ?? 0)) || a.code.localeCompare(b.code))
    .slice(0, n);
}

/** How many communes have a value of a rate, but over fewer dossiers than `minSample`: not ranked. */
export const underSample = (values: ReadonlyMap<string, UnitValue>, minSample: number): number =>
  [...values.values()].filter((v) => v.value !== null && !rankable(v.den, minSample)).length;

/** What a listed rate rests on, "(25/26)" dossiers, to show beside "96,2%"; null for anything else. */
export function sampleOf(def: KpiDef, v: UnitValue, lang: Lang): string | null {
  if (v.value === null || v.den === null || def.formula.kind !== 'ratio') return null;
  return `(${formatCount(v.num, lang)}/${formatCount(v.den, lang)})`;
}
