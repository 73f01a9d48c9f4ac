import type { Counters } from './counters';
import type { Source } from './vocabulary';

/** What a KPI of the catalogue (kpis.ts) is: its words, unit, formula over counters, sources, target. */

export type Unit = 'dossier' | 'percent' | 'vnd' | 'transaction' | 'task' | 'hour';
type KpiGroup = 'dossiers' | 'payments' | 'tasks';

type Field = keyof Counters;
export type Formula =
  | { kind: 'count'; of: readonly Field[] }
  /** num / den; no value when den is 0 (shown as "—", never 0% or 100%). */
  | { kind: 'ratio'; num: readonly Field[]; den: readonly Field[] }
  /** sum / count, scaled (e.g. ms to hours). */
  | { kind: 'mean'; sum: Field; count: readonly Field[]; scale: number }
  /** Decision 766: 100% − (late share of resolved + disliked share of rated). */
  | { kind: 'satisfaction' };

export interface KpiDef {
  id: string;
  vi: string;
  en: string;
  unit: Unit;
  group: KpiGroup;
  formula: Formula;
  /** The sources whose silence makes this number stale. */
  sources: readonly Source[];
  /** Default target (a rate 0..1 for percents); met when value >= target, or <= for lowerIsBetter. */
  target?: number;
  lowerIsBetter?: boolean;
  /** Decision 766 points when the target is met; R/T x points below it. */
  points766?: number;
  /** Shown on the first wall page and in the overview. */
  headline?: boolean;
}

/**
 * A stock: what is open at an instant (late or not-late dossiers, tasks by status), not what happened
 * over a time. Over a period its value is the count at the period's end (now when it ends today).
 */
export const isStockKpi = (def: Pick<KpiDef, 'id'>): boolean =>
  def.id.startsWith('open.') || def.id.startsWith('tasks.');
