import type { DayKey } from '../../shared/brand';
import { evaluateKpi } from '../../shared/evaluate';
import type { EventOf, IocEvent } from '../../shared/events';
import { TASK_STATUSES, type Counters, type DayCounter, type TaskStatus } from '../../shared/counters';
import { KPIS, type KpiDef } from '../../shared/kpis';
import { periodRanges, type DayRange, type Period } from '../../shared/periods';
import type { Scope } from '../../shared/scope';
import { PROGRAMMES, SOURCES, type Programme, type Source } from '../../shared/vocabulary';
import { addDays, dayOf, endOfDay } from '../../shared/time';

/**
 * The reference model of issue 12: every KPI of shared/kpis.ts computed the slow, obvious way, straight
 * from the raw events that were POSTed, following the rules of the README ("How the numbers are counted") and KPIS.md word for word. It knows
 * nothing of the server (no aggregator, no keys, no store): each query scans every dossier and task
 * again. Only the formulas are shared (the catalogue and evaluateKpi); every counter is counted here.
 */

/** README "Reading KPIs" (unknown is not zero): days older than today − RETENTION_DAYS are never known. */
export const RETENTION_DAYS = 800;

/** What the API reports for one KPI: `num` → numerator, `den` → denominator; all null when unknown. */
export interface Figures {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}
export interface ReferenceRow extends Figures {
  id: string;
}
export interface ReferencePeriodRow extends ReferenceRow {
  previous: Figures;
}

/** The expected answer of GET /api/v1/kpis?scope=…&date=… */
export interface ReferenceDay {
  scope: Scope;
  date: DayKey;
  dataFrom: DayKey | null;
  known: boolean;
  kpis: ReferenceRow[];
}

/** The expected answer of GET /api/v1/kpis/period?scope=…&period=… */
export interface ReferencePeriod {
  scope: Scope;
  period: Period;
  from: DayKey;
  to: DayKey;
  previous: DayRange;
  dataFrom: DayKey | null;
  kpis: ReferencePeriodRow[];
}

export const UNKNOWN: Figures = { value: null, numerator: null, denominator: null };

/** Communes have no task KPIs (tasks belong to agencies); the province and agencies have every KPI. */
export function referenceKpiDefs(scope: Scope): readonly KpiDef[] {
  return scope.startsWith('commune:') ? KPIS.filter((k) => k.group !== 'tasks') : KPIS;
}

const ms = (iso: string) => Date.parse(iso);

type Received = EventOf<'dossier.received'>;
type Resolved = EventOf<'dossier.resolved'>;
type Digitised = EventOf<'dossier.digitised'>;
type ResultIssued = EventOf<'dossier.resultIssued'>;
type Rated = EventOf<'feedback.rated'>;
type Payment = EventOf<'payment.completed'>;
type TaskFact = EventOf<'task.assigned' | 'task.updated' | 'task.completed'>;

/** The standing facts of one dossier (README "How the numbers are counted"). */
export interface DossierFacts {
  dossierId: string;
  R?: Received;
  S?: Resolved;
  D?: Digitised;
  X?: ResultIssued;
  F?: Rated;
  /** Every payment is a transaction of its own. */
  P: Payment[];
}

/** The state of a task at an instant (README "How the numbers are counted"). */
export interface TaskStateAt {
  programme: Programme;
  agency: string;
  deadline: number | null;
  completedAt: number | null;
}

/** Of two events of one type, the one that stands: the greatest `at`, then the greatest id (string order). */
function stands<E extends { at: string; id: string }>(current: E | undefined, next: E): E {
  if (!current) return next;
  const a = ms(current.at);
  const b = ms(next.at);
  if (b > a) return next;
  if (b < a) return current;
  return next.id > current.id ? next : current;
}

