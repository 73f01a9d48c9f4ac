import type { KpiKey, WireKpi } from '../../../shared/socket';

/** A unit's value of a KPI as the units feed carries it: the value and, for a rate, what it is of. */
export interface UnitValue {
  code: string;
  value: number | null;
  num: number;
  den: number | null;
}

/** Every commune's (or agency's) value of one KPI, by code or id, read from the units feed's keys. */
export function unitValues(
  values: ReadonlyMap<KpiKey, WireKpi>,
  kind: 'commune' | 'agency',
  kpiId: string,
): Map<string, UnitValue> {
  const out = new Map<string, UnitValue>();
  const prefix = `${kind}:`;
  const suffix = `|${kpiId}`;
  for (const [key, [value, num, den]] of values) {
    if (!key.startsWith(prefix) || !key.endsWith(suffix)) continue;
    const code = key.slice(prefix.length, key.length - suffix.length);
    out.set(code, { code, value, num, den });
  }
  return out;
}
