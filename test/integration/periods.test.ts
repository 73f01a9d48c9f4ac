import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../server/clock';
import { keys } from '../../server/aggregate/keys';
import { DEFAULT_RETENTION_DAYS, dropOutOfRetention } from '../../server/kpi/retention';
import { emptyCommit, type Store } from '../../server/store/types';
import type { DayKey } from '../../shared/brand';
import { formulaFields } from '../../shared/compare';
import { DAY_COUNTERS, LAGGED_COUNTERS } from '../../shared/counters';
import { KPIS } from '../../shared/kpis';
import { addDays, dayOf } from '../../shared/time';
import { eventually, startTestApp } from '../support/app';
import { received, resolved } from '../support/events';
import { STORES } from '../support/stores';

const NOW = Date.parse('2026-11-24T10:00:00+07:00');
const TODAY = dayOf(NOW);
/** 40 days of dossiers: the last 30 and 10 of the 30 before. */
const DAYS = 40;
const iso = (day: DayKey, hhmm: string) => `${day}T${hhmm}:00+07:00`;

interface Planned {
  day: DayKey;
  /** The day it was resolved, and whether in time; null while still open. */
  done: { day: DayKey; late: boolean } | null;
}

/**
 * A different number of dossiers each day (1 to 5), each due two days later; two in three resolved within
 * the hour, the rest three days after they were due (late), unless that is still to come.
 */
function plan(): Planned[] {
  const out: Planned[] = [];
  for (let back = DAYS - 1; back >= 0; back--) {
    const day = addDays(TODAY, -back);
    const n = ((back * 7) % 5) + 1;
    for (let i = 0; i < n; i++) {
      const late = i % 3 === 2;
      const doneDay = late ? addDays(day, 5) : day;
      out.push({ day, done: doneDay <= TODAY ? { day: doneDay, late } : null });
    }
  }
  return out;
}

function events(dossiers: Planned[]) {
  return dossiers.flatMap((d, i) => {
    const dossierId = `P-${i}`;
    const r = received({ dossierId, at: iso(d.day, '08:30'), dueAt: iso(addDays(d.day, 2), '17:00') });
    if (!d.done) return [r];
    const at = iso(d.done.day, '09:30');
    return [r, resolved({ dossierId, at, finishedAt: at })];
  });
}

type KpiRow = { id: string; value: number | null; numerator: number | null; denominator: number | null };
type PeriodBody = {
  from: string;
  to: string;
  coverage: string;
  dataFrom: string | null;
  previous: { from: string; to: string; coverage: string };
  kpis: (KpiRow & { previous: Omit<KpiRow, 'id'> | null })[];
};

/**
 * KPIs made only of day counters: over a period their numerator and denominator are sums of days. Not
 * the lagged ones ("received in P that have X by t"): a dossier paid the day after it came counts as
 * paid over a week, not on its own day.
 */
const FLOW_KPIS = KPIS.filter(
  (k) =>
    k.formula.kind !== 'satisfaction' &&
    formulaFields(k.formula).every(
      (f) =>
        (DAY_COUNTERS as readonly string[]).includes(f) &&
        !(LAGGED_COUNTERS as readonly string[]).includes(f),
    ),
);

