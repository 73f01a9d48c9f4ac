import type { DayKey } from './brand';
import type { Period } from './periods';
import type { Scope } from './scope';
import type { Unit } from './kpis';
import type { Source } from './vocabulary';

/**
 * The HTTP contract of the numbers of a day or a period (GET /api/v1/kpis, /api/v1/kpis/period).
 * A number that cannot be known is null, never 0: before the first event the store ever received
 * ('beforeData'), before the days retention keeps ('beforeRetention'), or with no event at all yet
 * ('noData'). Screens show it as "—" and say why.
 */
export type UnknownReason = 'noData' | 'beforeData' | 'beforeRetention';

/** How much of a period has data: every day, only its days from `dataFrom` on, or none of them. */
export type Coverage = 'full' | 'partial' | 'none';

/** One KPI as the API answers it. numerator/denominator as computed (a count has no denominator). */
export interface KpiRow {
  id: string;
  label: { vi: string; en: string };
  unit: Unit;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  /** ISO instant of the newest word of the KPI's sources, or null when one never spoke. */
  asOf: string | null;
  /**
   * The first day this KPI can be known: the latest first word among its sources (a task register that
   * goes back a year says nothing of dossiers), or the oldest day kept. Before it the value is null.
   */
  dataFrom: DayKey | null;
}

/** GET /api/v1/kpis?scope=…&date=YYYY-MM-DD */
export interface DayResponse {
  scope: Scope;
  date: DayKey;
  serverTime: number;
  /** The first day with data of any source, or null before any event. */
  dataFrom: DayKey | null;
  /**
   * False when the day is before dataFrom: every value, numerator and denominator is then null. A KPI
   * whose own sources start later than the day is null too (its row's dataFrom says from when).
   */
  known: boolean;
  reason?: UnknownReason;
  kpis: KpiRow[];
}

/** The same KPI over the period before. */
export interface PreviousValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** GET /api/v1/kpis/period?scope=…&period=…&end=YYYY-MM-DD */
export interface PeriodResponse {
  scope: Scope;
  period: Period;
  from: DayKey;
  to: DayKey;
  previous: { from: DayKey; to: DayKey; coverage: Coverage };
  coverage: Coverage;
  dataFrom: DayKey | null;
  serverTime: number;
  /**
   * Each source's last word (event or heartbeat) at serverTime, epoch ms; absent: never heard. What the
   * "why this number" panel judges each source's freshness by.
   */
  sources?: Partial<Record<Source, number>>;
  kpis: (KpiRow & { previous: PreviousValue })[];
}
