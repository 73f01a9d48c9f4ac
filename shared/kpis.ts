import type { Programme, Source } from './vocabulary';
import { PROGRAMMES } from './vocabulary';

/**
 * The KPI catalogue: every number the screens show, defined over counters, never stored as a finished
 * percentage. Formulas follow KPIS.md and Decision 766/QĐ-TTg. Targets and thresholds here are defaults;
 * the server may override them from configuration (they are policy, not code).
 */

/** Counters kept per day x scope by the aggregator (KPIS.md "Formulas"). */
export const DAY_COUNTERS = [
  'received',
  'online',
  'in_person',
  'post',
  'fullOnline',
  'synced',
  'withFee',
  'paidOnline',
  'digitised',
  'reused',
  'resolvedEarly',
  'resolvedOnDue',
  'resolvedLate',
  'resolveMs',
  'resultIssued',
  'resultElectronic',
  'rated',
  'disliked',
  'payments',
  'paymentsVnd',
] as const;
export type DayCounter = (typeof DAY_COUNTERS)[number];

/**
 * "Received in P that have X by t" (KPIS.md: digitised, reused, paid online): kept on the reception day
 * under how many days after reception X first came, as "paidOnline+0", "paidOnline+3"…, so a period
 * ending on day b counts, for each reception day d, the fields with a lag up to b − d.
 */
export const LAGGED_COUNTERS = ['paidOnline', 'digitised', 'reused'] as const;
export type LaggedCounter = (typeof LAGGED_COUNTERS)[number];

/** Field names of the first lags, made once: the aggregator names one for every dossier. */
const LAG_FIELDS = Object.fromEntries(
  LAGGED_COUNTERS.map((c) => [c, Array.from({ length: 64 }, (_, lag) => `${c}+${lag}`)]),
) as unknown as Record<LaggedCounter, readonly string[]>;

/** The day-hash field of a lagged counter: "paidOnline+2". */
export function lagField(counter: LaggedCounter, lag: number): string {
  return LAG_FIELDS[counter][lag] ?? `${counter}+${lag}`;
}

const laggedNames: ReadonlySet<string> = new Set(LAGGED_COUNTERS);

/**
 * Adds one day hash's flows to `into`: plain counters as they are, lagged ones only up to `maxLag`
 * days after reception (Infinity: all of them). Stock moves ("s." fields) are not flows and are skipped.
 */
export function addDayFlows(into: Counters, hash: Readonly<Record<string, number>>, maxLag: number): void {
  const out = into as Record<string, number>;
  for (const field in hash) {
    const n = hash[field] ?? 0;
    const plus = field.indexOf('+');
    if (plus > 0) {
      const name = field.slice(0, plus);
      if (laggedNames.has(name) && Number(field.slice(plus + 1)) <= maxLag) out[name] = (out[name] ?? 0) + n;
    } else if (dayCounterNames.has(field)) {
      out[field] = (out[field] ?? 0) + n;
    }
  }
}

const dayCounterNames: ReadonlySet<string> = new Set(DAY_COUNTERS);

