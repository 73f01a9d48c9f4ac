import type { Programme, TaskEvent } from '../../shared/events';
import type { TaskStatus } from '../../shared/counters';
import { agencyScope, type Scope } from '../../shared/scope';
import type { Sink } from './contribution';
import { keys } from './keys';
import { moveStock } from './stock-moves';

/** One fact about a task, as its event said it; the task at t is its facts up to t applied in order. */
type TaskFact =
  | {
      at: number;
      m?: number;
      kind: 'assigned';
      programme: Programme;
      agency: string;
      title: string;
      deadline: number | null;
    }
  | { at: number; m?: number; kind: 'updated'; agency?: string; title?: string; deadline?: number | null }
  | { at: number; m?: number; kind: 'completed'; completedAt: number };

export interface TaskRecord {
  ids: string[];
  /**
   * Kept sorted by `at`, then event id, so the state never depends on the order events arrived in. A
   * fact's `m` is where its event's dedup mark ("t:<id>") is in `ids`: the id is kept once, there.
   */
  facts: TaskFact[];
}

export interface TaskState {
  programme: Programme;
  agency: string;
  title: string;
  deadline: number | null;
  completedAt: number | null;
}

export const emptyTask = (): TaskRecord => ({ ids: [], facts: [] });

function toFact(e: TaskEvent, m: number): TaskFact {
  const at = Date.parse(e.at);
  const time = (s: string | null) => (s === null ? null : Date.parse(s));
  switch (e.type) {
    case 'task.assigned':
      return {
        at,
        m,
        kind: 'assigned',
        programme: e.programme,
        agency: e.agency,
        title: e.title,
        deadline: time(e.deadline),
      };
    case 'task.updated': {
      const f: TaskFact = { at, m, kind: 'updated' };
      if (e.agency !== undefined) f.agency = e.agency;
      if (e.title !== undefined) f.title = e.title;
      if (e.deadline !== undefined) f.deadline = time(e.deadline);
      return f;
    }
    case 'task.completed':
      // Its `agency`, if any, is the tracker's word on where the task sits; the task's own facts decide.
      return { at, m, kind: 'completed', completedAt: Date.parse(e.completedAt) };
  }
}

/** Folds one event into a task record (pure); the caller has checked for duplicates. */
export function applyTaskEvent(r: TaskRecord, e: TaskEvent, mark: string): TaskRecord {
  const ids = [...r.ids, mark];
  const fact = toFact(e, r.ids.length);
  const markOf = (f: TaskFact) => ids[f.m ?? -1] ?? '';
  const after = (a: TaskFact, b: TaskFact) => a.at > b.at || (a.at === b.at && markOf(a) > markOf(b));
  const facts = [...r.facts];
  let i = facts.length;
  while (i > 0 && after(facts[i - 1]!, fact)) i--;
  facts.splice(i, 0, fact);
  return { ids, facts };
}

/**
 * What the facts folded so far say: the task's assignment (null until its task.assigned) and its
 * completion time, which a completion reported before the assignment keeps waiting for it.
 */
interface Folded {
  task: Omit<TaskState, 'completedAt'> | null;
  completedAt: number | null;
}

/** Folds one fact; an update before any assignment changes nothing (there is no task to change). */
function fold(s: Folded, f: TaskFact): Folded {
  switch (f.kind) {
    case 'assigned':
      return {
        task: { programme: f.programme, agency: f.agency, title: f.title, deadline: f.deadline },
        completedAt: s.completedAt,
      };
    case 'completed':
      return { task: s.task, completedAt: f.completedAt };
    case 'updated':
      if (!s.task) return s;
      return {
        task: {
          ...s.task,
          agency: f.agency ?? s.task.agency,
          title: f.title ?? s.task.title,
          deadline: f.deadline !== undefined ? f.deadline : s.task.deadline,
        },
        completedAt: s.completedAt,
      };
  }
}

const stateOf = (s: Folded): TaskState | null => s.task && { ...s.task, completedAt: s.completedAt };

/** The task as all its facts say, or null while its task.assigned has not arrived. */
function taskState(r: TaskRecord): TaskState | null {
  let s: Folded = { task: null, completedAt: null };
  for (const f of r.facts) s = fold(s, f);
  return stateOf(s);
}

