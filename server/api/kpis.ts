import express, { type Router } from 'express';
import type { DayKey } from '../../shared/brand';
import type { KpiValue } from '../../shared/evaluate';
import type { DayResponse, KpiRow, PeriodResponse } from '../../shared/history';
import type { Counters } from '../../shared/counters';
import { KPI_BY_ID } from '../../shared/kpis';
import { isPeriod, periodRanges, PERIODS, type DayRange } from '../../shared/periods';
import { parseScope, type Scope } from '../../shared/scope';
import { dayOf, parseDay } from '../../shared/time';
import type { Clock } from '../clock';
import { computeKpis } from '../kpi/compute';
import { coverageOf, readHistory, unknownReason } from '../kpi/coverage';
import { readPeriodCounters } from '../kpi/period';
import { readPastDayCounters, readTodayCounters } from '../kpi/read-counters';
import type { Store } from '../store/types';

export interface KpiRouterDeps {
  store: Store;
  clock: Clock;
  /** Days of history kept (RETENTION_DAYS): older days are unknown, not zero. */
  retentionDays: number;
}

/**
 * GET /api/v1/kpis?scope=province|commune:<code>|agency:<id>&date=YYYY-MM-DD
 * Every KPI of that scope and day (Asia/Ho_Chi_Minh), each with value, numerator, denominator, unit, asOf.
 * Today is computed at this instant; a past day at its end, its open counts from the stock moves.
 */
export function kpiRouter(deps: KpiRouterDeps): Router {
  const router = express.Router();
  router.get('/api/v1/kpis', async (req, res) => {
    const now = deps.clock.now();
    const scope = scopeOf(req.query.scope);
    if ('error' in scope) return void res.status(400).json(scope);
    const today = dayOf(now);
    const day = pastDay('date', req.query.date, today);
    if (typeof day !== 'string') return void res.status(400).json(day);

    const [history, sources] = await Promise.all([
      readHistory(deps.store, today, deps.retentionDays),
      deps.store.readSources(),
    ]);
    const reason = unknownReason(history, day);
    let counters: Counters | null = null;
    if (!reason) {
      counters =
        day === today
          ? ((await readTodayCounters(deps.store, [scope.scope], today, now)).get(scope.scope) ?? {})
          : await readPastDayCounters(deps.store, scope.scope, day, history.firstDay!);
    }
    const values = computeKpis(scope.scope, counters ?? {}, sources);
    const body: DayResponse = {
      scope: scope.scope,
      date: day,
      serverTime: now,
      dataFrom: history.dataFrom,
      known: reason === null,
      ...(reason ? { reason } : {}),
      kpis: [...values].map(([id, v]) => kpiRow(id, v, counters !== null)),
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  /**
   * GET /api/v1/kpis/period?scope=…&period=today|7d|30d|month|year&end=YYYY-MM-DD
   * Every KPI of the scope over the period ending on `end` (default today), and over the period before
   * it of the same length, computed from the summed day counters by the same formulas as the live ones.
   */
  router.get('/api/v1/kpis/period', async (req, res) => {
    const now = deps.clock.now();
    const scope = scopeOf(req.query.scope);
    if ('error' in scope) return void res.status(400).json(scope);
    const period = req.query.period ?? '7d';
    if (!isPeriod(period))
      return void res.status(400).json({ error: `period: must be one of ${PERIODS.join(', ')}` });
    const today = dayOf(now);
    const end = pastDay('end', req.query.end, today);
    if (typeof end !== 'string') return void res.status(400).json(end);

    const { current, previous } = periodRanges(period, end);
    const [history, sources] = await Promise.all([
      readHistory(deps.store, today, deps.retentionDays),
      deps.store.readSources(),
    ]);
    const over = async (range: DayRange) => {
      const { coverage, from } = coverageOf(history, range);
      const counters =
        coverage === 'none'
          ? null
          : await readPeriodCounters(
              deps.store,
              scope.scope,
              { from, to: range.to },
              today,
              now,
              history.firstDay!,
            );
      return { coverage, counters, values: computeKpis(scope.scope, counters ?? {}, sources) };
    };
    const [cur, before] = await Promise.all([over(current), over(previous)]);
    const body: PeriodResponse = {
      scope: scope.scope,
      period,
      ...current,
      previous: { ...previous, coverage: before.coverage },
      coverage: cur.coverage,
      dataFrom: history.dataFrom,
      serverTime: now,
      kpis: [...cur.values].map(([id, v]) => {
        const b = before.values.get(id)!;
        const known = before.counters !== null;
        return {
          ...kpiRow(id, v, cur.counters !== null),
          previous: {
            value: known ? b.value : null,
            numerator: known ? b.num : null,
            denominator: known ? b.den : null,
          },
        };
      }),
    };
    res.set('Cache-Control', 'no-store').json(body);
  });
  return router;
}

/** The scope of a query (default the province), or the error to answer. */
export function scopeOf(param: unknown): { scope: Scope } | { error: string } {
  const parsed = parseScope(typeof param === 'string' ? param : 'province');
  return 'error' in parsed ? { error: `scope: ${parsed.error}` } : parsed;
}

/** A day given in a query (default today): a calendar date, not in the future; or the error to answer. */
export function pastDay(name: string, param: unknown, today: DayKey): DayKey | { error: string } {
  if (param === undefined) return today;
  const day = typeof param === 'string' ? parseDay(param) : null;
  if (!day) return { error: `${name}: must be a calendar date YYYY-MM-DD, got "${String(param)}"` };
  if (day > today) return { error: `${name}: ${day} is in the future (today is ${today})` };
  return day;
}

/** One KPI as answered; `known` false gives nulls where a value would be a guess. */
export function kpiRow(id: string, v: KpiValue, known: boolean): KpiRow {
  const def = KPI_BY_ID.get(id)!;
  return {
    id,
    label: { vi: def.vi, en: def.en },
    unit: def.unit,
    value: known ? v.value : null,
    numerator: known ? v.num : null,
    denominator: known ? v.den : null,
    target: def.target ?? null,
    asOf: v.asOf === null ? null : new Date(v.asOf).toISOString(),
  };
}
