import express, { type Router } from 'express';
import type { DayKey } from '../../shared/brand';
import { isPeriod, PERIODS, type Period } from '../../shared/periods';
import { parseScope, type Scope } from '../../shared/scope';
import { addDays, dayOf } from '../../shared/time';
import type { Clock } from '../clock';
import { readLateBreakdown } from '../kpi/late';
import { MINUTE_BUCKET_DAYS } from '../kpi/retention';
import { readSeries } from '../kpi/series';
import type { Store } from '../store/types';
import { pastDay } from './kpis';

/** The tablet's drill-down reads (shared/drill.ts): curves over a period and late dossiers by unit. */
export function drillRouter(deps: { store: Store; clock: Clock }): Router {
  const router = express.Router();

  /** GET /api/v1/kpis/series?scope=…&period=today|7d|30d|month|year&end=YYYY-MM-DD -> SeriesResponse */
  router.get('/api/v1/kpis/series', async (req, res) => {
    const now = deps.clock.now();
    const query = seriesQuery(req.query, dayOf(now));
    if ('error' in query) return void res.status(400).json(query);
    res.json(await readSeries(deps.store, query.scope, query.period, query.end, now));
  });

  /** GET /api/v1/late?scope=province|commune:<code>|agency:<id> -> LateBreakdown */
  router.get('/api/v1/late', async (req, res) => {
    const now = deps.clock.now();
    const parsed = scopeParam(req.query.scope);
    if ('error' in parsed) return void res.status(400).json(parsed);
    res.json(await readLateBreakdown(deps.store, parsed.scope, now));
  });
  return router;
}

/** The scope of a query (default the province), checked as /api/v1/kpis does. */
function scopeParam(param: unknown): { scope: Scope } | { error: string } {
  const parsed = parseScope(typeof param === 'string' ? param : 'province');
  return 'error' in parsed ? { error: `scope: ${parsed.error}` } : parsed;
}

/** The series query, checked as /api/v1/kpis/period checks its own; or the error to answer. */
function seriesQuery(
  query: Record<string, unknown>,
  today: DayKey,
): { scope: Scope; period: Period; end: DayKey } | { error: string } {
  const scope = scopeParam(query.scope);
  if ('error' in scope) return scope;
  const period = query.period ?? '7d';
  if (!isPeriod(period)) return { error: `period: must be one of ${PERIODS.join(', ')}` };
  const end = pastDay('end', query.end, today);
  if (typeof end !== 'string') return end;
  // Hours come from minute buckets, kept for days, not years: an answer of zeros would be a lie.
  const oldest = addDays(today, -(MINUTE_BUCKET_DAYS - 1));
  if (period === 'today' && end < oldest) {
    return {
      error: `end: hours are kept for ${MINUTE_BUCKET_DAYS} days, so period "today" ends on ${oldest} or later, not ${end}`,
    };
  }
  return { scope: scope.scope, period, end };
}