/** The status of a task at instant t, given its state then (KPIS.md "Tasks"). */
function statusAt(s: TaskState, t: number): TaskStatus {
  if (s.completedAt !== null && s.completedAt <= t) {
    return s.deadline === null || s.completedAt <= s.deadline ? 'doneOnTime' : 'doneLate';
  }
  if (s.deadline === null) return 'recurring';
  return s.deadline < t ? 'overdue' : 'inProgress';
}

/** Where a task counts at an instant: its programme, lead agency and status. */
interface Standing {
  programme: Programme;
  agency: string;
  status: TaskStatus;
}

/**
 * Every change of where the task counts, in time order. The task at t is its facts with `at` <= t
 * folded in order, so its standing changes at each fact (which may assign it, move it to another
 * agency, move its deadline or complete it), when its completion time comes, and when its deadline
 * passes (deadline + 1 ms: done at the deadline is on time).
 */
export function taskTimeline(r: TaskRecord): { at: number; standing: Standing }[] {
  const out: { at: number; standing: Standing }[] = [];
  const push = (at: number, standing: Standing) => {
    if (out.at(-1)?.at === at) out.pop();
    const last = out.at(-1);
    if (!last || !sameStanding(last.standing, standing)) out.push({ at, standing });
  };
  let folded: Folded = { task: null, completedAt: null };
  const facts = r.facts;
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i]!;
    folded = fold(folded, f);
    // Facts of one instant take effect together: only the state after the last of them counts.
    if (i + 1 < facts.length && facts[i + 1]!.at === f.at) continue;
    const s = stateOf(folded);
    if (!s) continue;
    const from = f.at;
    const until = i + 1 < facts.length ? facts[i + 1]!.at : Infinity;
    // Within [from, until) the state is fixed; only the clock can change the status.
    const changes = [from];
    if (s.completedAt !== null && s.completedAt > from && s.completedAt < until) changes.push(s.completedAt);
    if (s.deadline !== null && s.deadline + 1 > from && s.deadline + 1 < until) changes.push(s.deadline + 1);
    changes.sort((a, b) => a - b);
    for (const at of changes) push(at, { programme: s.programme, agency: s.agency, status: statusAt(s, at) });
  }
  return out;
}

const sameStanding = (a: Standing, b: Standing) =>
  a.programme === b.programme && a.agency === b.agency && a.status === b.status;

/** The last instant anything about the task happened: when a finished task may be forgotten. */
function lastInstant(r: TaskRecord): number {
  let t = -Infinity;
  for (const f of r.facts) t = Math.max(t, f.at, f.kind === 'completed' ? f.completedAt : -Infinity);
  return t;
}

/**
 * A task counts twice over. Now: finished and recurring tasks as plain counts, open tasks with a
 * deadline in a set scored by deadline, so "overdue now" is a count below now and a task turns overdue
 * with no event. Over time: the moves of its status (stock-moves.ts), so the counts at the end of any
 * past day are exact.
 */
export function taskContribution(taskId: string, r: TaskRecord, c: Sink): void {
  const s = taskState(r);
  if (!s || s.completedAt !== null) c.member(keys.closed, keys.task(taskId), lastInstant(r));
  if (!s) return;
  const scopes: Scope[] = ['province', agencyScope(s.agency)];
  for (const scope of scopes) {
    c.scope(scope);
    if (s.completedAt !== null) {
      const onTime = s.deadline === null || s.completedAt <= s.deadline;
      c.count(keys.tasks(scope), `${s.programme}.${onTime ? 'doneOnTime' : 'doneLate'}`, 1);
    } else if (s.deadline === null) {
      c.count(keys.tasks(scope), `${s.programme}.recurring`, 1);
    } else {
      c.member(keys.openTasks(s.programme, scope), taskId, s.deadline);
    }
  }
  let was: Standing | null = null;
  for (const { at, standing } of taskTimeline(r)) {
    if (was) {
      const field = `${was.programme}.${was.status}`;
      for (const scope of ['province', agencyScope(was.agency)] as const) moveStock(c, scope, at, field, -1);
    }
    const field = `${standing.programme}.${standing.status}`;
    for (const scope of ['province', agencyScope(standing.agency)] as const) {
      c.scope(scope);
      moveStock(c, scope, at, field, 1);
    }
    was = standing;
  }
}
