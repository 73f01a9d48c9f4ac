import type { DayKey } from '../../shared/brand';
import type { Programme } from '../../shared/events';
import type { Scope } from '../../shared/scope';

/**
 * The logical keys of the aggregate state, in one place. The store treats them as opaque strings
 * (the Redis store adds its prefix), so this file is the whole map of what is kept.
 */
/**
 * Day x scope keys are built for every event on the aggregator's hot path; each distinct key is made
 * once (a few hundred a day) instead of a new string per event. Cleared wholesale when it grows.
 */
const memo = new Map<string, Map<Scope, string>>();
function dayScopeKey(kind: 'day' | 'min', day: DayKey, scope: Scope): string {
  const id = kind === 'day' ? day : `m${day}`;
  let byScope = memo.get(id);
  if (!byScope) {
    if (memo.size > 64) memo.clear();
    memo.set(id, (byScope = new Map()));
  }
  let key = byScope.get(scope);
  if (key === undefined) byScope.set(scope, (key = `${kind}:${day}:${scope}`));
  return key;
}

export const keys = {
  /** Entity state of one dossier: its facts and the ids of events already applied. */
  dossier: (dossierId: string) => `d:${dossierId}`,
  /** Entity state of one task. */
  task: (taskId: string) => `t:${taskId}`,
  /** Counters of one day x scope (hash of DayCounter -> n). */
  day: (day: DayKey, scope: Scope) => dayScopeKey('day', day, scope),
  /** Per-minute counters of one day x scope (hash of "<minute>.<MinuteCounter>" -> n). */
  minutes: (day: DayKey, scope: Scope) => dayScopeKey('min', day, scope),
  /** Open dossiers of a scope, scored by dueAt: "late at t" is a count below t. */
  open: (scope: Scope) => `open:${scope}`,
  /** Finished and recurring task counts of a scope (hash of TaskCounter -> n). */
  tasks: (scope: Scope) => `task:${scope}`,
  /** Open tasks with a deadline, per programme and scope, scored by deadline. */
  openTasks: (programme: Programme, scope: Scope) => `topen:${programme}:${scope}`,
  /** Frozen open/task counts at the end of a day (write-once). */
  endOfDay: (day: DayKey, scope: Scope) => `eod:${day}:${scope}`,
};
