import type { DayKey } from './brand';
import type { Period } from './periods';
import type { Scope } from './scope';

/**
 * The HTTP contract of the tablet's drill-down, beside GET /api/v1/kpis/period (server/api/kpis.ts):
 *
 *   GET /api/v1/kpis/series?scope=…&period=today|7d|30d|month|year&end=YYYY-MM-DD  -> SeriesResponse
 *   GET /api/v1/late?scope=province|commune:<code>|agency:<id>                    -> LateBreakdown
 */

/**
 * One step of a curve: an hour of the day (period "today") or a day. Null values: the step is before
 * the first day with data (SeriesResponse.dataFrom), so nothing can be said of it, not even 0.
 */
export interface SeriesPoint {
  /** "08" (the hour 08:00–08:59) or "2026-11-20". */
  label: string;
  received: number | null;
  resolved: number | null;
  /** Online payments completed, and their amount in VND. */
  payments: number | null;
  paymentsVnd: number | null;
}

export interface SeriesResponse {
  scope: Scope;
  period: Period;
  /** Hours of one day for "today", days otherwise. */
  granularity: 'hour' | 'day';
  from: DayKey;
  to: DayKey;
  points: SeriesPoint[];
  /** The period before, point for point (the same hours yesterday; the days of the previous period). */
  previous: SeriesPoint[];
  /** The first day with data (null before any event): points before it are null. */
  dataFrom: DayKey | null;
  serverTime: number;
}

/**
 * The dossiers of a scope that are open and past their due time now, counted by the other dimension:
 * a commune's by agency, an agency's by commune, the province's by agency.
 */
export interface LateBreakdown {
  scope: Scope;
  serverTime: number;
  /** Late dossiers open now in the scope. */
  total: number;
  groups: { scope: Scope; late: number; oldestDueAt: number }[];
  /** More late dossiers than could be read (LATE_READ_LIMIT): the groups cover the oldest ones. */
  truncated: boolean;
}

/** The most late dossiers one request reads. */
export const LATE_READ_LIMIT = 5_000;
