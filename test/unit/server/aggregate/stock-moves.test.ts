import { describe, expect, it } from 'vitest';
import { keys } from '../../../../server/aggregate/keys';
import { openDossierSteps } from '../../../../server/aggregate/stock-moves';
import { taskTimeline, type TaskRecord } from '../../../../server/aggregate/task';
import { applyTaskEvent, emptyTask } from '../../../../server/aggregate/task';
import type { DayKey } from '../../../../shared/brand';
import type { TaskEvent } from '../../../../shared/events';
import { addDays, dayOf } from '../../../../shared/time';
import { Totals } from '../../../support/fold';
import { payment, received, resolved, taskAssigned, taskCompleted } from '../../../support/events';

const t = (s: string) => Date.parse(s);
const day = (s: string) => s as DayKey;

/** The stock at the end of `d` in a scope: the sum of the day hashes' moves up to d (naively). */
function stockAtEndOf(
  totals: Totals,
  scope: 'province' | `agency:${string}` | `commune:${string}`,
  d: DayKey,
) {
  const out: Record<string, number> = {};
  for (const key of totals.hashes.keys()) {
    const m = /^day:(\d{4}-\d{2}-\d{2}):(.+)$/.exec(key);
    if (!m || m[2] !== scope || m[1]! > d) continue;
    for (const [f, n] of Object.entries(totals.moves(key))) out[f] = (out[f] ?? 0) + n;
  }
  return Object.fromEntries(Object.entries(out).filter(([, n]) => n !== 0));
}

const record = (...events: TaskEvent[]): TaskRecord =>
  events.reduce((r, e, i) => applyTaskEvent(r, e, `t:${i}`), emptyTask());

describe(openDossierSteps.name, () => {
  const at = t('2026-11-20T09:00:00+07:00');
  const due = t('2026-11-22T17:00:00+07:00');

  it('opens a dossier not late, turns it late 1 ms after its due time, and closes it when finished', () => {
    expect(openDossierSteps(at, t('2026-11-24T08:00:00+07:00'), due)).toEqual([
      { at, stock: 'openNotLate', n: 1 },
      { at: due + 1, stock: 'openNotLate', n: -1 },
      { at: due + 1, stock: 'openLate', n: 1 },
      { at: t('2026-11-24T08:00:00+07:00'), stock: 'openLate', n: -1 },
    ]);
  });

  it('never turns a dossier finished exactly at its due time late', () => {
    expect(openDossierSteps(at, due, due)).toEqual([
      { at, stock: 'openNotLate', n: 1 },
      { at: due, stock: 'openNotLate', n: -1 },
    ]);
  });

  it('keeps a dossier open for good while it is not finished', () => {
    expect(openDossierSteps(at, Infinity, due)).toEqual([
      { at, stock: 'openNotLate', n: 1 },
      { at: due + 1, stock: 'openNotLate', n: -1 },
      { at: due + 1, stock: 'openLate', n: 1 },
    ]);
  });

  it('counts nothing for a dossier finished before it was received', () => {
    expect(openDossierSteps(at, at - 1, due)).toEqual([]);
    expect(openDossierSteps(at, at, due)).toEqual([]);
  });
});

