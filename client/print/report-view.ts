import type { DayKey } from '../../shared/brand';
import { meetsTarget } from '../../shared/evaluate';
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatKpi,
  formatNumber,
  NO_VALUE,
} from '../../shared/format';
import type { PeriodResponse } from '../../shared/history';
import { formulaWords, termWords } from '../../shared/kpi-formula';
import { KPI_BY_ID, type KpiDef } from '../../shared/kpis';

/**
 * What the printed report says, as plain rows, from the answer of GET /api/v1/kpis/period: the numbers
 * exactly as the API gives them (unknown is "—", never 0), and what each indicator means. Pure, so a
 * unit test reads it without a page. The report is in Vietnamese: it is kept and filed.
 */

export interface ViewRow {
  id: string;
  label: string;
  value: string;
  numerator: string;
  denominator: string;
  target: string;
  /** "Đạt", "Chưa đạt", or "—" without a target or a value. */
  verdict: string;
  met: boolean | null;
  previous: string;
}

export interface DefinitionRow {
  id: string;
  label: string;
  formula: string;
  numerator: string;
  denominator: string;
  target: string;
  points766: string;
}

/** The catalogue's definition; a KPI the client does not know yet is shown by its id as a count. */
const defOf = (id: string, label: string): KpiDef =>
  KPI_BY_ID.get(id) ?? {
    id,
    vi: label,
    en: label,
    unit: 'dossier',
    group: 'dossiers',
    formula: { kind: 'count', of: [] },
    sources: [],
  };

const dayMs = (day: DayKey) => Date.parse(`${day}T12:00:00+07:00`);
/** "06/11/2025 – 12/11/2025", or one date for a period of one day. */
export const rangeWords = (from: DayKey, to: DayKey): string =>
  from === to ? formatDate(dayMs(to)) : `${formatDate(dayMs(from))} – ${formatDate(dayMs(to))}`;

/** "Số liệu tính đến 14:30, 12/11/2025". */
export const asOfWords = (t: number): string => `Số liệu tính đến ${formatDateTime(t)}`;

const targetWords = (def: KpiDef, target: number | null): string =>
  target === null ? NO_VALUE : `${def.lowerIsBetter ? '≤' : '≥'} ${formatKpi(def, target, 'vi', 'full')}`;

/** The numerator and denominator as the formula counts them: dossiers, hours, đồng. */
function terms(def: KpiDef, num: number | null, den: number | null): [string, string] {
  const count = (n: number | null) => (n === null ? NO_VALUE : formatCount(n));
  const f = def.formula;
  if (f.kind === 'count') return [formatKpi(def, num, 'vi', 'full'), NO_VALUE];
  if (f.kind === 'mean')
    return [num === null ? NO_VALUE : `${formatNumber(num * f.scale, 1)} giờ`, count(den)];
  return [count(num), count(den)];
}

export function viewRows(r: PeriodResponse): ViewRow[] {
  return r.kpis.map((k) => {
    const def = defOf(k.id, k.label.vi);
    const [numerator, denominator] = terms(def, k.numerator, k.denominator);
    const met = meetsTarget(def, k.value, k.target ?? undefined);
    return {
      id: k.id,
      label: k.label.vi,
      value: formatKpi(def, k.value, 'vi', 'full'),
      numerator,
      denominator,
      target: targetWords(def, k.target),
      verdict: met === null ? NO_VALUE : met ? 'Đạt' : 'Chưa đạt',
      met,
      previous: formatKpi(def, k.previous.value, 'vi', 'full'),
    };
  });
}

const PROGRAMME_WORDS: Record<string, string> = { nq57: 'NQ 57', da06: 'Đề án 06', province: 'của tỉnh' };
const TASK_STATUS_WORDS: Record<string, string> = {
  doneOnTime: 'hoàn thành đúng hạn',
  doneLate: 'hoàn thành quá hạn',
  inProgress: 'đang thực hiện trong hạn',
  overdue: 'quá hạn',
  recurring: 'thường xuyên',
};
/** The task register's counters in words: "nhiệm vụ (nq57.overdue)" reads "nhiệm vụ NQ 57 quá hạn". */
const taskWords = (text: string) =>
  text.replace(/nhiệm vụ \((\w+)\.(\w+)\)/g, (all, p: string, s: string) =>
    PROGRAMME_WORDS[p] && TASK_STATUS_WORDS[s]
      ? `nhiệm vụ ${PROGRAMME_WORDS[p]} ${TASK_STATUS_WORDS[s]}`
      : all,
  );

export function definitionRows(r: PeriodResponse): DefinitionRow[] {
  return r.kpis.map((k) => {
    const def = defOf(k.id, k.label.vi);
    const t = termWords(def, 'vi');
    return {
      id: k.id,
      label: k.label.vi,
      formula: taskWords(formulaWords(def, 'vi')),
      numerator: taskWords(t.numerator ?? NO_VALUE),
      denominator: t.denominator ?? NO_VALUE,
      target: targetWords(def, k.target),
      points766: def.points766 === undefined ? NO_VALUE : `${formatNumber(def.points766, 0)} điểm`,
    };
  });
}

/** Why some numbers are unknown: the period starts before the data does. */
export function coverageWords(r: PeriodResponse): string | null {
  if (r.coverage === 'full') return null;
  if (r.coverage === 'none' || r.dataFrom === null) return 'Chưa có số liệu cho kỳ này: các chỉ số hiện "—".';
  return `Số liệu có từ ${formatDate(dayMs(r.dataFrom))}: kỳ này chỉ tính từ ngày đó.`;
}