/** Facts sorted by (at, then event id by string comparison). */
function byAtThenId(a: TaskFact, b: TaskFact): number {
  const d = ms(a.at) - ms(b.at);
  if (d !== 0) return d;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class ReferenceModel {
  /**
   * The events that count at all: unique by (source, id) within what they are about (a dossier, a task;
   * heartbeats are about their source), the first one POSTed wins. A retry or replay repeats an event
   * whole; the same id about another dossier is another event.
   */
  readonly applied: IocEvent[] = [];
  readonly today: DayKey;

  /**
   * @param posted the events in the order they were POSTed (and accepted)
   * @param now the server's clock when the KPIs are read
   */
  constructor(
    posted: readonly IocEvent[],
    readonly now: number,
  ) {
    this.today = dayOf(now);
    const seen = new Set<string>();
    for (const e of posted) {
      const about = 'dossierId' in e ? `d:${e.dossierId}` : 'taskId' in e ? `t:${e.taskId}` : 'source';
      const mark = JSON.stringify([e.source, e.id, about]);
      if (seen.has(mark)) continue;
      seen.add(mark);
      this.applied.push(e);
    }
  }

  /**
   * max(day of the earliest `at` of every applied event of `sources` (all of them by default),
   * heartbeats included, today − retention); null when none of them has an event.
   */
  dataFrom(sources: readonly Source[] = SOURCES): DayKey | null {
    let earliest = Infinity;
    for (const e of this.applied) if (sources.includes(e.source)) earliest = Math.min(earliest, ms(e.at));
    if (earliest === Infinity) return null;
    const first = dayOf(earliest);
    const oldest = addDays(this.today, -RETENTION_DAYS);
    return first > oldest ? first : oldest;
  }

  /** A KPI is known from the latest start among its sources; null when one of them never spoke. */
  kpiDataFrom(def: KpiDef): DayKey | null {
    let from: DayKey | null = null;
    for (const s of def.sources) {
      const start = this.dataFrom([s]);
      if (start === null) return null;
      if (from === null || start > from) from = start;
    }
    return from;
  }

  /** Every dossier that has any event, with its standing facts (evaluated over all applied events). */
  dossiers(): DossierFacts[] {
    const byId = new Map<string, DossierFacts>();
    const of = (dossierId: string) => {
      let d = byId.get(dossierId);
      if (!d) byId.set(dossierId, (d = { dossierId, P: [] }));
      return d;
    };
    for (const e of this.applied) {
      switch (e.type) {
        case 'dossier.received':
          of(e.dossierId).R = stands(of(e.dossierId).R, e);
          break;
        case 'dossier.resolved':
          of(e.dossierId).S = stands(of(e.dossierId).S, e);
          break;
        case 'dossier.digitised':
          of(e.dossierId).D = stands(of(e.dossierId).D, e);
          break;
        case 'dossier.resultIssued':
          of(e.dossierId).X = stands(of(e.dossierId).X, e);
          break;
        case 'feedback.rated':
          of(e.dossierId).F = stands(of(e.dossierId).F, e);
          break;
        case 'payment.completed':
          of(e.dossierId).P.push(e);
          break;
        default:
          break;
      }
    }
    return [...byId.values()];
  }

  /** Every task id with its facts, unsorted. */
  tasks(): Map<string, TaskFact[]> {
    const out = new Map<string, TaskFact[]>();
    for (const e of this.applied) {
      if (e.type !== 'task.assigned' && e.type !== 'task.updated' && e.type !== 'task.completed') continue;
      const facts = out.get(e.taskId) ?? [];
      facts.push(e);
      out.set(e.taskId, facts);
    }
    return out;
  }

  /** A task's state at t: its facts with at <= t, sorted by (at, id), folded; null if not assigned by t. */
  static taskStateAt(facts: readonly TaskFact[], t: number): TaskStateAt | null {
    const known = facts.filter((f) => ms(f.at) <= t).sort(byAtThenId);
    let state: Omit<TaskStateAt, 'completedAt'> | null = null;
    let completedAt: number | null = null;
    for (const f of known) {
      if (f.type === 'task.assigned') {
        state = {
          programme: f.programme,
          agency: f.agency,
          deadline: f.deadline === null ? null : ms(f.deadline),
        };
      } else if (f.type === 'task.updated') {
        if (state === null) continue; // an update before any assignment is ignored
        if (f.agency !== undefined) state.agency = f.agency;
        if (f.deadline !== undefined) state.deadline = f.deadline === null ? null : ms(f.deadline);
      } else {
        completedAt = ms(f.completedAt); // `agency` on task.completed is ignored
      }
    }
    return state === null ? null : { ...state, completedAt };
  }

  /** A task's status at t (README "How the numbers are counted"). */
  static taskStatus(s: TaskStateAt, t: number): TaskStatus {
    if (s.completedAt !== null && s.completedAt <= t) {
      return s.deadline === null || s.completedAt <= s.deadline ? 'doneOnTime' : 'doneLate';
    }
    if (s.deadline === null) return 'recurring';
    if (s.deadline < t) return 'overdue';
    return 'inProgress';
  }

  /**
   * The counters of a scope: flows over the days [range.from, range.to] (whole days, Asia/Ho_Chi_Minh)
   * and stocks (open dossiers, tasks) at instant t. No clipping to dataFrom here: see `figures`.
   */
  counters(scope: Scope, range: DayRange, t: number): Counters {
    const c = {
      received: 0,
      online: 0,
      in_person: 0,
      post: 0,
      fullOnline: 0,
      synced: 0,
      withFee: 0,
      paidOnline: 0,
      digitised: 0,
      reused: 0,
      resolvedEarly: 0,
      resolvedOnDue: 0,
      resolvedLate: 0,
      resolveMs: 0,
      resultIssued: 0,
      resultElectronic: 0,
      rated: 0,
      disliked: 0,
      payments: 0,
      paymentsVnd: 0,
      openNotLate: 0,
      openLate: 0,
    } satisfies Record<DayCounter | 'openNotLate' | 'openLate', number>;
    const inPeriod = (instant: number) => {
      const day = dayOf(instant);
      return day >= range.from && day <= range.to;
    };

    for (const d of this.dossiers()) {
      const R = d.R;
      if (!R) continue; // a dossier with no dossier.received counts nowhere, payments included
      const counts =
        scope === 'province' || scope === `commune:${R.commune}` || scope === `agency:${R.agency}`;
      if (!counts) continue;
      const receivedAt = ms(R.at);
      const dueAt = ms(R.dueAt);

      if (inPeriod(receivedAt)) {
        c.received++;
        c[R.channel]++;
        if (R.onlineLevel === 'full') c.fullOnline++;
        if (R.synced) c.synced++;
        if (R.feeVnd > 0) c.withFee++;
        if (d.D && ms(d.D.at) <= t) {
          c.digitised++;
          if (d.D.reused) c.reused++;
        }
        if (R.feeVnd > 0 && d.P.some((p) => ms(p.at) <= t)) c.paidOnline++;
      }

      if (d.S && inPeriod(ms(d.S.finishedAt))) {
        const finishedAt = ms(d.S.finishedAt);
        if (finishedAt <= dueAt) {
          if (dayOf(finishedAt) < dayOf(dueAt)) c.resolvedEarly++;
          else c.resolvedOnDue++;
        } else {
          c.resolvedLate++;
        }
        c.resolveMs += Math.max(0, finishedAt - receivedAt);
      }

      if (d.X && inPeriod(ms(d.X.at))) {
        c.resultIssued++;
        if (d.X.electronic) c.resultElectronic++;
      }

      if (d.F && inPeriod(ms(d.F.at))) {
        c.rated++;
        if (!d.F.liked) c.disliked++;
      }

      for (const p of d.P) {
        if (!inPeriod(ms(p.at))) continue;
        c.payments++;
        c.paymentsVnd += p.amountVnd;
      }

      const open = receivedAt <= t && !(d.S && ms(d.S.finishedAt) <= t);
      if (open) {
        if (dueAt < t) c.openLate++;
        else c.openNotLate++;
      }
    }

    const tasks: Counters = {};
    if (!scope.startsWith('commune:')) {
      for (const p of PROGRAMMES) for (const s of TASK_STATUSES) tasks[`${p}.${s}`] = 0;
      for (const facts of this.tasks().values()) {
        const state = ReferenceModel.taskStateAt(facts, t);
        if (state === null) continue;
        if (scope !== 'province' && scope !== `agency:${state.agency}`) continue;
        const field = `${state.programme}.${ReferenceModel.taskStatus(state, t)}` as const;
        tasks[field] = (tasks[field] ?? 0) + 1;
      }
    }
    return { ...c, ...tasks };
  }

  /**
   * Every KPI of a scope over whole days [range.from, range.to]: flows over the days from dataFrom on,
   * stocks at the end of the range (now when it ends today); all unknown when the range ends before
   * dataFrom (or there is no event at all).
   */
  figures(scope: Scope, range: DayRange): Map<string, Figures> {
    const defs = referenceKpiDefs(scope);
    const dataFrom = this.dataFrom();
    if (dataFrom === null || range.to < dataFrom) return new Map(defs.map((d) => [d.id, UNKNOWN]));
    const from = range.from < dataFrom ? dataFrom : range.from;
    const t = range.to === this.today ? this.now : endOfDay(range.to);
    const counters = this.counters(scope, { from, to: range.to }, t);
    return new Map(
      defs.map((def) => {
        // Each KPI is known only from the first word of every source it is made of.
        const own = this.kpiDataFrom(def);
        if (own === null || range.to < own) return [def.id, UNKNOWN];
        const v = evaluateKpi(def, counters, null);
        return [def.id, { value: v.value, numerator: v.num, denominator: v.den }];
      }),
    );
  }

  /** GET /api/v1/kpis?scope=…&date=… (today when date is omitted: counted up to now). */
  day(scope: Scope, date: DayKey = this.today): ReferenceDay {
    const dataFrom = this.dataFrom();
    const figures = this.figures(scope, { from: date, to: date });
    return {
      scope,
      date,
      dataFrom,
      known: dataFrom !== null && date >= dataFrom,
      kpis: [...figures].map(([id, f]) => ({ id, ...f })),
    };
  }

  /**
   * GET /api/v1/kpis/period?scope=…&period=…&end=… (default today), with the period before it. A stock
   * (open dossiers, tasks by status) is counted at the period's end, and at the previous period's end.
   */
  period(scope: Scope, period: Period, end: DayKey = this.today): ReferencePeriod {
    const { current, previous } = periodRanges(period, end);
    const now = this.figures(scope, current);
    const before = this.figures(scope, previous);
    return {
      scope,
      period,
      from: current.from,
      to: current.to,
      previous,
      dataFrom: this.dataFrom(),
      kpis: [...now].map(([id, f]) => ({ id, ...f, previous: before.get(id) ?? UNKNOWN })),
    };
  }
}

// ------------------------------------------------------------------ checking the API against the model

/** One difference between the API's answer and the reference. */
export interface Mismatch {
  scope: string;
  query: string;
  kpi: string;
  field: string;
  expected: unknown;
  actual: unknown;
}

/** A KPI's value: num/den divisions may differ in the last bits, so 1e-9 relative; null only equals null. */
export function sameValue(expected: number | null, actual: unknown): boolean {
  if (expected === null || typeof actual !== 'number') return expected === actual;
  if (expected === actual) return true;
  return Math.abs(expected - actual) <= 1e-9 * Math.max(Math.abs(expected), Math.abs(actual));
}

type Row = Record<string, unknown>;
const MISSING = '(missing)';
const field = (o: unknown, name: string): unknown =>
  o !== null && typeof o === 'object' && name in o ? (o as Row)[name] : MISSING;

function compareFigures(
  out: Mismatch[],
  where: Omit<Mismatch, 'field' | 'expected' | 'actual'>,
  expected: Figures,
  actual: unknown,
  prefix = '',
) {
  const value = field(actual, 'value');
  if (!sameValue(expected.value, value))
    out.push({ ...where, field: `${prefix}value`, expected: expected.value, actual: value });
  for (const f of ['numerator', 'denominator'] as const) {
    const a = field(actual, f);
    if (a !== expected[f]) out.push({ ...where, field: `${prefix}${f}`, expected: expected[f], actual: a });
  }
}

function compareRows<E extends ReferenceRow>(
  out: Mismatch[],
  scope: string,
  query: string,
  expected: readonly E[],
  actual: unknown,
  each: (e: E, a: Row) => void,
) {
  const rows = Array.isArray(actual) ? (actual as Row[]) : [];
  if (!Array.isArray(actual))
    out.push({ scope, query, kpi: '(all)', field: 'kpis', expected: 'a list', actual });
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  for (const e of expected) {
    const a = byId.get(e.id);
    if (a) each(e, a);
    else out.push({ scope, query, kpi: e.id, field: 'row', expected: 'present', actual: MISSING });
  }
  const ids = new Set(expected.map((e) => e.id));
  for (const id of byId.keys())
    if (!ids.has(id))
      out.push({ scope, query, kpi: id, field: 'row', expected: '(absent)', actual: 'present' });
}

/** Differences between a /api/v1/kpis answer and the reference's day. */
export function compareDay(expected: ReferenceDay, answer: unknown, query: string): Mismatch[] {
  const out: Mismatch[] = [];
  const { scope } = expected;
  const head = (f: string, e: unknown) => {
    const a = field(answer, f);
    if (a !== e) out.push({ scope, query, kpi: '(answer)', field: f, expected: e, actual: a });
  };
  head('date', expected.date);
  head('dataFrom', expected.dataFrom);
  head('known', expected.known);
  if (!expected.known) {
    const reason = field(answer, 'reason');
    if (typeof reason !== 'string' || reason.length === 0 || reason === MISSING)
      out.push({
        scope,
        query,
        kpi: '(answer)',
        field: 'reason',
        expected: 'why it is unknown',
        actual: reason,
      });
  }
  compareRows(out, scope, query, expected.kpis, field(answer, 'kpis'), (e, a) =>
    compareFigures(out, { scope, query, kpi: e.id }, e, a),
  );
  return out;
}

/** Differences between a /api/v1/kpis/period answer and the reference's period (and the one before). */
export function comparePeriod(expected: ReferencePeriod, answer: unknown, query: string): Mismatch[] {
  const out: Mismatch[] = [];
  const { scope } = expected;
  const head = (f: string, e: unknown, a: unknown) => {
    if (a !== e) out.push({ scope, query, kpi: '(answer)', field: f, expected: e, actual: a });
  };
  head('from', expected.from, field(answer, 'from'));
  head('to', expected.to, field(answer, 'to'));
  head('previous.from', expected.previous.from, field(field(answer, 'previous'), 'from'));
  head('previous.to', expected.previous.to, field(field(answer, 'previous'), 'to'));
  head('dataFrom', expected.dataFrom, field(answer, 'dataFrom'));
  compareRows(out, scope, query, expected.kpis, field(answer, 'kpis'), (e, a) => {
    compareFigures(out, { scope, query, kpi: e.id }, e, a);
    // A previous period the server cannot know may come as null: the same as three nulls.
    const before = a.previous === null ? UNKNOWN : a.previous;
    compareFigures(out, { scope, query, kpi: e.id }, e.previous, before, 'previous.');
  });
  return out;
}

/** The queries the tests put to the API and to the model, by name. */
export type Query = { kind: 'day'; date?: DayKey } | { kind: 'period'; period: Period; end?: DayKey };

export const queryName = (q: Query, model?: ReferenceModel): string => {
  if (q.kind === 'period') return `period=${q.period}${q.end === undefined ? '' : '&end=…'}`;
  if (q.date === undefined) return 'today';
  const before = model && (model.dataFrom() === null || q.date < model.dataFrom()!);
  return `date=${q.date}${before ? ' (before the data)' : ''}`;
};

/** Asks the running app every query for every scope and returns every difference from the model. */
export async function checkAgainstApi(
  baseUrl: string,
  model: ReferenceModel,
  scopes: readonly Scope[],
  queries: readonly Query[],
): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  for (const scope of scopes) {
    for (const q of queries) {
      const query = queryName(q, model);
      const path =
        q.kind === 'period'
          ? `/api/v1/kpis/period?scope=${scope}&period=${q.period}${q.end === undefined ? '' : `&end=${q.end}`}`
          : `/api/v1/kpis?scope=${scope}${q.date === undefined ? '' : `&date=${q.date}`}`;
      const res = await fetch(`${baseUrl}${path}`);
      const body: unknown = await res.json();
      if (res.status !== 200) {
        out.push({
          scope,
          query,
          kpi: '(answer)',
          field: 'status',
          expected: 200,
          actual: [res.status, body],
        });
        continue;
      }
      out.push(
        ...(q.kind === 'period'
          ? comparePeriod(model.period(scope, q.period, q.end), body, query)
          : compareDay(model.day(scope, q.date), body, query)),
      );
    }
  }
  return out;
}

