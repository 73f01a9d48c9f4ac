import type { Source } from '../../shared/events';
import { evaluateKpi, kpiAsOf, type KpiValue } from '../../shared/evaluate';
import type { Counters } from '../../shared/counters';
import { KPIS, type KpiDef } from '../../shared/kpis';
import type { Scope } from '../../shared/scope';

/** Tasks belong to agencies, not communes: a commune shows no task KPIs. */
function kpisForScope(scope: Scope): readonly KpiDef[] {
  return scope.startsWith('commune:') ? KPIS_WITHOUT_TASKS : KPIS;
}
const KPIS_WITHOUT_TASKS = KPIS.filter((k) => k.group !== 'tasks');

/** Every KPI of a scope from its counters, each dated by its sources' last word. */
export function computeKpis(
  scope: Scope,
  counters: Counters,
  sources: Partial<Record<Source, number>>,
): Map<string, KpiValue> {
  const out = new Map<string, KpiValue>();
  for (const def of kpisForScope(scope)) out.set(def.id, evaluateKpi(def, counters, kpiAsOf(def, sources)));
  return out;
}
