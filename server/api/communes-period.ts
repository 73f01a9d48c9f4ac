import express, { type Router } from 'express';
import type { DayKey } from '../../shared/brand';
import type { CommunePeriodResponse, CommuneFigures } from '../../shared/commune-period';
import { periodRanges, type Period } from '../../shared/periods';
import { communeScope } from '../../shared/scope';
import { dayOf } from '../../shared/time';
import { computeKpis } from '../kpi/compute';
import { coverageFrom, readHistory } from '../kpi/coverage';
import { readPeriodCountersOf } from '../kpi/period';
import { problemOf } from '../validation';
import { kpiRow, type KpiRouterDeps } from './kpis';
import { communesQuery } from './queries';

export interface CommunesPeriodDeps extends KpiRouterDeps {
  /** The province's commune codes (the directory's): every one gets a row, with data or not. */
  communes: readonly string[];
}

/**
 * At /api/v1/kpis/communes?period=…&end=…&kpis=a,b (shared/commune-period.ts): the map's colours over
 * a period. One read for all communes, not a request per commune: the day hashes of every commune and
 * the stocks at the period's end in the same fixed number of store calls as one scope's period.
 */
export function communesPeriodRouter(deps: CommunesPeriodDeps): Router {
  const router = express.Router();
  router.get('/', async (req, res) => {
    const today = dayOf(deps.clock.now());
    const query = communesQuery(today).safeParse(req.query);
    if (!query.success) return void res.status(400).json({ error: problemOf(query.error) });
    const { period, end, kpis } = query.data;
    const body = await readCommunesPeriod(deps, period, end, kpis);
    res.set('Cache-Control', 'no-store').json(body);
  });
  return router;
}

/** Each commune's figures of `kpis` over the period ending on `end`, as /api/v1/kpis/period answers them. */
export async function readCommunesPeriod(
  deps: CommunesPeriodDeps,
  period: Period,
  end: DayKey,
  kpis: readonly string[],
): Promise<CommunePeriodResponse> {
  const now = deps.clock.now();
  const today = dayOf(now);
  const { current: range } = periodRanges(period, end);
  const [history, sources] = await Promise.all([
    readHistory(deps.store, today, deps.history),
    deps.store.readSources(),
  ]);
  // As readPeriodResponse: flows from the first day of data on, each KPI known from its sources' start.
  const coverage = coverageFrom(history.dataFrom, range);
  const scopes = deps.communes.map(communeScope);
  const counters =
    coverage === 'none'
      ? null
      : await readPeriodCountersOf(
          deps.store,
          scopes,
          { from: coverage === 'partial' ? history.dataFrom! : range.from, to: range.to },
          today,
          now,
          history.firstDay!,
        );
  const known = (start: DayKey | null) => counters !== null && coverageFrom(start, range) !== 'none';
  const communes: Record<string, CommuneFigures[]> = {};
  scopes.forEach((scope, i) => {
    const values = computeKpis(scope, counters?.[i] ?? {}, sources);
    communes[deps.communes[i]!] = kpis.map((id) => {
      const row = kpiRow(id, values.get(id)!, history, known);
      return [row.value, row.numerator, row.denominator];
    });
  });
  return {
    period,
    ...range,
    coverage,
    dataFrom: history.dataFrom,
    serverTime: now,
    sources,
    kpis: [...kpis],
    communes,
  };
}
