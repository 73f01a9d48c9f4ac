import type { Programme, TaskEvent } from '../../shared/events';
import { agencyScope, type Scope } from '../../shared/scope';
import type { Sink } from './contribution';
import { keys } from './keys';

/** One fact about a task, as its event said it; the task is these applied in order of `at`. */
type TaskFact =
  | {
      at: number;
      kind: 'assigned';
      programme: Programme;
      agency: string;
      title: string;
      deadline: number | null;
    }
  | { at: number; kind: 'updated'; agency?: string; title?: string; deadline?: number | null }
  | { at: number; kind: 'completed'; completedAt: number };

export interface TaskRecord {
  ids: string[];
  /** Kept sorted by `at` (then by arrival), so the state never depends on the order events arrived in. */
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

function toFact(e: TaskEvent): TaskFact {
  const at = Date.parse(e.at);
  const time = (s: string | null) => (s === null ? null : Date.parse(s));
  switch (e.type) {
    case 'task.assigned':
      return {
        at,
        kind: 'assigned',
        programme: e.programme,
        agency: e.agency,
        title: e.title,
        deadline: time(e.deadline),
      };
    case 'task.updated': {
      const f: TaskFact = { at, kind: 'updated' };
      if (e.agency !== undefined) f.agency = e.agency;
      if (e.title !== undefined) f.title = e.title;
      if (e.deadline !== undefined) f.deadline = time(e.deadline);
      return f;
    }
    case 'task.completed':
      return { at, kind: 'completed', completedAt: Date.parse(e.completedAt) };
  }
}

/** Folds one event into a task record (pure); the caller has checked for duplicates. */
export function applyTaskEvent(r: TaskRecord, e: TaskEvent, mark: string): TaskRecord {
  const fact = toFact(e);
  const facts = [...r.facts];
  let i = facts.length;
  while (i > 0 && facts[i - 1]!.at > fact.at) i--;
  facts.splice(i, 0, fact);
  return { ids: [...r.ids, mark], facts };
}

/** The task as its facts say, or null while its task.assigned has not arrived. */
export function taskState(r: TaskRecord): TaskState | null {
  let s: TaskState | null = null;
  let completedAt: number | null = null;
  for (const f of r.facts) {
    if (f.kind === 'assigned') {
      s = {
        programme: f.programme,
        agency: f.agency,
        title: f.title,
        deadline: f.deadline,
        completedAt: null,
      };
    } else if (f.kind === 'completed') {
      completedAt = f.completedAt;
    } else if (s) {
      if (f.agency !== undefined) s.agency = f.agency;
      if (f.title !== undefined) s.title = f.title;
      if (f.deadline !== undefined) s.deadline = f.deadline;
    }
  }
  return s && { ...s, completedAt };
}

/**
 * Finished and recurring tasks are plain counts; open tasks with a deadline go into a set scored by
 * deadline, so "overdue at t" is a count below t and a task turns overdue with no event at all.
 */
export function taskContribution(taskId: string, r: TaskRecord, c: Sink): void {
  const s = taskState(r);
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
}
