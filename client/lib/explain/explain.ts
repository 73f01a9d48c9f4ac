import { meetsTarget, points766, type KpiValue } from '../../../shared/evaluate';
import {
  formatAge,
  formatCount,
  formatDateTime,
  formatKpi,
  formatNumber,
  type Lang,
} from '../../../shared/format';
import { formulaWords, isShare } from '../../../shared/kpi-formula';
import { FRESHNESS_BUDGET_MS, type KpiDef } from '../../../shared/kpis';
import type { Source } from '../../../shared/vocabulary';

/**
 * What a number on a screen rests on, in words: the panel "Vì sao có con số này" (why this number) and
 * the rule that no verdict is shown without a value. Pure, so the wall, the tablet and the presenter
 * explain alike and tests read it without a page.
 */

const WORDS = {
  vi: {
    title: 'Vì sao có con số này',
    formula: 'Công thức',
    numerator: 'Tử số',
    denominator: 'Mẫu số',
    value: 'Giá trị',
    scope: 'Phạm vi',
    period: 'Kỳ số liệu',
    target: 'Mục tiêu',
    points: 'Điểm QĐ 766',
    asOf: 'Số liệu tính đến',
    sources: 'Nguồn',
    never: 'chưa có tín hiệu',
    live: 'đang cập nhật',
    late: 'chậm',
    silent: 'im lặng',
    ago: 'trước',
    dossiers: 'hồ sơ',
    noTarget: 'không đặt mục tiêu',
    of: 'trên',
    max: 'tối đa',
    close: 'Đóng',
  },
  en: {
    title: 'Why this number',
    formula: 'Formula',
    numerator: 'Numerator',
    denominator: 'Denominator',
    value: 'Value',
    scope: 'Scope',
    period: 'Period',
    target: 'Target',
    points: 'Decision 766 points',
    asOf: 'Data as of',
    sources: 'Sources',
    never: 'never heard from',
    live: 'live',
    late: 'late',
    silent: 'silent',
    ago: 'ago',
    dossiers: 'dossiers',
    noTarget: 'no target set',
    of: 'of',
    max: 'max',
    close: 'Close',
  },
} as const;
export const explainWords = (lang: Lang) => WORDS[lang];

const SOURCE_NAMES: Record<Source, { vi: string; en: string }> = {
  one_stop: { vi: 'Hệ thống một cửa', en: 'One-stop system' },
  payments: { vi: 'Thanh toán trực tuyến', en: 'Online payments' },
  tasks: { vi: 'Theo dõi nhiệm vụ', en: 'Task tracker' },
};

/**
 * The value a screen may show: null (a "—") until every source the KPI is made of has spoken. A count
 * of 0 from a system that never said a word is not a zero, and must never earn a "✓ Đạt".
 */
export function shownValue(
  def: Pick<KpiDef, 'sources'>,
  reading: KpiValue | null,
  sources: Partial<Record<Source, number | null>>,
): number | null {
  if (reading === null || reading.value === null) return null;
  return def.sources.every((s) => sources[s] != null) ? reading.value : null;
}

/** The verdict against the target, only for a known value whose sources are not silent. */
export function verdictOf(def: KpiDef, value: number | null, silent: boolean): boolean | null {
  if (value === null || silent) return null;
  return meetsTarget(def, value);
}

/** "1.348/1.364 hồ sơ" for a share with a denominator; null otherwise. */
export function shareText(def: KpiDef, reading: KpiValue | null, lang: Lang): string | null {
  if (!isShare(def) || reading === null || reading.den === null || reading.den === 0) return null;
  return `${formatCount(reading.num, lang)}/${formatCount(reading.den, lang)} ${WORDS[lang].dossiers}`;
}

export interface Explanation {
  title: string;
  kpi: string;
  rows: { key: string; label: string; text: string }[];
}

/**
 * Which number a screen shows, when it is not the province's of today (the tablet's period values, the
 * presenter's focus): the place and the stretch of days, and the target that place is held to.
 */
export interface ExplainContext {
  /** "Xã Phú Cát", "Toàn thành phố". */
  scope?: string;
  /** "7 ngày qua: 01/12/2026 – 07/12/2026". */
  period?: string;
  /** The target the screen judged the number by, when the server gave its own. */
  target?: number;
}

/** Everything the why-panel says of one KPI, as label/text rows (each row has a stable key for tests). */
export function explainKpi(
  def: KpiDef,
  reading: KpiValue | null,
  sources: Partial<Record<Source, number | null>>,
  now: number,
  lang: Lang,
  context: ExplainContext = {},
): Explanation {
  const w = WORDS[lang];
  const value = shownValue(def, reading, sources);
  const rows: Explanation['rows'] = [{ key: 'value', label: w.value, text: formatKpi(def, value, lang) }];
  if (context.scope) rows.push({ key: 'scope', label: w.scope, text: context.scope });
  if (context.period) rows.push({ key: 'period', label: w.period, text: context.period });
  rows.push({ key: 'formula', label: w.formula, text: formulaWords(def, lang) });
  if (reading !== null && value !== null && def.formula.kind !== 'count') {
    rows.push({ key: 'numerator', label: w.numerator, text: formatNumber(reading.num, 2, lang) });
    rows.push({
      key: 'denominator',
      label: w.denominator,
      text: reading.den === null ? '—' : formatNumber(reading.den, 2, lang),
    });
  }
  const goal = context.target ?? def.target;
  const target =
    goal === undefined ? w.noTarget : `${def.lowerIsBetter ? '≤' : '≥'} ${formatKpi(def, goal, lang)}`;
  rows.push({ key: 'target', label: w.target, text: target });
  if (def.points766 !== undefined) {
    const got = points766(def, value, goal);
    rows.push({
      key: 'points766',
      label: w.points,
      text: `${got === null ? '—' : formatNumber(got, 1, lang)} / ${formatNumber(def.points766, 0, lang)}`,
    });
  }
  rows.push({
    key: 'asOf',
    label: w.asOf,
    text: reading?.asOf == null ? '—' : formatDateTime(reading.asOf, lang),
  });
  const fresh = def.sources.map((s) => {
    const heard = sources[s];
    const name = SOURCE_NAMES[s][lang];
    if (heard == null) return `${name}: ${w.never}`;
    const age = now - heard;
    const budget = FRESHNESS_BUDGET_MS[s];
    const state = age > budget.red ? w.silent : age > budget.amber ? w.late : w.live;
    return `${name}: ${state} · ${formatAge(age, lang)}`;
  });
  rows.push({ key: 'sources', label: w.sources, text: fresh.join('; ') });
  return { title: w.title, kpi: lang === 'vi' ? def.vi : def.en, rows };
}
