import { TASK_STATUSES, type TaskStatus } from './counters';
import type { KpiDef } from './kpi-def';
import { PROGRAMMES, type Programme } from './vocabulary';

const programmeLabel: Record<Programme, { vi: string; en: string }> = {
  nq57: { vi: 'NQ 57', en: 'Res. 57' },
  da06: { vi: 'Đề án 06', en: 'Project 06' },
  province: { vi: 'Nhiệm vụ tỉnh', en: 'Provincial' },
};
const taskStatusLabel: Record<TaskStatus, { vi: string; en: string }> = {
  doneOnTime: { vi: 'Hoàn thành đúng hạn', en: 'Done on time' },
  doneLate: { vi: 'Hoàn thành quá hạn', en: 'Done late' },
  inProgress: { vi: 'Đang thực hiện trong hạn', en: 'In progress' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  recurring: { vi: 'Thường xuyên', en: 'Recurring' },
};

/** The id of a task KPI: "tasks.nq57.overdue". */
type TaskKpiId = `tasks.${Programme}.${TaskStatus}`;

/** One KPI per programme and status of the task register, counted at the instant asked. */
export const TASK_KPIS: readonly (KpiDef & { id: TaskKpiId })[] = PROGRAMMES.flatMap((p) =>
  TASK_STATUSES.map((s) => ({
    id: `tasks.${p}.${s}` as const,
    vi: `${programmeLabel[p].vi}: ${taskStatusLabel[s].vi}`,
    en: `${programmeLabel[p].en}: ${taskStatusLabel[s].en}`,
    unit: 'task' as const,
    group: 'tasks' as const,
    formula: { kind: 'count' as const, of: [`${p}.${s}` as const] },
    sources: ['tasks'] as const,
    ...(s === 'overdue' ? { target: 0, lowerIsBetter: true } : {}),
  })),
);