/** Quantities that depend on the instant t, not only on events: open dossiers split by their due time. */
export const OPEN_COUNTERS = ['openNotLate', 'openLate'] as const;
export const TASK_STATUSES = ['doneOnTime', 'doneLate', 'inProgress', 'overdue', 'recurring'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type TaskCounter = `${Programme}.${TaskStatus}`;

/**
 * Counters bucketed per minute of the day, for the curves and for "the same time yesterday" (compare.ts).
 * `online` is a reception through the online channel, counted at reception like `received`.
 */
export const MINUTE_COUNTERS = ['received', 'online', 'resolved', 'payments', 'paymentsVnd'] as const;
export type MinuteCounter = (typeof MINUTE_COUNTERS)[number];

/** Everything a formula may read, flattened: day counters, open counts at t, task counts at t. */
export type Counters = Partial<Record<DayCounter | (typeof OPEN_COUNTERS)[number] | TaskCounter, number>>;

export type Unit = 'dossier' | 'percent' | 'vnd' | 'transaction' | 'task' | 'hour';
export type KpiGroup = 'dossiers' | 'payments' | 'tasks';

type Field = keyof Counters;
export type Formula =
  | { kind: 'count'; of: readonly Field[] }
  /** num / den; no value when den is 0 (shown as "—", never 0% or 100%). */
  | { kind: 'ratio'; num: readonly Field[]; den: readonly Field[] }
  /** sum / count, scaled (e.g. ms to hours). */
  | { kind: 'mean'; sum: Field; count: readonly Field[]; scale: number }
  /** Decision 766: 100% − (late share of resolved + disliked share of rated). */
  | { kind: 'satisfaction' };

export interface KpiDef {
  id: string;
  vi: string;
  en: string;
  unit: Unit;
  group: KpiGroup;
  formula: Formula;
  /** The sources whose silence makes this number stale. */
  sources: readonly Source[];
  /** Default target (a rate 0..1 for percents); met when value >= target, or <= for lowerIsBetter. */
  target?: number;
  lowerIsBetter?: boolean;
  /** Decision 766 points when the target is met; R/T x points below it. */
  points766?: number;
  /** Shown on the first wall page and in the overview. */
  headline?: boolean;
}

const oneStop = ['one_stop'] as const;
const resolvedOnTime = ['resolvedEarly', 'resolvedOnDue'] as const;

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

const taskKpis: KpiDef[] = PROGRAMMES.flatMap((p) =>
  TASK_STATUSES.map((s) => ({
    id: `tasks.${p}.${s}`,
    vi: `${programmeLabel[p].vi}: ${taskStatusLabel[s].vi}`,
    en: `${programmeLabel[p].en}: ${taskStatusLabel[s].en}`,
    unit: 'task' as const,
    group: 'tasks' as const,
    formula: { kind: 'count' as const, of: [`${p}.${s}` as const] },
    sources: ['tasks'] as const,
    ...(s === 'overdue' ? { target: 0, lowerIsBetter: true } : {}),
  })),
);

export const KPIS: readonly KpiDef[] = [
  {
    id: 'received',
    vi: 'Hồ sơ đã tiếp nhận',
    en: 'Dossiers received',
    unit: 'dossier',
    group: 'dossiers',
    formula: { kind: 'count', of: ['received'] },
    sources: oneStop,
    headline: true,
  },
  {
    id: 'received.online',
    vi: 'Tiếp nhận trực tuyến',
    en: 'Received online',
    unit: 'dossier',
    group: 'dossiers',
    formula: { kind: 'count', of: ['online'] },
    sources: oneStop,
  },
  {
    id: 'received.in_person',
    vi: 'Tiếp nhận trực tiếp',
    en: 'Received in person',
    unit: 'dossier',
    group: 'dossiers',
    formula: { kind: 'count', of: ['in_person'] },
    sources: oneStop,
  },
  {
    id: 'received.post',
    vi: 'Tiếp nhận qua bưu chính công ích',
    en: 'Received by post',
    unit: 'dossier',
    group: 'dossiers',
    formula: { kind: 'count', of: ['post'] },
    sources: oneStop,
  },
  {
    id: 'resolved.early',
    vi: 'Đã xử lý trước hạn',
    en: 'Resolved early',
    unit: 'dossier',
    group: 'dossiers',
    formula: { kind: 'count', of: ['resolvedEarly'] },
    sources: oneStop,
  },
  {
    id: 'resolved.onTime',
    vi: 'Đã xử lý đúng hạn',
    en: 'Resolved on time',
    unit: 'dossier',
    group: 'dossiers',
    formula: { kind: 'count', of: ['resolvedOnDue'] },
    sources: oneStop,
  },
  {
    id: 'resolved.late',
    vi: 'Đã xử lý trễ hạn',
    en: 'Resolved late',
    unit: 'dossier',
    group: 'dossiers',
    formula: { kind: 'count', of: ['resolvedLate'] },
    sources: oneStop,
    target: 0,
    lowerIsBetter: true,
  },
  {
    id: 'open.notLate',
    vi: 'Đang xử lý trong hạn',
    en: 'Open, not yet late',
    unit: 'dossier',
    group: 'dossiers',
    formula: { kind: 'count', of: ['openNotLate'] },
    sources: oneStop,
  },
  {
    id: 'open.late',
    vi: 'Đang xử lý trễ hạn',
    en: 'Open and late',
    unit: 'dossier',
    group: 'dossiers',
    formula: { kind: 'count', of: ['openLate'] },
    sources: oneStop,
    target: 0,
    lowerIsBetter: true,
    headline: true,
  },
  {
    id: 'onTimeRate',
    vi: 'Tỷ lệ xử lý trước hạn, đúng hạn',
    en: 'On-time or early rate',
    unit: 'percent',
    group: 'dossiers',
    sources: oneStop,
    target: 0.98,
    points766: 20,
    headline: true,
    formula: {
      kind: 'ratio',
      num: [...resolvedOnTime, 'openNotLate'],
      den: [...resolvedOnTime, 'resolvedLate', 'openNotLate', 'openLate'],
    },
  },
  {
    id: 'avgResolutionHours',
    vi: 'Thời gian giải quyết trung bình',
    en: 'Mean resolution time',
    unit: 'hour',
    group: 'dossiers',
    sources: oneStop,
    formula: {
      kind: 'mean',
      sum: 'resolveMs',
      count: [...resolvedOnTime, 'resolvedLate'],
      scale: 1 / 3_600_000,
    },
  },
  {
    id: 'onlineShare',
    vi: 'Tỷ lệ hồ sơ trực tuyến',
    en: 'Online submissions',
    unit: 'percent',
    group: 'dossiers',
    formula: { kind: 'ratio', num: ['online'], den: ['received'] },
    sources: oneStop,
    target: 0.5,
    headline: true,
  },
  {
    id: 'fullOnlineShare',
    vi: 'Hồ sơ trực tuyến toàn trình',
    en: 'Full-online dossiers',
    unit: 'percent',
    group: 'dossiers',
    formula: { kind: 'ratio', num: ['fullOnline'], den: ['received'] },
    sources: oneStop,
    target: 0.7,
    points766: 12,
  },
  {
    id: 'syncRate',
    vi: 'Hồ sơ đồng bộ lên Cổng DVCQG',
    en: 'Synced to the national portal',
    unit: 'percent',
    group: 'dossiers',
    formula: { kind: 'ratio', num: ['synced'], den: ['received'] },
    sources: oneStop,
    target: 1,
    points766: 6,
  },
  {
    id: 'digitisedRate',
    vi: 'Số hóa hồ sơ',
    en: 'Digitised dossiers',
    unit: 'percent',
    group: 'dossiers',
    formula: { kind: 'ratio', num: ['digitised'], den: ['received'] },
    sources: oneStop,
    target: 0.8,
    points766: 4,
  },
  {
    id: 'reuseRate',
    vi: 'Khai thác, sử dụng lại dữ liệu số hóa',
    en: 'Digitised data reused',
    unit: 'percent',
    group: 'dossiers',
    formula: { kind: 'ratio', num: ['reused'], den: ['received'] },
    sources: oneStop,
    target: 0.5,
    points766: 2,
  },
  {
    id: 'eResultRate',
    vi: 'Cấp kết quả điện tử',
    en: 'Electronic results',
    unit: 'percent',
    group: 'dossiers',
    formula: { kind: 'ratio', num: ['resultElectronic'], den: ['resultIssued'] },
    sources: oneStop,
    target: 1,
    points766: 6,
  },
  {
    id: 'satisfaction',
    vi: 'Mức độ hài lòng',
    en: 'Satisfaction',
    unit: 'percent',
    group: 'dossiers',
    formula: { kind: 'satisfaction' },
    sources: oneStop,
    target: 0.9,
    points766: 6,
  },
  {
    id: 'payments.count',
    vi: 'Giao dịch thanh toán trực tuyến',
    en: 'Online payments',
    unit: 'transaction',
    group: 'payments',
    formula: { kind: 'count', of: ['payments'] },
    sources: ['payments'],
    headline: true,
  },
  {
    id: 'payments.amount',
    vi: 'Số tiền thanh toán trực tuyến',
    en: 'Amount paid online',
    unit: 'vnd',
    group: 'payments',
    formula: { kind: 'count', of: ['paymentsVnd'] },
    sources: ['payments'],
    headline: true,
  },
  {
    id: 'onlinePaymentRate',
    vi: 'Hồ sơ thanh toán trực tuyến',
    en: 'Dossiers paid online',
    unit: 'percent',
    group: 'payments',
    formula: { kind: 'ratio', num: ['paidOnline'], den: ['withFee'] },
    sources: ['one_stop', 'payments'],
    target: 0.6,
    points766: 6,
    headline: true,
  },
  {
    id: 'tasks.overdue',
    vi: 'Nhiệm vụ quá hạn',
    en: 'Overdue tasks',
    unit: 'task',
    group: 'tasks',
    formula: { kind: 'count', of: PROGRAMMES.map((p) => `${p}.overdue` as const) },
    sources: ['tasks'],
    target: 0,
    lowerIsBetter: true,
    headline: true,
  },
  ...taskKpis,
];

export type KpiId = string;
export const KPI_BY_ID: ReadonlyMap<KpiId, KpiDef> = new Map(KPIS.map((k) => [k.id, k]));

/** A KPI of the catalogue by id; a typo in a screen's list of KPIs fails loudly at load, not as a blank tile. */
export function kpiDef(id: string): KpiDef {
  const def = KPI_BY_ID.get(id);
  if (!def) throw new Error(`KPI "${id}" is not in the catalogue`);
  return def;
}

/** How long each source may stay silent before its numbers are stale (amber), then silent (red). */
export const FRESHNESS_BUDGET_MS: Record<Source, { amber: number; red: number }> = {
  one_stop: { amber: 5 * 60_000, red: 15 * 60_000 },
  payments: { amber: 5 * 60_000, red: 15 * 60_000 },
  tasks: { amber: 15 * 60_000, red: 60 * 60_000 },
};
