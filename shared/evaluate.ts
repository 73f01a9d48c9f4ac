import type { Source } from './vocabulary';
import type { Counters } from './counters';
import type { KpiDef } from './kpi-def';

/** A computed KPI: value (null when it has none: a zero denominator), its parts, and its age. */
export interface KpiValue {
  value: number | null;
  num: number;
  den: number | null;
  /** Time of the newest word from the KPI's sources (event or heartbeat): the number is complete up to here. */
  asOf: number | null;
}

const sum = (c: Counters, fields: readonly (keyof Counters)[]) => fields.reduce((a, f) => a + (c[f] ?? 0), 0);

/** Applies a catalogue formula to counters. Pure and shared, so server and tests compute alike. */
export function evaluateKpi(def: KpiDef, c: Counters, asOf: number | null): KpiValue {
  const f = def.formula;
  switch (f.kind) {
    case 'count': {
      const n = sum(c, f.of);
      return { value: n, num: n, den: null, asOf };
    }
    case 'ratio': {
      const num = sum(c, f.num);
      const den = sum(c, f.den);
      return { value: den === 0 ? null : num / den, num, den, asOf };
    }
    case 'mean': {
      const total = c[f.sum] ?? 0;
      const n = sum(c, f.count);
      return { value: n === 0 ? null : (total / n) * f.scale, num: total, den: n, asOf };
    }
    case 'satisfaction': {
      // KPIS.md: a value only when both shares have a denominator; one share missing is not a 0% share.
      const resolved = sum(c, ['resolvedEarly', 'resolvedOnDue', 'resolvedLate']);
      const rated = c.rated ?? 0;
      const num = (c.resolvedLate ?? 0) + (c.disliked ?? 0);
      if (resolved === 0 || rated === 0) return { value: null, num, den: resolved + rated, asOf };
      const lateShare = (c.resolvedLate ?? 0) / resolved;
      const dislikedShare = (c.disliked ?? 0) / rated;
      return { value: Math.max(0, 1 - lateShare - dislikedShare), num, den: resolved + rated, asOf };
    }
  }
}

/** Whether a value meets its KPI's target; null when there is no target or no value. */
export function meetsTarget(def: KpiDef, value: number | null, target = def.target): boolean | null {
  if (target === undefined || value === null) return null;
  return def.lowerIsBetter ? value <= target : value >= target;
}

/** Decision 766 points: full when the rate meets its target, else R/T x max. */
export function points766(def: KpiDef, value: number | null, target = def.target): number | null {
  if (def.points766 === undefined || target === undefined || value === null) return null;
  return value >= target ? def.points766 : (value / target) * def.points766;
}

/**
 * When a KPI was last known complete: the oldest "last word" among its sources (an event or a
 * heartbeat). A count is right as of the moment its slowest source last spoke; null if one never did.
 */
export function kpiAsOf(def: KpiDef, sources: Partial<Record<Source, number | null>>): number | null {
  let asOf = Infinity;
  for (const s of def.sources) {
    const t = sources[s];
    if (t === undefined || t === null) return null;
    asOf = Math.min(asOf, t);
  }
  return asOf === Infinity ? null : asOf;
}
