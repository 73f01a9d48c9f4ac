import express, { type Router } from 'express';
import type { DayKey } from '../../shared/brand';
import type { KpiValue } from '../../shared/evaluate';
import type { DayResponse, KpiRow, PeriodResponse } from '../../shared/history';
import type { Counters } from '../../shared/counters';
import { kpiDef } from '../../shared/kpis';
import { periodRanges, type DayRange, type Period } from '../../shared/periods';
import type { Scope } from '../../shared/scope';
import { dayOf } from '../../shared/time';
import type { Clock } from '../clock';
import { computeKpis } from '../kpi/compute';
import {
  coverageFrom,
  kpiDataFrom,
  readHistory,
  unknownReason,
  type History,
  type HistoryPolicy,
} from '../kpi/coverage';
import { readPeriodCounters } from '../kpi/period';
import { readPastDayCounters, readTodayCounters } from '../kpi/read-counters';
import type { Store } from '../store/types';
import { problemOf } from '../validation';
import { dayQuery, periodQuery } from './queries';

export interface KpiRouterDeps {
  store: Store;
  clock: Clock;
  /** What bounds the history that can be known (RETENTION_DAYS, HISTORY_FROM): before it, unknown, not zero. */
  history: HistoryPolicy;
}

/** At /api/v1/kpis: the numbers of a day (GET /) and of a period (GET /period). */
export function kpiRouter(deps: KpiRouterDeps): Router {
  const router = express.Router();

  /**
   * GET /api/v1/kpis?scope=province|commune:<code>|agency:<id>&date=YYYY-MM-DD
   * Every KPI of that scope and day (Asia/Ho_Chi_Minh), each with value, numerator, denominator, unit, asOf.
   * Today is computed at this instant; a past day at its end, its open counts from the stock moves.
   */
  router.get('/', async (req, res) => {
    const now = deps.clock.now();
    const today = dayOf(now);
    const query = dayQuery(today).safeParse(req.query);
    if (!query.success) return void res.status(400).json({ error: problemOf(query.error) });
    const { scope, date: day } = query.data;

    const [history, sources] = await Promise.all([
      readHistory(deps.store, today, deps.history),
      deps.store.readSources(),
    ]);
    const reason = unknownReason(history, day);
    let counters: Counters | null = null;
    if (!reason) {
      counters =
        day === today
          ? ((await readTodayCounters(deps.store, [scope], today, now)).get(scope) ?? {})
          : await readPastDayCounters(deps.store, scope, day, history.firstDay!);
    }
    const values = computeKpis(scope, counters ?? {}, sources);
    const known = (from: DayKey | null) => counters !== null && from !== null && day >= from;
    const body: DayResponse = {
      scope: scope,
      date: day,
      serverTime: now,
      dataFrom: history.dataFrom,
      known: reason === null,
      ...(reason ? { reason } : {}),
      kpis: [...values].map(([id, v]) => kpiRow(id, v, history, known)),
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  /**
   * GET /api/v1/kpis/period?scope=…&period=today|7d|30d|month|year&end=YYYY-MM-DD
   * Every KPI of the scope over the period ending on `end` (default today), and over the period before
   * it of the same length, computed from the summed day counters by the same formulas as the live ones.
   */
  router.get('/period', async (req, res) => {
    const now = deps.clock.now();
    const today = dayOf(now);
    const query = periodQuery(today).safeParse(req.query);
    if (!query.success) return void res.status(400).json({ error: problemOf(query.error) });
    const { scope, period, end } = query.data;

    const body = await readPeriodResponse(deps, scope, period, end);
    res.set('Cache-Control', 'no-store').json(body);
  });
  return router;
}

/**
 * Every KPI of a scope over the period ending on `end`, and over the period before it of the same
 * length: the answer of GET /api/v1/kpis/period, also what reports are written from (server/report).
 */
export async function readPeriodResponse(
  deps: KpiRouterDeps,
  scope: Scope,
  period: Period,
  end: DayKey,
): Promise<PeriodResponse> {
  const now = deps.clock.now();
  const today = dayOf(now);
  const { current, previous } = periodRanges(period, end);
  const [history, sources] = await Promise.all([
    readHistory(deps.store, today, deps.history),
    deps.store.readSources(),
  ]);
  // Flows are summed from the first day of data on: before a source's first event its counters are 0
  // anyway, so one read serves every KPI; which of them can be known is decided per KPI.
  const over = async (range: DayRange) => {
    const coverage = coverageFrom(history.dataFrom, range);
    const from = coverage === 'partial' ? history.dataFrom! : range.from;
    const counters =
      coverage === 'none'
        ? null
        : await readPeriodCounters(deps.store, scope, { from, to: range.to }, today, now, history.firstDay!);
    const known = (start: DayKey | null) => counters !== null && coverageFrom(start, range) !== 'none';
    return { coverage, known, values: computeKpis(scope, counters ?? {}, sources) };
  };
  const [cur, before] = await Promise.all([over(current), over(previous)]);
  const body: PeriodResponse = {
    scope: scope,
    period,
    ...current,
    previous: { ...previous, coverage: before.coverage },
    coverage: cur.coverage,
    dataFrom: history.dataFrom,
    serverTime: now,
    sources,
    kpis: [...cur.values].map(([id, v]) => {
      const b = kpiRow(id, before.values.get(id)!, history, before.known);
      return {
        ...kpiRow(id, v, history, cur.known),
        previous: { value: b.value, numerator: b.numerator, denominator: b.denominator },
      };
    }),
  };
  return body;
}

/**
 * One KPI as answered. `known` is told the KPI's own first day of data (the latest first word among its
 * sources); false gives nulls where a value would be a guess.
 */
export function kpiRow(id: string, v: KpiValue, h: History, known: (from: DayKey | null) => boolean): KpiRow {
  const def = kpiDef(id);
  const dataFrom = kpiDataFrom(h, def);
  const isKnown = known(dataFrom);
  return {
    id,
    label: { vi: def.vi, en: def.en },
    unit: def.unit,
    value: isKnown ? v.value : null,
    numerator: isKnown ? v.num : null,
    denominator: isKnown ? v.den : null,
    target: def.target ?? null,
    asOf: v.asOf === null ? null : new Date(v.asOf).toISOString(),
    dataFrom,
  };
}
