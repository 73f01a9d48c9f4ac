import { describe, expect, it } from 'vitest';
import { manualClock } from '../../server/clock';
import type { Scope } from '../../shared/scope';
import { addDays } from '../../shared/time';
import { startTestApp } from '../support/app';
import {
  deliver,
  generateScenario,
  REFERENCE_RUNS,
  settled,
  type ScenarioOptions,
} from '../support/random-events';
import { checkAgainstApi, mismatchReport, ReferenceModel, type Query } from '../support/reference-kpis';
import { STORES } from '../support/stores';

/**
 * Issue 12, part 4: the server's KPIs against the reference model (test/support/reference-kpis.ts), on
 * seeded random weeks of events full of awkward cases (test/support/random-events.ts). Every KPI of the
 * province, each commune and each agency, today, yesterday, the day before, 7 and 30 days with the
 * periods before them, 7 days and a month ending in the past (stocks at their ends), and a day before
 * the data starts: value, numerator and denominator.
 *
 * Replay one scenario: REF_SEED=<seed> REF_DAYS=<days> [REF_PER_DAY=<dossiers a day>] npx vitest run
 *   test/integration/reference-model.test.ts
 */
const RUNS: readonly (ScenarioOptions & { seed: number; days: number })[] = process.env.REF_SEED
  ? [
      {
        seed: Number(process.env.REF_SEED),
        days: Number(process.env.REF_DAYS ?? 40),
        ...(process.env.REF_PER_DAY ? { dossiersPerDay: Number(process.env.REF_PER_DAY) } : {}),
      },
    ]
  : REFERENCE_RUNS;

describe.each(STORES)('every KPI equals the reference model (%s store)', (name, makeStore) => {
  it.each(RUNS)(
    'seed $seed, $days days: province, communes and agencies, today, two past days, 7d and 30d',
    async (run) => {
      const scenario = generateScenario(run.seed, run);
      const clock = manualClock(scenario.now);
      const { store, cleanup } = await makeStore(`refmodel-${name}`);
      const sut = await startTestApp(store, { clock });
      try {
        const { accepted, refusals } = await deliver(sut, scenario.batches);
        const stall = await settled(sut.baseUrl, accepted);
        const model = new ReferenceModel(accepted, scenario.now);
        const dataFrom = model.dataFrom()!;
        const scopes: Scope[] = [
          'province',
          ...scenario.communes.map((c) => `commune:${c}` as const),
          ...scenario.agencies.map((a) => `agency:${a}` as const),
        ];
        const queries: Query[] = [
          { kind: 'day' },
          { kind: 'day', date: addDays(scenario.today, -1) },
          { kind: 'day', date: addDays(scenario.today, -2) },
          { kind: 'period', period: '7d' },
          { kind: 'period', period: '30d' },
          // Ending in the past: stocks (overdue tasks, late dossiers) at the end of that day, from their
          // moves, and at the end of the period before; flows up to that day.
          { kind: 'period', period: '7d', end: addDays(scenario.today, -3) },
          { kind: 'period', period: 'month', end: addDays(scenario.today, -9) },
        ];
        const mismatches = await checkAgainstApi(sut.baseUrl, model, scopes, queries);
        // The day before the first event: unknown, not zero.
        const unknown: Query[] = [{ kind: 'day', date: addDays(dataFrom, -1) }];
        const someScopes = scopes.filter((s) => s === 'province' || s === scopes[1] || s === scopes.at(-1));
        mismatches.push(...(await checkAgainstApi(sut.baseUrl, model, someScopes, unknown)));

        const problems = [...refusals, ...(stall ? [stall] : [])];
        const report = [
          `seed ${run.seed}, ${run.days} days, ${name} store, now ${new Date(scenario.now).toISOString()}; ` +
            `replay: REF_SEED=${run.seed} REF_DAYS=${run.days}` +
            (run.dossiersPerDay ? ` REF_PER_DAY=${run.dossiersPerDay}` : '') +
            ' npx vitest run test/integration/reference-model.test.ts',
          `${accepted.length} events accepted in ${scenario.batches.length - refusals.length} of ` +
            `${scenario.batches.length} POSTs; data from ${dataFrom}; ${scopes.length} scopes x ${queries.length} queries`,
          ...problems,
          mismatchReport(mismatches, `seed ${run.seed}`),
        ].join('\n');
        expect(problems.length + mismatches.length, report).toBe(0);
      } finally {
        await sut.close();
        await cleanup();
      }
    },
    60_000,
  );
});
