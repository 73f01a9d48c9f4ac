import { describe, expect, it } from 'vitest';
import { manualClock } from '../../server/clock';
import type { CommunePeriodResponse } from '../../shared/commune-period';
import type { PeriodResponse } from '../../shared/history';
import { addDays } from '../../shared/time';
import { startTestApp } from '../support/app';
import { deliver, generateScenario, settled } from '../support/random-events';
import { STORES } from '../support/stores';

/** What the map colours by and lists: a rate with its n, a mean, a stock (late open at the period's end). */
const KPIS = ['onTimeRate', 'avgResolutionHours', 'open.late', 'received'];

const getJson = async <T>(url: string): Promise<{ status: number; body: T }> => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
};

/**
 * Issue 15: the map under a period. GET /api/v1/kpis/communes answers every commune of the province at
 * once; each commune's figures must be exactly /api/v1/kpis/period?scope=commune:X for the same period
 * (value, numerator, denominator; null where unknown), on seeded random weeks with late, out-of-order
 * and duplicate events (test/support/random-events.ts), on both stores.
 */
describe.each(STORES)('every commune over a period in one request (%s store)', (name, makeStore) => {
  it('equals the period answer of each commune, for every period and a period ending in the past', async () => {
    const scenario = generateScenario(6, { days: 40 });
    const { store, cleanup } = await makeStore(`communes-${name}`);
    const sut = await startTestApp(store, { clock: manualClock(scenario.now) });
    try {
      const { accepted } = await deliver(sut, scenario.batches);
      expect(await settled(sut.baseUrl, accepted)).toBeNull();
      // The scenario's communes, and one with no event at all (zeros and nulls, as its period answer).
      const quiet = ['10210', '00004'].find((c) => !scenario.communes.includes(c))!;
      const checked = [...scenario.communes, quiet];
      const queries = [
        'period=today',
        'period=7d',
        'period=30d',
        'period=month',
        'period=year',
        `period=7d&end=${addDays(scenario.today, -3)}`,
        // Ends before the first day of data: every figure unknown, never 0.
        `period=7d&end=${addDays(scenario.firstDay, -8)}`,
      ];
      let compared = 0;
      for (const q of queries) {
        const all = await getJson<CommunePeriodResponse>(
          `${sut.baseUrl}/api/v1/kpis/communes?${q}&kpis=${KPIS}`,
        );
        expect(all.status, q).toBe(200);
        expect(all.body.kpis).toEqual(KPIS);
        // Every commune of the province has a row, with data or not (126 in Hà Nội).
        expect(Object.keys(all.body.communes).length).toBeGreaterThan(100);
        for (const code of checked) {
          const one = await getJson<PeriodResponse>(
            `${sut.baseUrl}/api/v1/kpis/period?scope=commune:${code}&${q}`,
          );
          expect(one.status).toBe(200);
          expect([all.body.from, all.body.to, all.body.coverage]).toEqual([
            one.body.from,
            one.body.to,
            one.body.coverage,
          ]);
          const expected = KPIS.map((id) => {
            const row = one.body.kpis.find((k) => k.id === id)!;
            return [row.value, row.numerator, row.denominator];
          });
          expect(all.body.communes[code], `${q} commune ${code}`).toEqual(expected);
          compared++;
        }
      }
      expect(compared).toBe(queries.length * checked.length);
      // Something was actually counted: a commune of the scenario has received dossiers in 30 days.
      const month = await getJson<CommunePeriodResponse>(
        `${sut.baseUrl}/api/v1/kpis/communes?period=30d&kpis=received`,
      );
      expect(scenario.communes.some((c) => (month.body.communes[c]![0]![0] ?? 0) > 0)).toBe(true);
      const before = await getJson<CommunePeriodResponse>(
        `${sut.baseUrl}/api/v1/kpis/communes?period=7d&end=${addDays(scenario.firstDay, -8)}&kpis=received`,
      );
      expect(before.body.communes[scenario.communes[0]!]).toEqual([[null, null, null]]);
    } finally {
      await sut.close();
      await cleanup();
    }
  }, 60_000);

  it('refuses a bad query with 400 naming the field', async () => {
    const { store, cleanup } = await makeStore(`communes-400-${name}`);
    const sut = await startTestApp(store);
    try {
      const cases: [string, RegExp][] = [
        ['period=7d', /^kpis: /],
        ['period=7d&kpis=', /^kpis: 1 to 4/],
        ['period=7d&kpis=onTimeRat', /^kpis: no commune KPI "onTimeRat"/],
        // Tasks belong to agencies: no commune has them.
        ['period=7d&kpis=tasks.overdue', /^kpis: no commune KPI "tasks.overdue"/],
        ['period=7d&kpis=received,onTimeRate,open.late,syncRate,eResultRate', /^kpis: 1 to 4 KPI ids, got 5/],
        ['period=week&kpis=received', /^period: must be one of/],
        ['period=7d&end=2026-02-30&kpis=received', /^end: must be a calendar date/],
        ['period=7d&end=2999-01-01&kpis=received', /^end: 2999-01-01 is in the future/],
        [
          'scope=commune:10210&period=7d&kpis=received',
          /^scope: the communes are listed for the province only/,
        ],
      ];
      for (const [q, error] of cases) {
        const res = await getJson<{ error: string }>(`${sut.baseUrl}/api/v1/kpis/communes?${q}`);
        expect(res.status, q).toBe(400);
        expect(res.body.error, q).toMatch(error);
      }
    } finally {
      await sut.close();
      await cleanup();
    }
  });
});