describe.each(STORES)('periods from the day history (%s store)', (name, makeStore) => {
  const clock = manualClock(NOW);
  let store: Store;
  let cleanup: () => Promise<void>;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  beforeEach(async () => {
    clock.set(NOW);
    ({ store, cleanup } = await makeStore(`periods-${name}`));
    sut = await startTestApp(store, { clock });
  });
  afterEach(async () => {
    await sut.close();
    await cleanup();
  });

  const period = async (query: string) => {
    const res = await fetch(`${sut.baseUrl}/api/v1/kpis/period?${query}`);
    return { status: res.status, body: (await res.json()) as PeriodBody & { error?: string } };
  };

  it('a 30-day period equals the sum of its days, and the 30 days before are compared', async () => {
    const dossiers = plan();
    const batch = events(dossiers);
    for (let i = 0; i < batch.length; i += 500) {
      const r = await sut.post(batch.slice(i, i + 500));
      expect(r.body).toEqual({ accepted: Math.min(500, batch.length - i) });
    }
    const from = addDays(TODAY, -29);
    const inRange = (day: DayKey | undefined) => day !== undefined && day >= from && day <= TODAY;
    const done = dossiers.filter((d) => inRange(d.done?.day));
    const lateDone = done.filter((d) => d.done!.late).length;
    // Every event is counted once the period's received and late resolutions match the plan.
    await eventually(async () => {
      const { body } = await period('scope=province&period=30d');
      const count = (id: string) => body.kpis.find((k) => k.id === id)?.value;
      return (
        count('received') === dossiers.filter((d) => inRange(d.day)).length &&
        count('resolved.late') === lateDone
      );
    });

    const { status, body } = await period('scope=province&period=30d');
    expect(status).toBe(200);
    expect([body.from, body.to]).toEqual([from, TODAY]);
    // The first event is 39 days ago: the 30 days before have data only from then.
    expect(body.previous).toEqual({
      from: addDays(TODAY, -59),
      to: addDays(TODAY, -30),
      coverage: 'partial',
    });
    expect([body.coverage, body.dataFrom]).toEqual(['full', addDays(TODAY, -(DAYS - 1))]);
    const row = (id: string) => body.kpis.find((k) => k.id === id)!;

    // Against the test's own plan. The on-time rate also counts what is open now, in time or late
    // (Decision 766): open dossiers are a state at the period's end, not a sum of days.
    const open = dossiers.filter((d) => !d.done);
    const openLate = open.filter((d) => Date.parse(iso(addDays(d.day, 2), '17:00')) < NOW).length;
    expect(open.length).toBeGreaterThan(openLate);
    expect(openLate).toBeGreaterThan(0);
    expect(row('onTimeRate').numerator).toBe(done.length - lateDone + (open.length - openLate));
    expect(row('onTimeRate').denominator).toBe(done.length + open.length);
    expect(row('open.late').value).toBe(openLate);
    expect(row('received').previous?.value).toBe(dossiers.filter((d) => d.day < from).length);

    // Against the day API, one day at a time: every KPI made of day counters sums exactly.
    const days = await Promise.all(
      Array.from({ length: 30 }, (_, i) => sut.kpis(`scope=province&date=${addDays(from, i)}`)),
    );
    expect(FLOW_KPIS.length).toBeGreaterThan(10);
    for (const def of FLOW_KPIS) {
      const sum = (field: 'numerator' | 'denominator') =>
        days.reduce((s, d) => s + (d.body.kpis.find((k) => k.id === def.id)?.[field] ?? 0), 0);
      const r = row(def.id);
      expect(r.numerator ?? 0, `${def.id} numerator`).toBe(sum('numerator'));
      if (r.denominator !== null) expect(r.denominator, `${def.id} denominator`).toBe(sum('denominator'));
    }
  });

  it('names a bad period, a bad end or a future end, and stores nothing', async () => {
    expect((await period('period=week')).body.error).toBe(
      'period: must be one of today, 7d, 30d, month, year',
    );
    expect((await period('period=7d&end=2026-02-30')).body.error).toBe(
      'end: must be a calendar date YYYY-MM-DD, got "2026-02-30"',
    );
    const r = await period(`period=7d&end=${addDays(TODAY, 1)}`);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe(`end: ${addDays(TODAY, 1)} is in the future (today is ${TODAY})`);
  });

  it(`keeps ${DEFAULT_RETENTION_DAYS} days of history and drops the day past it`, async () => {
    const kept = addDays(TODAY, -DEFAULT_RETENTION_DAYS);
    const dropped = addDays(TODAY, -DEFAULT_RETENTION_DAYS - 1);
    const commit = emptyCommit();
    for (const day of [kept, dropped])
      commit.hashes.set(keys.day(day, 'province'), new Map([['received', 3]]));
    expect(await store.commit(commit)).toBe(true);
    await dropOutOfRetention(store, ['province'], TODAY, 1);
    const days = [keys.day(kept, 'province'), keys.day(dropped, 'province')];
    expect(await store.readHashes(days)).toEqual([{ received: 3 }, {}]);
  });
});
