import { describe, expect, it } from 'vitest';
import { applyBatch } from '../../../../server/aggregate/apply-batch';
import { keys } from '../../../../server/aggregate/keys';
import { evaluateKpi } from '../../../../shared/evaluate';
import { KPI_BY_ID } from '../../../../shared/kpis';
import type { DayKey } from '../../../../shared/brand';
import { Totals } from '../../../support/fold';
import {
  digitised,
  heartbeat,
  payment,
  received,
  resolved,
  taskAssigned,
  taskCompleted,
} from '../../../support/events';

const day = (d: string) => d as DayKey;
const D = day('2026-11-23');
const province = keys.day(D, 'province');
const t = (s: string) => Date.parse(s);

describe(applyBatch.name, () => {
  it('counts a replayed event once, in the same batch and in a later one', () => {
    const r = received();
    const totals = new Totals().apply(r, r).apply(r);
    expect(totals.counter(province, 'received')).toBe(1);
    expect(totals.counter(keys.day(D, 'commune:00004'), 'received')).toBe(1);
    expect(totals.counter(keys.day(D, 'agency:so-tu-phap'), 'received')).toBe(1);
    expect(totals.applied).toBe(1);
    expect(totals.duplicates).toBe(2);
  });

  it('counts every channel, fee and sync flag of a received dossier', () => {
    const totals = new Totals().apply(
      received({ dossierId: 'a', channel: 'online', onlineLevel: 'full', feeVnd: 100_000 }),
      received({ dossierId: 'b', channel: 'in_person', onlineLevel: 'none', synced: false }),
      received({ dossierId: 'c', channel: 'post', onlineLevel: 'partial' }),
    );
    expect(totals.flows(province)).toEqual({
      received: 3,
      online: 1,
      in_person: 1,
      post: 1,
      fullOnline: 1,
      synced: 2,
      withFee: 1,
    });
  });

  it('keeps an event about a dossier whose receipt has not arrived, and counts it once the receipt does', () => {
    const early = resolved({ finishedAt: '2026-11-23T10:00:00+07:00' });
    const totals = new Totals().apply(early);
    expect(totals.counter(province, 'resolvedEarly')).toBe(0);
    expect(totals.hashes.size).toBe(0);
    totals.apply(received());
    expect(totals.counter(province, 'received')).toBe(1);
    expect(totals.counter(province, 'resolvedEarly')).toBe(1);
    expect(totals.openDossiers('province', Infinity).total).toBe(0);
  });

  it('reaches the same totals whatever order the events arrive in', () => {
    const events = [received({ feeVnd: 20_000 }), payment({ amountVnd: 20_000 }), resolved(), digitised()];
    const forward = new Totals().applyEach(...events);
    const backward = new Totals().applyEach(...[...events].reverse());
    expect(backward.hash(province)).toEqual(forward.hash(province));
    expect(forward.flows(province)).toMatchObject({
      received: 1,
      paidOnline: 1,
      digitised: 1,
      reused: 1,
      payments: 1,
    });
  });

  it('counts a dossier resolved after its due time as late, before its due day as early, on its due day as on time', () => {
    const totals = new Totals().apply(
      received({ dossierId: 'late', dueAt: '2026-11-23T10:00:00+07:00' }),
      resolved({ dossierId: 'late', finishedAt: '2026-11-23T10:00:01+07:00' }),
      received({ dossierId: 'early', dueAt: '2026-11-25T17:00:00+07:00' }),
      resolved({ dossierId: 'early', finishedAt: '2026-11-23T11:00:00+07:00' }),
      received({ dossierId: 'due', dueAt: '2026-11-23T17:00:00+07:00' }),
      resolved({ dossierId: 'due', finishedAt: '2026-11-23T16:59:00+07:00' }),
    );
    expect(totals.hash(province)).toMatchObject({ resolvedLate: 1, resolvedEarly: 1, resolvedOnDue: 1 });
  });

  it('lets the resolution with the latest `at` stand when a dossier is resolved twice', () => {
    const totals = new Totals().apply(received({ dueAt: '2026-11-23T12:00:00+07:00' }));
    totals.apply(resolved({ at: '2026-11-23T13:00:00+07:00', finishedAt: '2026-11-23T13:00:00+07:00' }));
    expect(totals.counter(province, 'resolvedLate')).toBe(1);
    // An older correction arriving later does not override the newer one.
    totals.apply(resolved({ at: '2026-11-23T11:00:00+07:00', finishedAt: '2026-11-23T11:00:00+07:00' }));
    expect(totals.counter(province, 'resolvedLate')).toBe(1);
    expect(totals.counter(province, 'resolvedOnDue')).toBe(0);
    // A newer one replaces it: the late count moves to on time, nothing doubles.
    totals.apply(resolved({ at: '2026-11-23T14:00:00+07:00', finishedAt: '2026-11-23T11:30:00+07:00' }));
    expect(totals.hash(province)).toMatchObject({ resolvedOnDue: 1 });
    expect(totals.counter(province, 'resolvedLate')).toBe(0);
  });

  it('turns an open dossier late when its due time passes, with no new event', () => {
    const totals = new Totals().apply(received({ dueAt: '2026-11-23T17:00:00+07:00' }));
    const open = (at: string) => totals.openDossiers('commune:00004', t(at));
    expect(open('2026-11-23T16:59:59+07:00')).toEqual({ total: 1, below: 0 });
    expect(open('2026-11-23T17:00:01+07:00')).toEqual({ total: 1, below: 1 });
  });

  it('computes the 766 on-time rate with open-and-not-yet-late counted as on time', () => {
    const totals = new Totals().apply(
      received({ dossierId: 'a', dueAt: '2026-11-23T10:00:00+07:00' }),
      resolved({ dossierId: 'a', finishedAt: '2026-11-23T11:00:00+07:00' }),
      received({ dossierId: 'b', dueAt: '2026-11-30T10:00:00+07:00' }),
      received({ dossierId: 'c', dueAt: '2026-11-23T12:00:00+07:00' }),
    );
    const now = t('2026-11-23T15:00:00+07:00');
    const open = totals.openDossiers('province', now);
    const c = { ...totals.hash(province), openLate: open.below, openNotLate: open.total - open.below };
    const v = evaluateKpi(KPI_BY_ID.get('onTimeRate')!, c, null);
    // on time: b (open, not late); late: a (resolved late), c (open, late)
    expect(v).toMatchObject({ num: 1, den: 3 });
    expect(v.value).toBeCloseTo(1 / 3);
  });

  it('gives a rate with a zero denominator no value, never 0% or 100%', () => {
    const v = evaluateKpi(KPI_BY_ID.get('onlinePaymentRate')!, { withFee: 0, paidOnline: 0 }, null);
    expect(v.value).toBeNull();
  });

  it('gives satisfaction a value only when there are both resolutions and ratings (KPIS.md)', () => {
    const def = KPI_BY_ID.get('satisfaction')!;
    expect(evaluateKpi(def, { resolvedOnDue: 9, resolvedLate: 1 }, null).value).toBeNull();
    expect(evaluateKpi(def, { rated: 4, disliked: 1 }, null).value).toBeNull();
    const both = evaluateKpi(def, { resolvedOnDue: 9, resolvedLate: 1, rated: 4, disliked: 1 }, null);
    expect(both.value).toBeCloseTo(1 - 0.1 - 0.25);
    expect(evaluateKpi(def, { resolvedLate: 2, rated: 1, disliked: 1 }, null).value).toBe(0);
  });

  it('counts every payment as a transaction but a dossier once in the online payment rate', () => {
    const totals = new Totals().apply(
      received({ feeVnd: 300_000 }),
      payment({ amountVnd: 100_000 }),
      payment({ amountVnd: 200_000 }),
    );
    expect(totals.flows(province)).toMatchObject({
      payments: 2,
      paymentsVnd: 300_000,
      withFee: 1,
      paidOnline: 1,
    });
  });

  it('rolls the day over at 00:00 Asia/Ho_Chi_Minh, not at UTC midnight', () => {
    const totals = new Totals().apply(
      received({ dossierId: 'a', at: '2026-11-23T23:59:59+07:00' }),
      received({ dossierId: 'b', at: '2026-11-24T00:00:00+07:00' }),
      // 17:30 UTC on the 23rd is 00:30 on the 24th in Hà Nội.
      received({ dossierId: 'c', at: '2026-11-23T17:30:00Z' }),
    );
    expect(totals.counter(province, 'received')).toBe(1);
    expect(totals.counter(keys.day(day('2026-11-24'), 'province'), 'received')).toBe(2);
  });

  it("counts a dossier received yesterday and resolved today in today's resolutions", () => {
    const totals = new Totals().apply(
      received({ at: '2026-11-22T16:00:00+07:00', dueAt: '2026-11-24T17:00:00+07:00' }),
      resolved({ finishedAt: '2026-11-23T09:00:00+07:00' }),
    );
    expect(totals.counter(keys.day(day('2026-11-22'), 'province'), 'received')).toBe(1);
    expect(totals.counter(province, 'resolvedEarly')).toBe(1);
  });

  it('turns a task overdue when its deadline passes, with no new event', () => {
    const totals = new Totals().apply(taskAssigned({ deadline: '2026-11-23T17:00:00+07:00' }));
    const open = keys.openTasks('nq57', 'agency:so-khcn');
    expect(totals.count(open, t('2026-11-23T16:00:00+07:00'))).toEqual({ total: 1, below: 0 });
    expect(totals.count(open, t('2026-11-23T18:00:00+07:00'))).toEqual({ total: 1, below: 1 });
  });

  it('applies task events in the order of their `at`, whatever order they arrive in', () => {
    const done = taskCompleted({ completedAt: '2026-11-20T10:00:00+07:00' });
    const assigned = taskAssigned({ deadline: '2026-11-21T17:00:00+07:00' });
    const totals = new Totals().applyEach(done, assigned);
    expect(totals.counter(keys.tasks('province'), 'nq57.doneOnTime')).toBe(1);
    expect(totals.count(keys.openTasks('nq57', 'province'), Infinity).total).toBe(0);
  });

  it('counts a task with no deadline as recurring until it is done', () => {
    const totals = new Totals().apply(taskAssigned({ taskId: 'R1', deadline: null, programme: 'da06' }));
    expect(totals.counter(keys.tasks('province'), 'da06.recurring')).toBe(1);
    totals.apply(taskCompleted({ taskId: 'R1' }));
    expect(totals.counter(keys.tasks('province'), 'da06.recurring')).toBe(0);
    expect(totals.counter(keys.tasks('province'), 'da06.doneOnTime')).toBe(1);
  });

  it('writes no minute buckets for days before those kept, so an imported history leaves none behind', () => {
    const events = [
      received({ at: '2026-11-23T09:00:00+07:00' }),
      payment({ at: '2026-11-24T09:00:00+07:00' }),
    ];
    const batch = events.map((event, i) => ({ entryId: `${i + 1}-0`, event }));
    const { commit } = applyBatch(new Map(), batch, day('2026-11-24'));
    expect(commit.hashes.has(keys.minutes(D, 'province'))).toBe(false);
    expect(commit.hashes.get(keys.minutes(day('2026-11-24'), 'province'))?.get('540.payments')).toBe(1);
    expect(commit.hashes.get(province)?.get('received')).toBe(1);
  });

  it('records the latest word of each source, heartbeats included', () => {
    const totals = new Totals().apply(
      heartbeat({ source: 'payments', at: '2026-11-23T09:00:00+07:00' }),
      heartbeat({ source: 'payments', at: '2026-11-23T08:00:00+07:00' }),
    );
    expect(totals.sources.payments).toBe(t('2026-11-23T09:00:00+07:00'));
    expect(totals.hashes.size).toBe(0);
  });
});
