import type { IocEvent } from '../../shared/events';
import { Schedule } from './schedule';
import type { PlannedTask } from './tasks';
import { planTasks } from './tasks';
import type { TimedEvent } from './wire';
import { compactDay, eventId, isoVn } from './wire';
import type { World } from './world';

/** One day's tasks indexed by the time of each of their events (reference = seq * 4 + step). */

const TASK_STEPS = ['assigned', 'update1', 'update2', 'completed'] as const;
type TaskStep = (typeof TASK_STEPS)[number];
const STEP_KIND: Record<TaskStep, string> = {
  assigned: 'ta',
  update1: 'tu1',
  update2: 'tu2',
  completed: 'tc',
};
const updateOf = (task: PlannedTask, step: TaskStep) =>
  step === 'update1' ? task.updates[0] : step === 'update2' ? task.updates[1] : undefined;
const STEP_COUNT = TASK_STEPS.length;

export interface TaskDayPlan {
  readonly day: number;
  readonly tasks: readonly PlannedTask[];
  readonly schedule: Schedule;
  eventAt(i: number): TimedEvent;
}

function stepTime(task: PlannedTask, step: TaskStep): number | null {
  if (step === 'assigned') return task.assignedAt;
  if (step === 'completed') return task.completedAt;
  return updateOf(task, step)?.at ?? null;
}

function buildEvent(world: World, planDay: string, task: PlannedTask, step: TaskStep): IocEvent {
  const common = {
    id: eventId(world, planDay, STEP_KIND[step], task.seq),
    source: 'tasks' as const,
    taskId: task.taskId,
  };
  if (step === 'assigned') {
    return {
      ...common,
      type: 'task.assigned',
      at: isoVn(task.assignedAt),
      programme: task.programme,
      level: task.level,
      agency: task.agency,
      title: task.title,
      deadline: task.deadline === null ? null : isoVn(task.deadline),
    };
  }
  const update = updateOf(task, step);
  if (update) {
    return {
      ...common,
      type: 'task.updated',
      at: isoVn(update.at),
      ...(update.deadline !== undefined ? { deadline: isoVn(update.deadline) } : {}),
      ...(update.agency !== undefined ? { agency: update.agency } : {}),
    };
  }
  const completedAt = isoVn(task.completedAt ?? task.assignedAt);
  return { ...common, type: 'task.completed', at: completedAt, completedAt };
}

export function buildTaskDayPlan(world: World, day: number): TaskDayPlan {
  const tasks = planTasks(world, day);
  const planDay = compactDay(day);
  const times: number[] = [];
  const refs: number[] = [];
  for (const task of tasks) {
    TASK_STEPS.forEach((step, stepIndex) => {
      const t = stepTime(task, step);
      if (t === null) return;
      times.push(t);
      refs.push(task.seq * STEP_COUNT + stepIndex);
    });
  }
  const schedule = Schedule.build(times, refs);
  return {
    day,
    tasks,
    schedule,
    eventAt(i) {
      const ref = schedule.refs[i] ?? 0;
      const task = tasks[Math.floor(ref / STEP_COUNT)];
      const step = TASK_STEPS[ref % STEP_COUNT];
      if (!task || !step) throw new Error(`bad schedule reference ${ref}`);
      return { t: schedule.times[i] ?? 0, event: buildEvent(world, planDay, task, step) };
    },
  };
}
