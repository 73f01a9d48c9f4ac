import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dueMember } from '../../server/aggregate/due-index';
import { keys } from '../../server/aggregate/keys';
import type { DossierRecord } from '../../server/aggregate/dossier';
import { manualClock } from '../../server/clock';
import { MINUTE_BUCKET_DAYS } from '../../server/kpi/retention';
import { emptyCommit, type Store } from '../../server/store/types';
import type { DayKey } from '../../shared/brand';
import {
  LATE_READ_LIMIT,
  type LateBreakdown,
  type SeriesPoint,
  type SeriesResponse,
} from '../../shared/drill';
import type { IocEvent } from '../../shared/events';
import { addDays, dayOf } from '../../shared/time';
import { eventually, kpi, startTestApp, TEST_KEYS } from '../support/app';
import { payment, received, resolved } from '../support/events';
import { STORES } from '../support/stores';

const NOW = Date.parse('2026-11-24T10:00:00+07:00');
const TODAY = dayOf(NOW);
const at = (day: DayKey, hhmm: string) => `${day}T${hhmm}:00+07:00`;

type Answer<T> = { status: number; body: T & { error?: string } };

/** A point with nothing in it, to build expectations from. */
/** A step with data: every measure a number. */
type KnownPoint = { [K in keyof SeriesPoint]: NonNullable<SeriesPoint[K]> };
const zero = (label: string): KnownPoint => ({
  label,
  received: 0,
  resolved: 0,
  payments: 0,
  paymentsVnd: 0,
});
const hourLabels = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

