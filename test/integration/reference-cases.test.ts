import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../server/clock';
import type { Store } from '../../server/store/types';
import type { DayKey } from '../../shared/brand';
import type { IocEvent } from '../../shared/events';
import type { Scope } from '../../shared/scope';
import { SOURCES } from '../../shared/vocabulary';
import { addDays, dayOf, endOfDay } from '../../shared/time';
import { startTestApp } from '../support/app';
import { received, resolved, taskAssigned } from '../support/events';
import { deliver, settled } from '../support/random-events';
import { checkAgainstApi, mismatchReport, ReferenceModel, type Query } from '../support/reference-kpis';
import { STORES } from '../support/stores';

/**
 * Issue 12, part 4: three situations the old day snapshots got wrong, each checked KPI by KPI against
 * the reference model (and, for the figures the case is about, against numbers worked out by hand).
 */
const NOW = Date.parse('2026-04-15T10:00:00+07:00');
const T = dayOf(NOW);
const day = (n: number): DayKey => addDays(T, n);
/** An instant of day T+n at hh:mm in Hà Nội. */
const at = (n: number, hhmm: string) => `${day(n)}T${hhmm}:00+07:00`;
const iso = (t: number) => new Date(t).toISOString();

const figure = (model: ReferenceModel, scope: Scope, date: DayKey | undefined, id: string) =>
  model.day(scope, date).kpis.find((k) => k.id === id)?.value;