describe('stocks from flows', () => {
  it("reads yesterday's open dossiers with nothing done at midnight", () => {
    const totals = new Totals().apply(
      received({ dossierId: 'a', at: '2026-11-21T09:00:00+07:00', dueAt: '2026-11-22T17:00:00+07:00' }),
      received({ dossierId: 'b', at: '2026-11-21T10:00:00+07:00', dueAt: '2026-11-30T17:00:00+07:00' }),
      received({ dossierId: 'c', at: '2026-11-22T10:00:00+07:00', dueAt: '2026-11-30T17:00:00+07:00' }),
      resolved({ dossierId: 'c', at: '2026-11-23T08:00:00+07:00', finishedAt: '2026-11-23T08:00:00+07:00' }),
    );
    expect(stockAtEndOf(totals, 'province', day('2026-11-21'))).toEqual({ openNotLate: 2 });
    // a was due at 17:00 on the 22nd: late at the end of that day.
    expect(stockAtEndOf(totals, 'province', day('2026-11-22'))).toEqual({ openNotLate: 2, openLate: 1 });
    expect(stockAtEndOf(totals, 'province', day('2026-11-23'))).toEqual({ openNotLate: 1, openLate: 1 });
  });

  it('corrects last week when a late event about it arrives', () => {
    const totals = new Totals().apply(
      received({ at: '2026-11-16T09:00:00+07:00', dueAt: '2026-11-17T17:00:00+07:00' }),
    );
    for (let d = day('2026-11-18'); d <= '2026-11-23'; d = addDays(d, 1)) {
      expect(stockAtEndOf(totals, 'commune:00004', d)).toEqual({ openLate: 1 });
    }
    totals.apply(resolved({ at: '2026-11-19T09:00:00+07:00', finishedAt: '2026-11-19T09:00:00+07:00' }));
    expect(stockAtEndOf(totals, 'commune:00004', day('2026-11-18'))).toEqual({ openLate: 1 });
    expect(stockAtEndOf(totals, 'commune:00004', day('2026-11-19'))).toEqual({});
    expect(totals.flows(keys.day(day('2026-11-19'), 'province'))).toMatchObject({ resolvedLate: 1 });
  });

  it('sums a move into its day, its month and its year alike', () => {
    const totals = new Totals().apply(
      received({ at: '2026-11-20T09:00:00+07:00', dueAt: '2026-12-02T17:00:00+07:00' }),
    );
    expect(totals.moves(keys.month('2026-11', 'province'))).toEqual({ openNotLate: 1 });
    expect(totals.moves(keys.month('2026-12', 'province'))).toEqual({ openNotLate: -1, openLate: 1 });
    expect(totals.moves(keys.year('2026', 'province'))).toEqual({ openLate: 1 });
  });
});

describe('facts of a dossier come from its dossier.received', () => {
  it("counts a payment under the dossier's commune and agency, not the payment event's", () => {
    const totals = new Totals().apply(
      received({ commune: '00004', agency: 'so-tu-phap', feeVnd: 50_000 }),
      payment({ commune: '00008', agency: 'so-xay-dung', amountVnd: 50_000 }),
    );
    const d = day('2026-11-23');
    expect(totals.flows(keys.day(d, 'commune:00004'))).toMatchObject({ payments: 1, paidOnline: 1 });
    expect(totals.flows(keys.day(d, 'agency:so-tu-phap'))).toMatchObject({ payments: 1 });
    expect(totals.hashes.has(keys.day(d, 'commune:00008'))).toBe(false);
    expect(totals.hashes.has(keys.day(d, 'agency:so-xay-dung'))).toBe(false);
  });

  it('holds a payment until its dossier is received, then counts it on its own day', () => {
    const totals = new Totals().apply(payment({ at: '2026-11-22T09:00:00+07:00', amountVnd: 70_000 }));
    expect(totals.hashes.size).toBe(0);
    totals.apply(received({ at: '2026-11-23T08:00:00+07:00', feeVnd: 70_000 }));
    expect(totals.flows(keys.day(day('2026-11-22'), 'province'))).toEqual({
      payments: 1,
      paymentsVnd: 70_000,
    });
    expect(totals.flows(keys.day(day('2026-11-23'), 'province'))).toMatchObject({
      paidOnline: 1,
      withFee: 1,
    });
  });

  it('counts a dossier paid days after reception as paid only for periods that reach the payment', () => {
    const totals = new Totals().apply(
      received({ at: '2026-11-20T09:00:00+07:00', feeVnd: 10_000, dueAt: '2026-11-30T09:00:00+07:00' }),
      payment({ at: '2026-11-22T09:00:00+07:00', amountVnd: 10_000 }),
    );
    const k = keys.day(day('2026-11-20'), 'province');
    expect(totals.flows(k, 0)).toMatchObject({ withFee: 1 });
    expect(totals.flows(k, 0).paidOnline).toBeUndefined();
    expect(totals.flows(k, 1).paidOnline).toBeUndefined();
    expect(totals.flows(k, 2).paidOnline).toBe(1);
  });

  it('lets the greater event id stand when two receptions have the same `at`, whatever order they came in', () => {
    const a = received({ id: 'r-a', commune: '00004' });
    const b = received({ id: 'r-b', commune: '00008' });
    const d = day('2026-11-23');
    for (const order of [
      [a, b],
      [b, a],
    ]) {
      const totals = new Totals().applyEach(...order);
      expect(totals.flows(keys.day(d, 'commune:00008'))).toMatchObject({ received: 1 });
      expect(totals.flows(keys.day(d, 'commune:00004'))).toEqual({});
    }
  });
});

