import { z } from 'zod';
import type { DayKey } from '../../shared/brand';
import { COMMUNE_PERIOD_MAX_KPIS } from '../../shared/commune-period';
import { KPIS } from '../../shared/kpis';
import { PERIODS } from '../../shared/periods';
import { parseScope } from '../../shared/scope';
import { addDays, parseDay } from '../../shared/time';
import { MINUTE_BUCKET_DAYS } from '../kpi/retention';

/**
 * The query parameters of the numbers' routes, as zod schemas. A bad one is answered 400 with its first
 * problem, "<param>: <message>" (validation.ts problemOf). Unknown parameters (a cache buster) pass.
 */

/** `scope`: province (the default), commune:<code> or agency:<id>. */
const scope = z
  .string()
  .default('province')
  .transform((s, ctx) => {
    const parsed = parseScope(s);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
    return 'scope' in parsed ? parsed.scope : 'province';
  });

/** A calendar date, not in the future; `today` when absent. */
function pastDay(today: DayKey) {
  const calendarDate = (got: unknown) => `must be a calendar date YYYY-MM-DD, got "${String(got)}"`;
  return z
    .string({ error: (issue) => calendarDate(issue.input) })
    .optional()
    .transform((s, ctx): DayKey => {
      if (s === undefined) return today;
      const day = parseDay(s);
      if (!day) ctx.addIssue({ code: 'custom', message: calendarDate(s) });
      else if (day > today)
        ctx.addIssue({ code: 'custom', message: `${day} is in the future (today is ${today})` });
      return day ?? today;
    });
}

const period = z.enum(PERIODS, { error: `must be one of ${PERIODS.join(', ')}` }).default('7d');

/** GET /api/v1/kpis: a scope on a day. */
export const dayQuery = (today: DayKey) => z.object({ scope, date: pastDay(today) });

/** GET /api/v1/kpis/period: a scope over a period ending on a day. */
export const periodQuery = (today: DayKey) => z.object({ scope, period, end: pastDay(today) });

/** GET /api/v1/kpis/series: as a period; hours ("today") only as far back as minute buckets are kept. */
export const seriesQuery = (today: DayKey) =>
  periodQuery(today).superRefine((q, ctx) => {
    // An answer of zeros would be a lie: the buckets it needs are gone.
    const oldest = addDays(today, -(MINUTE_BUCKET_DAYS - 1));
    if (q.period === 'today' && q.end < oldest)
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `hours are kept for ${MINUTE_BUCKET_DAYS} days, so period "today" ends on ${oldest} or later, not ${q.end}`,
      });
  });

/** GET /api/v1/late: a scope. */
export const scopeQuery = z.object({ scope });

/** GET /api/v1/kpis/communes: the province's communes over a period, for a few commune KPIs. */
export const communesQuery = (today: DayKey) =>
  z.object({
    // Only the province has communes under it: a commune or agency here would be silently ignored.
    scope: z
      .literal('province', { error: 'the communes are listed for the province only: "province"' })
      .optional(),
    period,
    end: pastDay(today),
    kpis: z
      .string({ error: 'a comma-separated list of KPI ids, e.g. "onTimeRate,open.late"' })
      .transform((s, ctx) => {
        const ids = [...new Set(s.split(',').map((id) => id.trim()))].filter((id) => id !== '');
        const bad = ids.filter((id) => !COMMUNE_KPI_IDS.has(id));
        if (bad.length > 0)
          ctx.addIssue({ code: 'custom', message: `no commune KPI ${bad.map((b) => `"${b}"`).join(', ')}` });
        else if (ids.length === 0 || ids.length > COMMUNE_PERIOD_MAX_KPIS)
          ctx.addIssue({
            code: 'custom',
            message: `1 to ${COMMUNE_PERIOD_MAX_KPIS} KPI ids, got ${ids.length}`,
          });
        return ids;
      }),
  });

/** A commune has every KPI but the task register's (tasks belong to agencies). */
const COMMUNE_KPI_IDS = new Set(KPIS.filter((k) => k.group !== 'tasks').map((k) => k.id as string));