describe.each(STORES)('drill-down reads (%s store)', (name, makeStore) => {
  const clock = manualClock(NOW);
  let store: Store;
  let cleanup: () => Promise<void>;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  beforeEach(async () => {
    clock.set(NOW);
    ({ store, cleanup } = await makeStore(`drill-${name}`));
    sut = await startTestApp(store, { clock });
  });
  afterEach(async () => {
    await sut.close();
    await cleanup();
  });

  const get = async <T>(path: string): Promise<Answer<T>> => {
    const res = await fetch(`${sut.baseUrl}${path}`);
    return { status: res.status, body: (await res.json()) as T & { error?: string } };
  };
  const series = (query: string) => get<SeriesResponse>(`/api/v1/kpis/series?${query}`);
  const late = (scope: string) => get<LateBreakdown>(`/api/v1/late?scope=${scope}`);
  /** Posts dossier events with the one-stop key and payments with the payments key. */
  const postAll = async (events: IocEvent[]) => {
    for (const [source, key] of [
      ['one_stop', TEST_KEYS.one_stop],
      ['payments', TEST_KEYS.payments],
    ] as const) {
      const batch = events.filter((e) => e.source === source);
      if (batch.length > 0) expect((await sut.post(batch, key)).body).toEqual({ accepted: batch.length });
    }
  };

  describe('GET /api/v1/kpis/series', () => {
    it('a 7-day period has a point per day that sums to /api/v1/kpis/period, and the 7 days before', async () => {
      // 14 days, 1 to 4 dossiers a day received at 08:30; every other one resolved at 09:30 the same day
      // and paid 10,000 VND times its number at 09:00.
      const expected = new Map<DayKey, KnownPoint>();
      const events: IocEvent[] = [];
      for (let back = 13; back >= 0; back--) {
        const day = addDays(TODAY, -back);
        const point = zero(day);
        const n = ((back * 3) % 4) + 1;
        for (let i = 0; i < n; i++) {
          const dossierId = `S-${back}-${i}`;
          events.push(received({ dossierId, at: at(day, '08:30'), dueAt: at(addDays(day, 3), '17:00') }));
          point.received += 1;
          if (i % 2 === 0) {
            events.push(resolved({ dossierId, at: at(day, '09:30'), finishedAt: at(day, '09:30') }));
            events.push(payment({ dossierId, at: at(day, '09:00'), amountVnd: 10_000 * (i + 1) }));
            point.resolved += 1;
            point.payments += 1;
            point.paymentsVnd += 10_000 * (i + 1);
          }
        }
        expected.set(day, point);
      }
      await postAll(events);
      const days = (from: number, to: number) =>
        Array.from({ length: to - from + 1 }, (_, i) => expected.get(addDays(TODAY, from + i))!);
      const wanted = { points: days(-6, 0), previous: days(-13, -7) };
      await eventually(async () => {
        const { body } = await series('scope=province&period=7d');
        return (
          JSON.stringify([body.points, body.previous]) === JSON.stringify([wanted.points, wanted.previous])
        );
      });

      const { status, body } = await series('scope=province&period=7d');
      expect(status).toBe(200);
      expect(body).toMatchObject({
        scope: 'province',
        period: '7d',
        granularity: 'day',
        from: addDays(TODAY, -6),
        to: TODAY,
        serverTime: NOW,
        ...wanted,
      });

      // The same counters the period's numbers are summed from.
      const period = await get<{ kpis: { id: string; value: number; previous: { value: number } }[] }>(
        '/api/v1/kpis/period?scope=province&period=7d',
      );
      const row = (id: string) => period.body.kpis.find((k) => k.id === id)!;
      const sum = (points: SeriesPoint[], field: keyof Omit<SeriesPoint, 'label'>) =>
        points.reduce((s, p) => s + (p[field] ?? 0), 0);
      expect(sum(body.points, 'received')).toBe(row('received').value);
      expect(sum(body.previous, 'received')).toBe(row('received').previous.value);
      const resolvedIds = ['resolved.early', 'resolved.onTime', 'resolved.late'];
      expect(sum(body.points, 'resolved')).toBe(resolvedIds.reduce((s, id) => s + row(id).value, 0));
      expect(sum(body.points, 'payments')).toBe(row('payments.count').value);
      expect(sum(body.points, 'paymentsVnd')).toBe(row('payments.amount').value);
      expect(sum(body.points, 'received')).toBeGreaterThan(sum(body.points, 'payments'));

      // A commune's series holds only its own dossiers: here, none.
      const elsewhere = await series('scope=commune:00025&period=7d');
      expect(elsewhere.body.points).toEqual(days(-6, 0).map((p) => zero(p.label)));
    });

    it('"today" places each dossier in its hour of Asia/Ho_Chi_Minh, beside the same hours yesterday', async () => {
      const yesterday = addDays(TODAY, -1);
      await postAll([
        // 00:05 and 00:59 here are 17:05 and 17:59 UTC the day before.
        received({ dossierId: 'T-1', at: at(TODAY, '00:05') }),
        received({ dossierId: 'T-2', at: at(TODAY, '00:59') }),
        received({ dossierId: 'T-3', at: at(TODAY, '07:30') }),
        received({ dossierId: 'T-4', at: at(TODAY, '09:59') }),
        resolved({ dossierId: 'T-3', at: at(TODAY, '09:40'), finishedAt: at(TODAY, '09:40') }),
        payment({ dossierId: 'T-3', at: at(TODAY, '08:10'), amountVnd: 70_000 }),
        received({ dossierId: 'Y-1', at: at(yesterday, '23:30') }),
        received({ dossierId: 'Y-2', at: at(yesterday, '09:15') }),
      ]);
      const hours = (changes: Record<number, Partial<SeriesPoint>>) =>
        hourLabels.map((label, h) => ({ ...zero(label), ...changes[h] }));
      const points = hours({
        0: { received: 2 },
        7: { received: 1 },
        8: { payments: 1, paymentsVnd: 70_000 },
        9: { received: 1, resolved: 1 },
      });
      const previous = hours({ 9: { received: 1 }, 23: { received: 1 } });
      await eventually(async () => {
        const { body } = await series('scope=commune:00004&period=today');
        return JSON.stringify([body.points, body.previous]) === JSON.stringify([points, previous]);
      });
      const { status, body } = await series('scope=province&period=today');
      expect(status).toBe(200);
      expect(body).toEqual({
        scope: 'province',
        period: 'today',
        granularity: 'hour',
        from: TODAY,
        to: TODAY,
        points,
        previous,
        dataFrom: addDays(TODAY, -1),
        serverTime: NOW,
      });
      // Yesterday as a day of its own: its hours; the day before it has no data at all (the first
      // event is yesterday's), so its hours are unknown, not zero.
      const dayBefore = await series(`scope=province&period=today&end=${yesterday}`);
      expect([dayBefore.body.from, dayBefore.body.points]).toEqual([yesterday, previous]);
      expect(dayBefore.body.previous).toEqual(
        hours({}).map((p) => ({
          label: p.label,
          received: null,
          resolved: null,
          payments: null,
          paymentsVnd: null,
        })),
      );
    });

    it('names a bad scope, period or end with 400', async () => {
      const cases: [string, string][] = [
        ['scope=commune:4', 'scope: commune code must be 5 digits, got "4"'],
        [
          'scope=village:1',
          'scope: scope must be "province", "commune:<5-digit code>" or "agency:<id>", got "village:1"',
        ],
        ['period=week', 'period: must be one of today, 7d, 30d, month, year'],
        ['period=7d&end=2026-02-30', 'end: must be a calendar date YYYY-MM-DD, got "2026-02-30"'],
        [
          `period=7d&end=${addDays(TODAY, 1)}`,
          `end: ${addDays(TODAY, 1)} is in the future (today is ${TODAY})`,
        ],
        [
          `period=today&end=${addDays(TODAY, -MINUTE_BUCKET_DAYS)}`,
          `end: hours are kept for ${MINUTE_BUCKET_DAYS} days, so period "today" ends on ${addDays(TODAY, 1 - MINUTE_BUCKET_DAYS)} or later, not ${addDays(TODAY, -MINUTE_BUCKET_DAYS)}`,
        ],
      ];
      for (const [query, error] of cases) {
        const r = await series(query);
        expect([r.status, r.body], query).toEqual([400, { error }]);
      }
      // Defaults: the province over 7 days to today; a whole year back is a day-by-day answer.
      const plain = await series('');
      expect([plain.status, plain.body.scope, plain.body.period, plain.body.to]).toEqual([
        200,
        'province',
        '7d',
        TODAY,
      ]);
      const year = await series(`period=year&end=${addDays(TODAY, -400)}`);
      expect([year.status, year.body.points[0]?.label]).toEqual([
        200,
        `${addDays(TODAY, -400).slice(0, 4)}-01-01`,
      ]);
    });
  });

  describe('GET /api/v1/late', () => {
    /** Six dossiers, four of them late at NOW: three in commune 00004, one in 00025. */
    const dueYesterday = Date.parse(at(addDays(TODAY, -1), '17:00'));
    const dueTwoDaysAgo = Date.parse(at(addDays(TODAY, -2), '17:00'));
    const dueThisMorning = Date.parse(at(TODAY, '09:00'));
    const dueTomorrow = Date.parse(at(addDays(TODAY, 1), '17:00'));
    const dossier = (dossierId: string, commune: string, agency: string, dueAt: number) =>
      received({
        dossierId,
        commune,
        agency,
        at: at(addDays(TODAY, -5), '08:00'),
        dueAt: new Date(dueAt).toISOString(),
      });
    const seed = () =>
      postAll([
        dossier('L-1', '00004', 'so-tu-phap', dueYesterday),
        dossier('L-2', '00004', 'so-tu-phap', dueTwoDaysAgo),
        dossier('L-3', '00004', 'so-xay-dung', dueThisMorning),
        dossier('N-1', '00004', 'so-xay-dung', dueTomorrow),
        dossier('R-1', '00004', 'so-tu-phap', dueYesterday),
        resolved({ dossierId: 'R-1', at: at(TODAY, '08:00'), finishedAt: at(TODAY, '08:00') }),
        dossier('O-1', '00025', 'so-tu-phap', dueYesterday),
      ]);
    /** The aggregator reads in stream order: once the last dossier (O-1) counts, all of them do. */
    const settled = () =>
      eventually(async () => kpi((await sut.kpis('scope=commune:00025')).body, 'open.late') === 1);

    it("a commune's late dossiers by agency: each once, with the oldest due time, as many as the KPI says", async () => {
      await seed();
      await settled();
      const { status, body } = await late('commune:00004');
      expect(status).toBe(200);
      expect(body).toEqual({
        scope: 'commune:00004',
        serverTime: NOW,
        total: 3,
        groups: [
          { scope: 'agency:so-tu-phap', late: 2, oldestDueAt: dueTwoDaysAgo },
          { scope: 'agency:so-xay-dung', late: 1, oldestDueAt: dueThisMorning },
        ],
        truncated: false,
      });
      expect(kpi((await sut.kpis('scope=commune:00004')).body, 'open.late')).toBe(body.total);

      // Time moves on: the one due tomorrow is late too once tomorrow's due time has passed.
      clock.set(dueTomorrow + 1);
      const later = await late('commune:00004');
      // A tie goes by the scope's name.
      expect(later.body.groups).toEqual([
        { scope: 'agency:so-tu-phap', late: 2, oldestDueAt: dueTwoDaysAgo },
        { scope: 'agency:so-xay-dung', late: 2, oldestDueAt: dueThisMorning },
      ]);
      expect(later.body.total).toBe(4);
    });

    it("an agency's by commune, and the province's by agency, agree with the open-late KPI", async () => {
      await seed();
      await settled();
      const agency = await late('agency:so-tu-phap');
      expect(agency.body).toMatchObject({
        total: 3,
        groups: [
          { scope: 'commune:00004', late: 2, oldestDueAt: dueTwoDaysAgo },
          { scope: 'commune:00025', late: 1, oldestDueAt: dueYesterday },
        ],
      });
      const province = await late('province');
      expect(province.body).toMatchObject({
        total: 4,
        groups: [
          { scope: 'agency:so-tu-phap', late: 3, oldestDueAt: dueTwoDaysAgo },
          { scope: 'agency:so-xay-dung', late: 1, oldestDueAt: dueThisMorning },
        ],
      });
      for (const scope of ['agency:so-tu-phap', 'province', 'commune:00025', 'agency:so-xay-dung']) {
        const { body } = await late(scope);
        expect(
          body.groups.reduce((s, g) => s + g.late, 0),
          scope,
        ).toBe(body.total);
        expect(kpi((await sut.kpis(`scope=${scope}`)).body, 'open.late'), scope).toBe(body.total);
      }
      expect((await late('commune:00099')).body).toEqual({
        scope: 'commune:00099',
        serverTime: NOW,
        total: 0,
        groups: [],
        truncated: false,
      });
    });

    it(`reads at most ${LATE_READ_LIMIT} late dossiers, the oldest, and says so`, async () => {
      // Written straight to the store: thousands of dossiers through ingest would test ingest.
      const commit = emptyCommit();
      const members = new Map<string, number>();
      const count = LATE_READ_LIMIT + 3;
      for (let i = 0; i < count; i++) {
        // The three due last are the only ones of commune 00099: past the limit, they are not read.
        const commune = i >= LATE_READ_LIMIT ? '00070' : i % 2 ? '00004' : '00025';
        const dueAt = NOW - 86_400_000 + i;
        const record: DossierRecord = {
          ids: [`o:x-${i}`],
          received: {
            at: NOW - 2 * 86_400_000,
            commune,
            agency: 'so-a',
            channel: 'online',
            full: true,
            dueAt,
            synced: true,
            feeVnd: 0,
          },
          payments: [],
        };
        commit.records.push({ key: keys.dossier(`X-${i}`), expect: 0, body: JSON.stringify(record) });
        members.set(dueMember(dueAt, `X-${i}`), 0);
      }
      commit.zsets.set(keys.due('agency:so-a'), { add: members, remove: new Set() });
      expect(await store.commit(commit)).toBe(true);
      const { body } = await late('agency:so-a');
      expect(body).toMatchObject({ total: count, truncated: true });
      expect(body.groups).toEqual([
        { scope: 'commune:00004', late: LATE_READ_LIMIT / 2, oldestDueAt: NOW - 86_400_000 + 1 },
        { scope: 'commune:00025', late: LATE_READ_LIMIT / 2, oldestDueAt: NOW - 86_400_000 },
      ]);
    });

    it('names a bad scope with 400', async () => {
      const cases: [string, string][] = [
        ['commune:123', 'scope: commune code must be 5 digits, got "123"'],
        ['agency:', 'scope: agency id "" is not a valid id'],
        ['city', 'scope: scope must be "province", "commune:<5-digit code>" or "agency:<id>", got "city"'],
      ];
      for (const [scope, error] of cases) {
        const r = await late(scope);
        expect([r.status, r.body], scope).toEqual([400, { error }]);
      }
    });
  });
});
