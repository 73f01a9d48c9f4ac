import { DAY_MS } from '../../shared/time';
import { dayNumberOf } from './calendar';
import type { DossierDayPlan } from './dossier-plan';
import { buildDossierDayPlan } from './dossier-plan';
import { MAX_DOSSIER_LIFETIME_MS } from './lifecycle';
import type { TaskDayPlan } from './task-plan';
import { buildTaskDayPlan } from './task-plan';
import { TASK_HISTORY_DAYS } from './tasks';
import type { TimedEvent } from './wire';
import type { World } from './world';

/**
 * The province's whole simulated history as a function of time: the events with `at` in any window,
 * gathered from the day plans that can reach into it (dossiers received up to PLAN_LOOKBACK_DAYS
 * before, tasks assigned up to TASK_HISTORY_DAYS before). Plans are cached, a bounded number of them.
 */

/** Dossier plans of this many days before a window can still have events in it. */
export const PLAN_LOOKBACK_DAYS = Math.ceil(MAX_DOSSIER_LIFETIME_MS / DAY_MS) + 1;

/** The longest window collect() accepts. */
const MAX_WINDOW_DAYS = 62;

/** A least-recently-used map of a bounded size. */
class BoundedCache<V> {
  readonly #entries = new Map<number, V>();
  constructor(readonly capacity: number) {}

  get(key: number, make: (key: number) => V): V {
    let value = this.#entries.get(key);
    if (value === undefined) {
      value = make(key);
      if (this.#entries.size >= this.capacity) {
        const oldest = this.#entries.keys().next();
        if (!oldest.done) this.#entries.delete(oldest.value);
      }
    } else {
      this.#entries.delete(key);
    }
    this.#entries.set(key, value);
    return value;
  }
}

export interface CollectOptions {
  /**
   * Also send the dossier.received of every dossier received before the window that still has events
   * to come: a fresh wall then knows the dossiers carried over (their due times, for the on-time rate)
   * instead of holding their later events as orphans.
   */
  withCarriedOverReceipts?: boolean;
  /**
   * Send every task event up to `to` of the tasks assigned in the last TASK_HISTORY_DAYS, whatever the
   * window: a task's status depends on its whole history, which a fresh wall must learn at once.
   */
  withTaskHistory?: boolean;
}

export interface Timeline {
  dossierPlan(day: number): DossierDayPlan;
  taskPlan(day: number): TaskDayPlan;
  /** Events with from < at <= to, in order of `at` (receipts of carried-over dossiers before them). */
  collect(from: number, to: number, options?: CollectOptions): TimedEvent[];
}

export function createTimeline(world: World): Timeline {
  const dossierPlans = new BoundedCache<DossierDayPlan>(PLAN_LOOKBACK_DAYS + 10);
  const taskPlans = new BoundedCache<TaskDayPlan>(TASK_HISTORY_DAYS + 30);
  const dossierPlan = (day: number) => dossierPlans.get(day, (d) => buildDossierDayPlan(world, d));
  const taskPlan = (day: number) => taskPlans.get(day, (d) => buildTaskDayPlan(world, d));

  function collect(from: number, to: number, options: CollectOptions = {}): TimedEvent[] {
    const out: TimedEvent[] = [];
    if (to <= from) return out;
    const firstDay = dayNumberOf(from);
    const lastDay = dayNumberOf(to);
    // Each day costs a plan of thousands of dossiers: refuse a window that would build years of them.
    if (lastDay - firstDay > MAX_WINDOW_DAYS)
      throw new RangeError(`collect: window longer than ${MAX_WINDOW_DAYS} days`);
    for (let day = firstDay - PLAN_LOOKBACK_DAYS; day <= lastDay; day++) {
      const plan = dossierPlan(day);
      if (options.withCarriedOverReceipts) out.push(...plan.receiptsCarriedOver(from));
      const [start, end] = plan.schedule.range(from, to);
      for (let i = start; i < end; i++) out.push(plan.eventAt(i));
    }
    const taskFrom = options.withTaskHistory ? -Infinity : from;
    const firstTaskDay = (options.withTaskHistory ? lastDay : firstDay) - TASK_HISTORY_DAYS;
    for (let day = firstTaskDay; day <= lastDay; day++) {
      const plan = taskPlan(day);
      const [start, end] = plan.schedule.range(taskFrom, to);
      for (let i = start; i < end; i++) out.push(plan.eventAt(i));
    }
    // Array.prototype.sort is stable: equal times keep plan order (a dossier's earlier step first).
    return out.sort((a, b) => a.t - b.t);
  }

  return { dossierPlan, taskPlan, collect };
}
