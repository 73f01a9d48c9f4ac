import express, { type Router } from 'express';
import type { DayKey } from '../../shared/brand';
import { isPeriod, PERIODS, type Period } from '../../shared/periods';
import type { Scope } from '../../shared/scope';
import { addDays, dayOf } from '../../shared/time';
import type { Clock } from '../clock';
import { readLateBreakdown } from '../kpi/late';
import { MINUTE_BUCKET_DAYS } from '../kpi/retention';
import { readSeries } from '../kpi/series';
import { readHistory } from '../kpi/coverage';
import type { Store } from '../store/types';
import { pastDay, scopeOf } from './kpis';

/** The tablet's drill-down reads (shared/drill.ts): curves over a period and late dossiers by unit. */
export function drillRouter(deps: { store: Store; clock: Clock; retentionDays: number }): Router {
  const router = express.Router();

  /** GET /api/v1/kpis/series?scope=…&period=today|7d|30d|month|year&end=YYYY-MM-DD -> SeriesResponse */
  router.get('/api/v1/kpis/series', async (req, res) => {
    const now = deps.clock.now();
    const today = dayOf(now);
    const query = seriesQuery(req.query, today);
    if ('error' in query) return void res.status(400).json(query);
    const { dataFrom } = await readHistory(deps.store, today, deps.retentionDays);
    res
      .set('Cache-Control', 'no-store')
      .json(await readSeries(deps.store, query.scope, query.period, query.end, now, dataFrom));
  });

  /** GET /api/v1/late?scope=province|commune:<code>|agency:<id> -> LateBreakdown */
  router.get('/api/v1/late', async (req, res) => {
    const now = deps.clock.now();
    const parsed = scopeOf(req.query.scope);
    if ('error' in parsed) return void res.status(400).json(parsed);
    res.set('Cache-Control', 'no-store').json(await readLateBreakdown(deps.store, parsed.scope, now));
  });
  return router;
}

/** The series query, checked as /api/v1/kpis/period checks its own; or the error to answer. */
function seriesQuery(
  query: Record<string, unknown>,
  today: DayKey,
): { scope: Scope; period: Period; end: DayKey } | { error: string } {
  const scope = scopeOf(query.scope);
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
