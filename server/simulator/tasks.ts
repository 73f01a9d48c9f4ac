import type { Programme } from '../../shared/events';
import { DAY_MS } from '../../shared/time';
import type { AgencyId } from './agencies';
import { HOUR_MS, dayKeyOf, dayNumberOf, dayStartOf, isWorkingDay } from './calendar';
import type { Random } from './random';
import { createRandom, WeightedPicker } from './random';
import { counterArrival } from './rhythm';
import { TASK_TITLES } from './task-titles';
import type { World } from './world';

/**
 * Digital-transformation tasks (Resolution 57, Project 06, the province's own programme) assigned on
 * one working day, with their whole future: deadline months ahead (or none for recurring work), and a
 * completion on time, late, or never. Issued in small batches, as plans and official letters are.
 */

export interface PlannedTask {
  seq: number;
  taskId: string;
  programme: Programme;
  level: 'central' | 'province';
  agency: AgencyId;
  title: string;
  assignedAt: number;
  /** End of the deadline day, or null for recurring work. */
  deadline: number | null;
  completedAt: number | null;
  /** Later changes of deadline (extensions) or of lead agency, in order of time; at most two. */
  updates: TaskUpdate[];
}

export interface TaskUpdate {
  at: number;
  deadline?: number;
  agency?: AgencyId;
}

/** Every event of a task happens within this many days of its assignment; task plans reach this far back. */
export const TASK_HISTORY_DAYS = 540;

interface ProgrammeRhythm {
  /** Chance a working day brings a batch, and the batch size range. */
  batchChance: number;
  batchSize: [number, number];
  centralShare: number;
  leads: WeightedPicker<AgencyId>;
}

const leads = (weights: Partial<Record<AgencyId, number>>) =>
  new WeightedPicker(Object.keys(weights) as AgencyId[], (id) => weights[id] ?? 0);

/** Tuned so 18 months hold about 190 nq57, 40 da06 and 80 province tasks (KPIS.md "Figures"). */
// prettier-ignore
const RHYTHM: Record<Programme, ProgrammeRhythm> = {
  nq57: {
    batchChance: 0.13,
    batchSize: [2, 6],
    centralShare: 0.6,
    leads: leads({ 'so-khoa-hoc-va-cong-nghe': 5, 'so-noi-vu': 2, 'so-tai-chinh': 2, 'van-phong-ubnd-tinh': 2, 'so-giao-duc-va-dao-tao': 1, 'so-y-te': 1, 'so-nong-nghiep-va-moi-truong': 1, 'so-xay-dung': 1, 'so-cong-thuong': 1 }),
  },
  da06: {
    batchChance: 0.05,
    batchSize: [1, 3],
    centralShare: 0.5,
    leads: leads({ 'cong-an-tinh': 5, 'so-tu-phap': 1.5, 'so-y-te': 1, 'so-noi-vu': 1, 'so-giao-duc-va-dao-tao': 1, 'so-khoa-hoc-va-cong-nghe': 1 }),
  },
  province: {
    batchChance: 0.1,
    batchSize: [1, 3],
    centralShare: 0,
    leads: leads({ 'van-phong-ubnd-tinh': 3, 'trung-tam-phuc-vu-hanh-chinh-cong': 2, 'so-noi-vu': 1.5, 'so-khoa-hoc-va-cong-nghe': 1.5, 'so-nong-nghiep-va-moi-truong': 1.5, 'so-tai-chinh': 1, 'so-xay-dung': 1, 'so-tu-phap': 1, 'thanh-tra-tinh': 0.5, 'ubnd-xa': 2 }),
  },
};

/** Outcomes of tasks with a deadline; recurring ones (10%) are never "done". */
const RECURRING = 0.1;
const DONE_ON_TIME = 0.6;
const DONE_LATE = 0.17;
const EXTENDED = 0.3;
const EXTENDED_WHEN_UNFINISHED = 0.6;
const REASSIGNED = 0.2;

const endOfDay = (day: number) => dayStartOf(day) + DAY_MS - 1000;

