import { TASK_STATUSES, type TaskStatus } from './counters';
import type { KpiDef } from './kpi-def';
import { TASK_KPIS } from './task-kpis';
import { PROGRAMMES, type Source } from './vocabulary';

// Screens read these with the catalogue.
export { TASK_STATUSES, type TaskStatus };
export type { Formula, KpiDef, Unit } from './kpi-def';

/**
 * The KPI catalogue: every number the screens show, defined over counters, never stored as a finished
 * percentage. Formulas follow KPIS.md and Decision 766/QĐ-TTg. Targets and thresholds here are defaults;
 * the server may override them from configuration (they are policy, not code).
 */

const oneStop = ['one_stop'] as const;
const resolvedOnTime = ['resolvedEarly', 'resolvedOnDue'] as const;

/** The catalogue as written: its literal ids make KpiId. */
const CATALOGUE = [
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
    en: 'Online submission rate',
    unit: 'percent',
    group: 'dossiers',
    formula: { kind: 'ratio', num: ['online'], den: ['received'] },
    sources: oneStop,
    target: 0.5,
    headline: true,
  },
  {
    id: 'fullOnlineShare',
    vi: 'Tỷ lệ hồ sơ trực tuyến toàn trình',
    en: 'Full-online rate',
    unit: 'percent',
    group: 'dossiers',
    formula: { kind: 'ratio', num: ['fullOnline'], den: ['received'] },
    sources: oneStop,
    target: 0.7,
    points766: 12,
  },
  {
    id: 'syncRate',
    vi: 'Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG',
    en: 'National portal sync rate',
    unit: 'percent',
    group: 'dossiers',
    formula: { kind: 'ratio', num: ['synced'], den: ['received'] },
    sources: oneStop,
    target: 1,
    points766: 6,
  },
  {
    id: 'digitisedRate',
    vi: 'Tỷ lệ số hóa hồ sơ',
    en: 'Digitisation rate',
    unit: 'percent',
    group: 'dossiers',
    formula: { kind: 'ratio', num: ['digitised'], den: ['received'] },
    sources: oneStop,
    target: 0.8,
    points766: 4,
  },
  {
    id: 'reuseRate',
    vi: 'Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa',
    en: 'Digitised data reuse rate',
    unit: 'percent',
    group: 'dossiers',
    formula: { kind: 'ratio', num: ['reused'], den: ['received'] },
    sources: oneStop,
    target: 0.5,
    points766: 2,
  },
  {
    id: 'eResultRate',
    vi: 'Tỷ lệ cấp kết quả điện tử',
    en: 'Electronic result rate',
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
    vi: 'Tỷ lệ hồ sơ thanh toán trực tuyến',
    en: 'Online payment rate',
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
  ...TASK_KPIS,
] as const satisfies readonly KpiDef[];

/** An id of the catalogue: a typo in a literal id does not compile. */
export type KpiId = (typeof CATALOGUE)[number]['id'];
/** Every KPI, in the order screens list them. */
export const KPIS: readonly (KpiDef & { id: KpiId })[] = CATALOGUE;
/** Keyed by any string: ids also arrive at run time (an API row, a meeting's view). */
export const KPI_BY_ID: ReadonlyMap<string, KpiDef> = new Map(KPIS.map((k) => [k.id, k]));

/**
 * A KPI of the catalogue by id. A literal id must be one (a typo does not compile); an id known only at
 * run time is checked then: a screen's list with a wrong one fails loudly at load, not as a blank tile.
 */
export function kpiDef<const I extends string>(
  id: I & (I extends KpiId ? I : string extends I ? I : KpiId),
): KpiDef {
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
