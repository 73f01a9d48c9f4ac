import { scaleLinear } from 'd3';
import { TASK_STATUSES, type TaskStatus } from '../../../shared/kpis';
import { PROGRAMMES, type Programme } from '../../../shared/vocabulary';

/**
 * The geometry of the task board: one stacked horizontal bar per programme, a segment per status in
 * the order of TASK_STATUSES. Each programme fills the track with its own total: NQ 57 counts ten times
 * the tasks of Đề án 06, and on a shared scale Đề án 06's statuses were slivers nobody could read; the
 * totals are written beside each bar instead. Positions are fractions (0..1) of the track, laid out
 * with CSS.
 */

/** Programme names as the wall writes them (the catalogue keeps its own copy for KPI labels). */
export const PROGRAMME_WORDS: Record<Programme, { vi: string; en: string }> = {
  nq57: { vi: 'NQ 57', en: 'Res. 57' },
  da06: { vi: 'Đề án 06', en: 'Project 06' },
  province: { vi: 'Nhiệm vụ tỉnh', en: 'Provincial' },
};

/** The national status words (KPIS.md "Tasks"). */
export const STATUS_WORDS: Record<TaskStatus, { vi: string; en: string }> = {
  doneOnTime: { vi: 'Hoàn thành đúng hạn', en: 'Done on time' },
  doneLate: { vi: 'Hoàn thành quá hạn', en: 'Done late' },
  inProgress: { vi: 'Đang thực hiện trong hạn', en: 'In progress' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  recurring: { vi: 'Thường xuyên', en: 'Recurring' },
};

/**
 * Fixed colours, the same on every screen and in every meeting: overdue is always red, done on time
 * green. Each keeps contrast with dark text inside it and with the dark panel around it.
 */
export const STATUS_COLOURS: Record<TaskStatus, string> = {
  doneOnTime: '#3ddc84',
  doneLate: '#e0b84a',
  inProgress: '#5aa9ff',
  overdue: '#ff5a5a',
  recurring: '#9aa6b8',
};

interface Segment {
  status: TaskStatus;
  value: number;
  /** Start and width, 0..1 of the track. */
  start: number;
  width: number;
  colour: string;
}

export interface ProgrammeBar {
  programme: Programme;
  total: number;
  segments: Segment[];
}

/**
 * One bar per programme from `count(programme, status)` (null or missing counts as 0: a programme with
 * no tasks has an empty bar, not a missing one). Zero-width segments are kept, so every bar carries
 * every status for the page's tests and the legend.
 */
export function taskStatusBars(count: (p: Programme, s: TaskStatus) => number | null): ProgrammeBar[] {
  const rows = PROGRAMMES.map((programme) => {
    const values = TASK_STATUSES.map((s) => Math.max(0, count(programme, s) ?? 0));
    return { programme, values, total: values.reduce((a, v) => a + v, 0) };
  });
  return rows.map(({ programme, values, total }) => {
    const x = scaleLinear()
      .domain([0, Math.max(1, total)])
      .range([0, 1]);
    let sum = 0;
    const segments = TASK_STATUSES.map((status, i) => {
      const value = values[i]!;
      const start = x(sum);
      sum += value;
      return { status, value, start, width: x(sum) - start, colour: STATUS_COLOURS[status] };
    });
    return { programme, total, segments };
  });
}
