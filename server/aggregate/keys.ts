import type { DayKey } from '../../shared/brand';
import type { Programme } from '../../shared/events';
import type { Scope } from '../../shared/scope';

/**
 * The logical keys of the aggregate state, in one place. The store treats them as opaque strings
 * (the Redis store adds its prefix), so this file is the whole map of what is kept.
 */

type PeriodKind = 'day' | 'min' | 'mon' | 'yr';

/**
 * Period x scope keys are built for every event on the aggregator's hot path; each distinct key is made
 * once (a few hundred a day) instead of a new string per event, and looked up without building one.
 * Each kind's memo is cleared wholesale when it grows.
 */
const memo: Record<PeriodKind, Map<string, Map<Scope, string>>> = {
  day: new Map(),
  min: new Map(),
  mon: new Map(),
  yr: new Map(),
};
function periodScopeKey(kind: PeriodKind, period: string, scope: Scope): string {
  const byPeriod = memo[kind];
  let byScope = byPeriod.get(period);
  if (!byScope) {
    if (byPeriod.size > 128) byPeriod.clear();
    byPeriod.set(period, (byScope = new Map()));
  }
  let key = byScope.get(scope);
  if (key === undefined) byScope.set(scope, (key = `${kind}:${period}:${scope}`));
  return key;
}

/** A month "YYYY-MM" or a year "YYYY" of a day. */
export const monthOf = (day: DayKey) => day.slice(0, 7);
export const yearOf = (day: DayKey) => day.slice(0, 4);

/**
 * The field prefix of a stock's moves ("s.openLate", "s.nq57.overdue"): a net change of what is open,
 * late or overdue, kept in the day hash beside the day's flows, and summed per month and per year.
 */
export const STOCK = 's.';

export const keys = {
  /** Entity state of one dossier: its facts and the ids of events already applied. */
  dossier: (dossierId: string) => `d:${dossierId}`,
  /** Entity state of one task. */
  task: (taskId: string) => `t:${taskId}`,
  /**
   * Counters of one day x scope: the day's flows (DayCounter -> n; "paidOnline+2" style fields for
   * what happened some days after reception) and the stock moves of that day ("s.<stock>" -> net n).
   */
  day: (day: DayKey, scope: Scope) => periodScopeKey('day', day, scope),
  /** Per-minute counters of one day x scope (hash of "<minute>.<MinuteCounter>" -> n). */
  minutes: (day: DayKey, scope: Scope) => periodScopeKey('min', day, scope),
  /** Stock moves of one month x scope ("YYYY-MM"): the sum of its days' "s." fields. */
  month: (month: string, scope: Scope) => periodScopeKey('mon', month, scope),
  /** Stock moves of one year x scope ("YYYY"): the sum of its months. */
  year: (year: string, scope: Scope) => periodScopeKey('yr', year, scope),
  /**
   * Open dossiers of a scope now: every member scores 0 and is "<due time>|<id>" (due-index.ts), so
   * members sort by due time, then id. "Late now" is a count of members below now's key (`dueBefore`
   * there), and a page of a list resumes exactly after a member. (Until 12/2026 a second set,
   * `open:<scope>`, held the same dossiers scored by due time: half the sorted-set writes of a commit.)
   */
  due: (scope: Scope) => `due:${scope}`,
  /** Finished and recurring task counts of a scope now (hash of TaskCounter -> n). */
  tasks: (scope: Scope) => `task:${scope}`,
  /** Open tasks with a deadline, per programme and scope, scored by deadline. */
  openTasks: (programme: Programme, scope: Scope) => `topen:${programme}:${scope}`,
  /**
   * Records that will never move a stock again (resolved dossiers, completed tasks, dossiers whose
   * reception never came), scored by their last instant: dropped once that falls out of retention.
   */
  closed: 'closed',
};
