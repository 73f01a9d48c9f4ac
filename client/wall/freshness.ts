import type { Source } from '../../shared/vocabulary';
import { FRESHNESS_BUDGET_MS, type KpiDef } from '../../shared/kpis';

/** How trustworthy a number's age is: within budget, past amber, or its source silent (past red). */
export type Freshness = 'fresh' | 'amber' | 'red';

/**
 * The worst freshness among a KPI's sources at server time `now`. A source never heard from is silent:
 * a number nobody vouches for must not look live.
 */
export function freshness(
  def: Pick<KpiDef, 'sources'>,
  sources: Partial<Record<Source, number | null>>,
  now: number,
): Freshness {
  let level: Freshness = 'fresh';
  for (const s of def.sources) {
    const t = sources[s];
    if (t === undefined || t === null) return 'red';
    const age = now - t;
    if (age > FRESHNESS_BUDGET_MS[s].red) return 'red';
    if (age > FRESHNESS_BUDGET_MS[s].amber) level = 'amber';
  }
  return level;
}
