import type { DayKey } from '../../../shared/brand';
import type { KpiValue } from '../../../shared/evaluate';
import type { PeriodResponse } from '../../../shared/history';
import type { KpiDef } from '../../../shared/kpis';
import type { MeetingView } from '../../../shared/meeting';
import { periodRanges, type Period } from '../../../shared/periods';
import type { Scope } from '../../../shared/scope';
import type { KpiKey, SourceWords, WireKpi } from '../../../shared/socket';
import { dayOf } from '../../../shared/time';
import { parsePageOptions } from '../page-options';

/**
 * Pure pieces of the wall's "view data" (view-data.svelte.ts): which scope and period a view names, and
 * the numbers of a unit (from the units feed) or of a period (from /api/v1/kpis/period) turned into what
 * the scenes read from the province feed: `province|<kpi>` keys, readings, sources. Unknown stays null.
 */

/** What a wall shows the numbers of. */
export interface DataView {
  scope: Scope;
  period: Period;
}

export const PROVINCE_TODAY: DataView = { scope: 'province', period: 'today' };

/** The scope and period a meeting's view names: its commune, else its agency, else the province. */
export function dataViewOf(view: Pick<MeetingView, 'commune' | 'agency' | 'period'>): DataView {
  const scope: Scope = view.commune
    ? `commune:${view.commune}`
    : view.agency
      ? `agency:${view.agency}`
      : 'province';
  return { scope, period: view.period };
}

/**
 * The view a wall's address names (`?scope=`, `?period=`, read as the page options read them), or null
 * when it names neither: the scenes then show no scope line.
 */
export function dataViewOfSearch(search: string): DataView | null {
  const q = new URLSearchParams(search);
  if (!q.has('scope') && !q.has('period')) return null;
  const { scope, period } = parsePageOptions(search);
  return { scope, period };
}

export const viewKey = (v: DataView): string => `${v.scope}|${v.period}`;
export const isLiveView = (v: DataView): boolean => v.period === 'today';
/** Only the province's today has hourly curves and the comparison day (the province feed carries them). */
export const isProvinceToday = (v: DataView): boolean => v.scope === 'province' && v.period === 'today';

/** A unit's values of the units feed ("commune:00004|received"), keyed as the province's ("province|received"). */
export function unitValues(units: ReadonlyMap<KpiKey, WireKpi>, scope: Scope): Map<KpiKey, WireKpi> {
  const out = new Map<KpiKey, WireKpi>();
  const prefix = `${scope}|`;
  for (const [key, v] of units) {
    if (key.startsWith(prefix)) out.set(`province|${key.slice(prefix.length)}`, v);
  }
  return out;
}

/**
 * A period answer as feed values: value as answered (null stays null: "—"), numerator (0 when the API
 * has none: a reader judges by the value) and denominator. No comparison keys: a period's tile shows no
 * "so với" against today's comparison day.
 */
export function periodValues(answer: PeriodResponse): Map<KpiKey, WireKpi> {
  const out = new Map<KpiKey, WireKpi>();
  for (const row of answer.kpis) {
    out.set(`province|${row.id}`, [row.value, row.numerator ?? 0, row.denominator]);
  }
  return out;
}

/** One KPI of a period answer as a tile reads it, dated by the answer's as-of; null when not in it. */
export function periodReading(answer: PeriodResponse, def: Pick<KpiDef, 'id'>): KpiValue | null {
  const row = answer.kpis.find((k) => k.id === def.id);
  if (!row) return null;
  const asOf = row.asOf === null ? null : Date.parse(row.asOf);
  return {
    value: row.value,
    num: row.numerator ?? 0,
    den: row.denominator,
    asOf: asOf === null || Number.isNaN(asOf) ? null : asOf,
  };
}

/** The sources' last words of a period answer (absent: never heard, so its tiles stay "—"). */
export const periodSources = (answer: PeriodResponse): Partial<SourceWords> =>
  (answer.sources ?? {}) as Partial<SourceWords>;

/** The days a view covers: the answer's when there is one, else the period ending today (server clock). */
export function daysOfView(
  v: DataView,
  now: number,
  answer: PeriodResponse | null,
): { from: DayKey; to: DayKey } {
  if (answer && answer.period === v.period && answer.scope === v.scope) {
    return { from: answer.from, to: answer.to };
  }
  return periodRanges(v.period, dayOf(now)).current;
}

/** "01/12–07/12/2026", "07/12/2026" for one day, "28/12/2025–03/01/2026" across years. */
export function formatDays({ from, to }: { from: DayKey; to: DayKey }): string {
  const [fy, fm, fd] = from.split('-');
  const [ty, tm, td] = to.split('-');
  const end = `${td}/${tm}/${ty}`;
  if (from === to) return end;
  return fy === ty ? `${fd}/${fm}–${end}` : `${fd}/${fm}/${fy}–${end}`;
}
