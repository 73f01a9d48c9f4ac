import express, { type Router } from 'express';
import type { LateBreakdown, SeriesResponse } from '../../shared/drill';
import { dayOf } from '../../shared/time';
import type { Clock } from '../clock';
import { readHistory, type HistoryPolicy } from '../kpi/coverage';
import { readLateBreakdown } from '../kpi/late';
import { readSeries } from '../kpi/series';
import type { Store } from '../store/types';
import { problemOf } from '../validation';
import { scopeQuery, seriesQuery } from './queries';

/** What the tablet's drill-down reads (shared/drill.ts). */
export interface DrillDeps {
  store: Store;
  clock: Clock;
  history: HistoryPolicy;
}

/** At /api/v1/kpis/series?scope=…&period=today|7d|30d|month|year&end=YYYY-MM-DD: a period's curves. */
export function seriesRouter(deps: DrillDeps): Router {
  const router = express.Router();
  router.get('/', async (req, res) => {
    const now = deps.clock.now();
    const today = dayOf(now);
    const query = seriesQuery(today).safeParse(req.query);
    if (!query.success) return void res.status(400).json({ error: problemOf(query.error) });
    const { scope, period, end } = query.data;
    const { dataFrom } = await readHistory(deps.store, today, deps.history);
    const body: SeriesResponse = await readSeries(deps.store, scope, period, end, now, dataFrom);
    res.set('Cache-Control', 'no-store').json(body);
  });
  return router;
}

/** At /api/v1/late?scope=province|commune:<code>|agency:<id>: the late dossiers open now, by unit. */
export function lateRouter(deps: Omit<DrillDeps, 'history'>): Router {
  const router = express.Router();
  router.get('/', async (req, res) => {
    const query = scopeQuery.safeParse(req.query);
    if (!query.success) return void res.status(400).json({ error: problemOf(query.error) });
    const body: LateBreakdown = await readLateBreakdown(deps.store, query.data.scope, deps.clock.now());
    res.set('Cache-Control', 'no-store').json(body);
  });
  return router;
}