/** A moment during office hours on the working day at or before `day` (not before `notBefore`). */
function officeMomentNear(random: Random, day: number, notBefore: number): number {
  let d = day;
  while (!isWorkingDay(d) && d > dayNumberOf(notBefore)) d--;
  return Math.max(counterArrival(random, d, 2), notBefore + HOUR_MS);
}

function drawTask(random: Random, world: World, programme: Programme, day: number, seq: number): PlannedTask {
  const rhythm = RHYTHM[programme];
  const assignedAt = counterArrival(random, day, 2);
  const dayKey = dayKeyOf(day).replaceAll('-', '');
  const agency = rhythm.leads.pick(random);
  const task: PlannedTask = {
    seq,
    taskId: `${programme.toUpperCase()}-${world.province}-${dayKey}-${String(seq + 1).padStart(2, '0')}`,
    programme,
    level: random.chance(rhythm.centralShare) ? 'central' : 'province',
    agency,
    title: random.pick(TASK_TITLES[programme]),
    assignedAt,
    deadline: null,
    completedAt: null,
    updates: [],
  };
  if (!random.chance(RECURRING)) drawOutcome(random, task, day);
  // Lead agencies change hands now and then (a department reorganised, co-ordination moved).
  if (random.chance(REASSIGNED)) {
    const at = officeMomentNear(random, day + random.int(3, 90), assignedAt);
    if (task.completedAt === null || at < task.completedAt)
      task.updates.push({ at, agency: rhythm.leads.pick(random) });
  }
  task.updates.sort((a, b) => a.at - b.at);
  return task;
}

/** Deadline, completion, and possibly an extension of the deadline that keeps the outcome what it is. */
function drawOutcome(random: Random, task: PlannedTask, day: number): void {
  const deadlineDay = day + random.int(30, 365);
  const deadline = endOfDay(deadlineDay);
  task.deadline = deadline;
  const outcome = random.next();
  if (outcome < DONE_ON_TIME) {
    const doneDay = day + Math.round(random.between(0.3, 1) * (deadlineDay - day));
    task.completedAt = Math.min(officeMomentNear(random, doneDay, task.assignedAt), deadline);
    if (random.chance(EXTENDED)) {
      const at = officeMomentNear(
        random,
        day + Math.round(random.between(0.1, 0.9) * (doneDay - day)),
        task.assignedAt,
      );
      if (at < task.completedAt)
        task.updates.push({ at, deadline: endOfDay(deadlineDay + random.int(30, 90)) });
    }
  } else if (outcome < DONE_ON_TIME + DONE_LATE) {
    const daysLate = 1 + Math.min(150, Math.round(random.exponential(25)));
    task.completedAt = officeMomentNear(random, deadlineDay + daysLate, deadline);
    // An extension that still falls short of the actual completion: the task stays late.
    if (daysLate >= 3 && random.chance(EXTENDED)) {
      const at = officeMomentNear(random, deadlineDay - random.int(1, 10), task.assignedAt);
      task.updates.push({ at, deadline: endOfDay(deadlineDay + random.int(1, daysLate - 2)) });
    }
  } else if (random.chance(EXTENDED_WHEN_UNFINISHED)) {
    const at = officeMomentNear(random, deadlineDay - random.int(1, 10), task.assignedAt);
    task.updates.push({ at, deadline: endOfDay(deadlineDay + random.int(60, 120)) });
  }
}

/** The tasks assigned on `day` (a day number); none on weekends and holidays. */
export function planTasks(world: World, day: number): PlannedTask[] {
  if (!isWorkingDay(day)) return [];
  const random = createRandom(world.seedKey, 'tasks', day);
  const tasks: PlannedTask[] = [];
  for (const programme of ['nq57', 'da06', 'province'] as const) {
    const rhythm = RHYTHM[programme];
    if (!random.chance(rhythm.batchChance)) continue;
    const size = random.int(...rhythm.batchSize);
    for (let i = 0; i < size; i++) tasks.push(drawTask(random, world, programme, day, tasks.length));
  }
  return tasks;
}