describe.each(STORES)('counting cases against the reference model (%s store)', (name, makeStore) => {
  const clock = manualClock(NOW);
  let store: Store;
  let cleanup: () => Promise<void>;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  /** Everything accepted so far, in POST order: what the model counts. */
  let posted: IocEvent[];
  let problems: string[];

  beforeEach(async () => {
    // The server starts at 10:00 today: it was not running at any midnight of the events below.
    clock.set(NOW);
    ({ store, cleanup } = await makeStore(`refcases-${name}`));
    sut = await startTestApp(store, { clock });
    posted = [];
    problems = [];
  });
  afterEach(async () => {
    await sut.close();
    await cleanup();
  });

  /** POSTs events (one batch per source) and waits until the aggregator has applied them. */
  async function send(events: IocEvent[]) {
    const batches = SOURCES.map((source) => ({ source, events: events.filter((e) => e.source === source) }));
    const { accepted, refusals } = await deliver(
      sut,
      batches.filter((b) => b.events.length > 0),
    );
    posted.push(...accepted);
    problems.push(...refusals);
    const stall = await settled(sut.baseUrl, posted);
    if (stall) problems.push(stall);
  }

  /** Every KPI of every scope and query against the model of everything posted; one readable failure. */
  async function expectReference(title: string, scopes: Scope[], queries: Query[]) {
    const model = new ReferenceModel(posted, NOW);
    const mismatches = await checkAgainstApi(sut.baseUrl, model, scopes, queries);
    expect(
      problems.length + mismatches.length,
      [...problems, mismatchReport(mismatches, `${title} (${name} store)`)].join('\n'),
    ).toBe(0);
  }

  it('nothing happens at midnight: the days before the server started have their open dossiers', async () => {
    const a = { commune: '00004', agency: 'so-tu-phap' };
    const b = { commune: '00008', agency: 'so-xay-dung' };
    await send([
      // Two days ago: late by that evening and still open.
      received({ ...a, dossierId: 'd1', at: at(-2, '09:00'), dueAt: at(-2, '17:00') }),
      received({ ...a, dossierId: 'd2', at: at(-2, '10:00'), dueAt: at(3, '17:00') }),
      // Open two days ago, resolved late yesterday.
      received({ ...a, dossierId: 'd3', at: at(-2, '11:00'), dueAt: at(-1, '12:00') }),
      resolved({ dossierId: 'd3', at: at(-1, '15:00'), finishedAt: at(-1, '15:00') }),
      // Yesterday: due at the very last millisecond of the day (not late at its end), late at 16:00.
      received({ ...a, dossierId: 'd4', at: at(-1, '08:00'), dueAt: iso(endOfDay(day(-1))) }),
      received({ ...a, dossierId: 'd5', at: at(-1, '09:00'), dueAt: at(-1, '16:00') }),
      received({ ...b, dossierId: 'd6', at: at(-1, '10:00'), dueAt: at(0, '08:00') }),
      // Received at midnight today: not open yesterday. Resolved at midnight today: open yesterday.
      received({ ...b, dossierId: 'd7', at: at(0, '00:00'), dueAt: at(1, '17:00') }),
      received({ ...a, dossierId: 'd8', at: at(-1, '23:00'), dueAt: at(2, '17:00') }),
      resolved({ dossierId: 'd8', at: at(0, '00:00'), finishedAt: at(0, '00:00') }),
    ]);

    const model = new ReferenceModel(posted, NOW);
    // Worked out by hand (the README, "How the numbers are counted").
    expect([-2, -1].map((n) => figure(model, 'province', day(n), 'open.late'))).toEqual([1, 2]);
    expect([-2, -1].map((n) => figure(model, 'province', day(n), 'open.notLate'))).toEqual([2, 4]);
    expect(figure(model, 'province', day(-1), 'onTimeRate')).toBeCloseTo(4 / 7, 12);
    expect(figure(model, 'commune:00008', day(-1), 'open.notLate')).toBe(1);
    expect([
      figure(model, 'province', undefined, 'open.late'),
      figure(model, 'province', T, 'open.notLate'),
    ]).toEqual([4, 2]);

    await expectReference(
      'open dossiers of the days before the start',
      ['province', 'commune:00004', 'commune:00008', 'agency:so-tu-phap', 'agency:so-xay-dung'],
      [
        { kind: 'day' },
        { kind: 'day', date: day(-1) },
        { kind: 'day', date: day(-2) },
        { kind: 'period', period: '7d' },
      ],
    );
  });

  it('a late event about last week corrects the open counts of the days after it and the 7 days', async () => {
    const unit = { commune: '00025', agency: 'so-khcn' };
    await send([
      received({ ...unit, dossierId: 'w1', at: at(-10, '09:00'), dueAt: at(-8, '17:00') }),
      received({ ...unit, dossierId: 'w2', at: at(-9, '09:00'), dueAt: at(5, '17:00') }),
      received({ ...unit, dossierId: 'w3', at: at(-2, '09:00'), dueAt: at(4, '17:00') }),
    ]);
    const before = new ReferenceModel(posted, NOW);
    const lateBefore = [-6, -5, -4, -3, -2, -1].map((n) => figure(before, 'province', day(n), 'open.late'));
    expect(lateBefore).toEqual([1, 1, 1, 1, 1, 1]);

    // Posted now, about six days ago: w1 was resolved (late) then.
    await send([resolved({ dossierId: 'w1', at: at(-6, '11:00'), finishedAt: at(-6, '11:00') })]);
    const after = new ReferenceModel(posted, NOW);
    const lateAfter = [-7, -6, -5, -4, -3, -2, -1].map((n) => figure(after, 'province', day(n), 'open.late'));
    expect(lateAfter).toEqual([1, 0, 0, 0, 0, 0, 0]);
    const week = after.period('province', '7d').kpis.find((k) => k.id === 'resolved.late')!;
    expect([week.value, week.previous.value]).toEqual([1, 0]);

    await expectReference(
      'last week corrected by a late event',
      ['province', 'commune:00025', 'agency:so-khcn'],
      [
        { kind: 'day' },
        ...[-7, -6, -5, -4, -3, -2, -1].map((n): Query => ({ kind: 'day', date: day(n) })),
        { kind: 'period', period: '7d' },
        { kind: 'period', period: '30d' },
      ],
    );
  });

  it('a task whose deadline was moved is overdue on the days before the move and in progress after', async () => {
    await send([
      taskAssigned({
        id: 'ta-moved',
        taskId: 'NQ57-MOVED',
        agency: 'so-khcn',
        at: at(-10, '09:00'),
        deadline: at(-5, '17:00'),
      }),
      {
        id: 'tu-moved',
        type: 'task.updated',
        source: 'tasks',
        taskId: 'NQ57-MOVED',
        at: at(-2, '10:00'),
        deadline: at(5, '17:00'),
      },
      // Another task changes hands: it counts under its agency of each day.
      taskAssigned({
        id: 'ta-handed',
        taskId: 'DA06-HANDED',
        programme: 'da06',
        agency: 'so-tu-phap',
        at: at(-10, '09:00'),
        deadline: at(10, '17:00'),
      }),
      {
        id: 'tu-handed',
        type: 'task.updated',
        source: 'tasks',
        taskId: 'DA06-HANDED',
        at: at(-3, '15:00'),
        agency: 'so-khcn',
      },
    ]);
    const model = new ReferenceModel(posted, NOW);
    const nq57 = (n: number) =>
      ['overdue', 'inProgress'].map((s) => figure(model, 'agency:so-khcn', day(n), `tasks.nq57.${s}`));
    expect([-6, -4, -3, -2, -1, 0].map(nq57)).toEqual([
      [0, 1],
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    const da06 = (scope: Scope, n: number) => figure(model, scope, day(n), 'tasks.da06.inProgress');
    expect([-4, -3].map((n) => [da06('agency:so-tu-phap', n), da06('agency:so-khcn', n)])).toEqual([
      [1, 0],
      [0, 1],
    ]);

    await expectReference(
      'a task moved in time and between agencies',
      ['province', 'agency:so-khcn', 'agency:so-tu-phap'],
      [
        { kind: 'day' },
        ...[-6, -5, -4, -3, -2, -1].map((n): Query => ({ kind: 'day', date: day(n) })),
        { kind: 'period', period: '7d' },
      ],
    );
  });
});