const show = (v: unknown) => (v === undefined ? 'undefined' : typeof v === 'string' ? v : JSON.stringify(v));

/** A kind of difference: the query (any date alike), the KPI, and whether it is the period before. */
const kindOf = (m: Mismatch) =>
  `${m.query.replace(/date=\d{4}-\d{2}-\d{2}/, 'date=…')} ${m.kpi}${m.field.startsWith('previous.') ? ' (previous period)' : ''}`;

/**
 * A readable report: a table with the first difference of each kind (up to `limit` rows, in the order
 * they were found), then how many differences of each kind there are.
 */
export function mismatchReport(mismatches: readonly Mismatch[], title: string, limit = 30): string {
  const kinds = new Map<string, Mismatch[]>();
  for (const m of mismatches) {
    const k = kindOf(m);
    kinds.set(k, [...(kinds.get(k) ?? []), m]);
  }
  const rows = [['scope', 'query', 'kpi', 'field', 'expected (reference)', 'actual (API)']];
  for (const [, [first]] of [...kinds].slice(0, limit)) {
    const m = first!;
    rows.push(
      [m.scope, m.query, m.kpi, m.field, show(m.expected), show(m.actual)].map((s) => s.slice(0, 60)),
    );
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const table = rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')).join('\n');
  const counts = [...kinds]
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, limit)
    .map(([k, list]) => `  ${String(list.length).padStart(5)} × ${k}`)
    .join('\n');
  if (mismatches.length === 0) return `${title}: no difference from the reference model`;
  return [
    `${title}: ${mismatches.length} difference(s) from the reference model, of ${kinds.size} kind(s); the first of each:`,
    table,
    kinds.size > limit ? `… and ${kinds.size - limit} more kinds` : '',
    'Differences by kind (query, KPI):',
    counts,
  ].join('\n');
}
