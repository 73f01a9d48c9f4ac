import express, { type Router } from 'express';
import { KPI_BY_ID } from '../../shared/kpis';
import { parseScope } from '../../shared/scope';
import { dayOf, endOfDay, parseDay } from '../../shared/time';
import type { Clock } from '../clock';
import { computeKpis } from '../kpi/compute';
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
    const dateParam = typeof req.query.date === 'string' ? req.query.date : dayOf(now);
    const day = parseDay(dateParam);
    if (!day)
      return void res
        .status(400)
        .json({ error: `date: must be a calendar date YYYY-MM-DD, got "${dateParam}"` });
    const today = dayOf(now);
    if (day > today)
      return void res.status(400).json({ error: `date: ${day} is in the future (today is ${today})` });

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
      kpis: [...values].map(([id, v]) => {
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
      }),
    });
  });
  return router;
}