describe(taskTimeline.name, () => {
  const assigned = taskAssigned({
    at: '2026-11-01T08:00:00+07:00',
    deadline: '2026-11-10T17:00:00+07:00',
    agency: 'so-khcn',
  });

  it('puts a task in progress, then overdue 1 ms after its deadline, then done late', () => {
    const r = record(
      assigned,
      taskCompleted({ at: '2026-11-12T09:00:00+07:00', completedAt: '2026-11-12T09:00:00+07:00' }),
    );
    expect(taskTimeline(r).map((s) => [s.at, s.standing.status])).toEqual([
      [t('2026-11-01T08:00:00+07:00'), 'inProgress'],
      [t('2026-11-10T17:00:00+07:00') + 1, 'overdue'],
      [t('2026-11-12T09:00:00+07:00'), 'doneLate'],
    ]);
  });

  it('moves a deadline from the instant of the update, not before it', () => {
    const moved = {
      type: 'task.updated',
      id: 'u1',
      source: 'tasks',
      taskId: 'NQ57-001',
      at: '2026-11-12T09:00:00+07:00',
      deadline: '2026-11-30T17:00:00+07:00',
    } as const;
    const totals = new Totals().apply(assigned, moved);
    const onDay = (d: string) => stockAtEndOf(totals, 'province', day(d));
    expect(onDay('2026-11-09')).toEqual({ 'nq57.inProgress': 1 });
    expect(onDay('2026-11-11')).toEqual({ 'nq57.overdue': 1 });
    expect(onDay('2026-11-12')).toEqual({ 'nq57.inProgress': 1 });
  });

  it('moves a task to another agency from the instant of the update', () => {
    const moved = {
      type: 'task.updated',
      id: 'u2',
      source: 'tasks',
      taskId: 'NQ57-001',
      at: '2026-11-05T09:00:00+07:00',
      agency: 'so-tttt',
    } as const;
    const totals = new Totals().apply(moved, assigned);
    expect(stockAtEndOf(totals, 'agency:so-khcn', day('2026-11-04'))).toEqual({ 'nq57.inProgress': 1 });
    expect(stockAtEndOf(totals, 'agency:so-khcn', day('2026-11-05'))).toEqual({});
    expect(stockAtEndOf(totals, 'agency:so-tttt', day('2026-11-05'))).toEqual({ 'nq57.inProgress': 1 });
    expect(stockAtEndOf(totals, 'province', day('2026-11-05'))).toEqual({ 'nq57.inProgress': 1 });
  });

  it('keeps a completion reported before the assignment and counts it once the task exists', () => {
    const done = taskCompleted({ at: '2026-10-30T09:00:00+07:00', completedAt: '2026-10-30T09:00:00+07:00' });
    const totals = new Totals().applyEach(done, assigned);
    expect(stockAtEndOf(totals, 'province', day('2026-10-31'))).toEqual({});
    expect(stockAtEndOf(totals, 'province', day('2026-11-01'))).toEqual({ 'nq57.doneOnTime': 1 });
    expect(dayOf(t('2026-11-01T08:00:00+07:00'))).toBe('2026-11-01');
  });

  it('counts a recurring task as recurring until it is done', () => {
    const r = record(taskAssigned({ at: '2026-11-01T08:00:00+07:00', deadline: null }));
    expect(taskTimeline(r).map((s) => s.standing.status)).toEqual(['recurring']);
  });
});
