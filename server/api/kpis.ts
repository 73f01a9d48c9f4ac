import express, { type Router } from 'express';
import type { DayKey } from '../../shared/brand';
import type { KpiValue } from '../../shared/evaluate';
import { KPI_BY_ID } from '../../shared/kpis';
import { isPeriod, periodRanges, PERIODS, type DayRange } from '../../shared/periods';
import { parseScope } from '../../shared/scope';
import { dayOf, endOfDay, parseDay } from '../../shared/time';
import type { Clock } from '../clock';
import { computeKpis } from '../kpi/compute';
import { readPeriodCounters } from '../kpi/period';
import { readCounters } from '../kpi/read-counters';
import type { Store } from '../store/types';

/**
 * GET /api/v1/kpis?scope=province|commune:<code>|agency:<id>&date=YYYY-MM-DD
 * Every KPI of that scope and day (Asia/Ho_Chi_Minh), each with value, numerator, denominator, unit, asOf.
 * Today is computed at this instant; a past day at its end (open counts frozen at midnight).
 */
export function kpiRouter(deps: { store: Store; clock: Clock }): Router {
  const router = express.Router();
  router.get('/api/v1/kpis', async (req, res) => {
    const now = deps.clock.now();
    const scopeParam = typeof req.query.scope === 'string' ? req.query.scope : 'province';
    const parsed = parseScope(scopeParam);
    if ('error' in parsed) return void res.status(400).json({ error: `scope: ${parsed.error}` });
    const today = dayOf(now);
    const day = pastDay('date', req.query.date, today);
    if (typeof day !== 'string') return void res.status(400).json(day);

    const live = day === today;
    const t = live ? now : endOfDay(day);
    const [counters, sources] = await Promise.all([
      readCounters(deps.store, [parsed.scope], day, t, live),
      deps.store.readSources(),
    ]);
    const values = computeKpis(parsed.scope, counters.get(parsed.scope) ?? {}, sources);
    res.json({
      scope: parsed.scope,
      date: day,
      serverTime: now,
      kpis: [...values].map(([id, v]) => kpiRow(id, v)),
    });
  });

  /**
   * GET /api/v1/kpis/period?scope=…&period=today|7d|30d|month|year&end=YYYY-MM-DD
   * Every KPI of the scope over the period ending on `end` (default today), and over the period before
   * it of the same length, computed from the summed day counters by the same formulas as the live ones.
   */
  router.get('/api/v1/kpis/period', async (req, res) => {
    const now = deps.clock.now();
    const scopeParam = typeof req.query.scope === 'string' ? req.query.scope : 'province';
    const parsed = parseScope(scopeParam);
    if ('error' in parsed) return void res.status(400).json({ error: `scope: ${parsed.error}` });
    const period = req.query.period ?? '7d';
    if (!isPeriod(period))
      return void res.status(400).json({ error: `period: must be one of ${PERIODS.join(', ')}` });
    const end = pastDay('end', req.query.end, dayOf(now));
    if (typeof end !== 'string') return void res.status(400).json(end);

    const { current, previous } = periodRanges(period, end);
    const sources = await deps.store.readSources();
    const over = async (range: DayRange) =>
      computeKpis(parsed.scope, await readPeriodCounters(deps.store, parsed.scope, range, now), sources);
    const [values, before] = await Promise.all([over(current), over(previous)]);
    res.json({
      scope: parsed.scope,
      period,
      ...current,
      previous,
      serverTime: now,
      kpis: [...values].map(([id, v]) => {
        const b = before.get(id);
        return {
          ...kpiRow(id, v),
          previous: b ? { value: b.value, numerator: b.num, denominator: b.den } : null,
        };
      }),
    });
  });
  return router;
}

/** A day given in a query (default today): a calendar date, not in the future; or the error to answer. */
export function pastDay(name: string, param: unknown, today: DayKey): DayKey | { error: string } {
  if (param === undefined) return today;
  const day = typeof param === 'string' ? parseDay(param) : null;
  if (!day) return { error: `${name}: must be a calendar date YYYY-MM-DD, got "${String(param)}"` };
  if (day > today) return { error: `${name}: ${day} is in the future (today is ${today})` };
  return day;
}

function kpiRow(id: string, v: KpiValue) {
  const def = KPI_BY_ID.get(id)!;
  return {
    id,
    label: { vi: def.vi, en: def.en },
    unit: def.unit,
    value: v.value,
    numerator: v.num,
    denominator: v.den,
    target: def.target ?? null,
    asOf: v.asOf === null ? null : new Date(v.asOf).toISOString(),
  };
}
