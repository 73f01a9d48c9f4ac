import type { DayKey } from './brand';
import type { Coverage } from './history';
import type { Period } from './periods';
import type { Source } from './vocabulary';

/**
 * GET /api/v1/kpis/communes?period=today|7d|30d|month|year&end=YYYY-MM-DD&kpis=onTimeRate,open.late
 *
 * Every commune of the province over one period, for the few KPIs a map shows, in one request: each
 * commune's value equals GET /api/v1/kpis/period?scope=commune:<code>&period=…&end=… (same counters,
 * same formulas, same "unknown is null, never 0"). A stock (open.late) is its count at the period's end:
 * now when the period ends today.
 */
export interface CommunePeriodResponse {
  period: Period;
  from: DayKey;
  to: DayKey;
  coverage: Coverage;
  dataFrom: DayKey | null;
  serverTime: number;
  /** Each source's last word at serverTime, epoch ms; absent: never heard. */
  sources: Partial<Record<Source, number>>;
  /** The KPIs asked for, in the order asked: each commune's figures follow this order. */
  kpis: string[];
  /** By commune code: one [value, numerator, denominator] per KPI of `kpis`; null where unknown. */
  communes: Record<string, CommuneFigures[]>;
}

/** value, numerator, denominator (a count has no denominator); all null when it cannot be known. */
export type CommuneFigures = [value: number | null, numerator: number | null, denominator: number | null];

/** The most KPIs one request may ask for: a map shows its colour KPI and the late count. */
export const COMMUNE_PERIOD_MAX_KPIS = 4;
