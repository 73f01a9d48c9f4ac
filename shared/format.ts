import type { KpiDef, Unit } from './kpis';
import { VN_OFFSET_MS } from './time';

/**
 * The one place numbers, money, percents, dates and ages become words (KPIS.md "Words on the screen").
 * Vietnamese first; English when asked. Dates and times are always Asia/Ho_Chi_Minh (fixed UTC+7),
 * whatever zone the host or the screen is set to, so nothing here reads the machine's zone.
 * Separators are plain spaces, as written in KPIS.md; the screen keeps them on one line with CSS.
 */

export type Lang = 'vi' | 'en';

/** Shown for a value that does not exist (a zero denominator): never 0% and never 100%. */
export const NO_VALUE = '—';

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-US' };

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A cached Intl.NumberFormat with a fixed number of fraction digits (0..digits). */
function nf(lang: Lang, maxDigits: number, minDigits = 0): Intl.NumberFormat {
  const key = `${lang}|${maxDigits}|${minDigits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], {
      maximumFractionDigits: maxDigits,
      minimumFractionDigits: minDigits,
      useGrouping: true,
    });
    numberFormats.set(key, f);
  }
  return f;
}

/** A whole count with grouping: 1243294 → "1.243.294" (vi), "1,243,294" (en). */
export function formatCount(n: number, lang: Lang = 'vi'): string {
  return nf(lang, 0).format(n);
}

/** A plain number with up to `digits` decimals: 4.5 → "4,5". */
export function formatNumber(n: number, digits: number, lang: Lang = 'vi'): string {
  return nf(lang, digits).format(n);
}

/**
 * The one precision of every percent on every screen (wall, tablet, map, alerts): one decimal, always
 * written, so "98,9%" and "75,6%" stand side by side and a column of rates lines up.
 */
export const PERCENT_DIGITS = 1;

/**
 * A rate 0..1 as a percent with exactly one decimal: 0.9973 → "99,7%", 0.5 → "50,0%". null → "—".
 * A rate that is not exactly 1 never shows as 100%, nor one above 0 as 0%: rounding must not turn a
 * missed 100% target into an apparent success.
 */
export function formatPercent(rate: number | null, lang: Lang = 'vi'): string {
  if (rate === null || !Number.isFinite(rate)) return NO_VALUE;
  const step = 10 ** -PERCENT_DIGITS;
  let pct = rate * 100;
  const rounded = Math.round(pct / step) * step;
  if (rounded >= 100 && rate < 1) pct = 100 - step;
  else if (rounded <= 0 && rate > 0) pct = step;
  else pct = rounded;
  return `${nf(lang, PERCENT_DIGITS, PERCENT_DIGITS).format(pct)}%`;
}

/** A round percent for an axis tick: 0.9 → "90%". Ticks are scale marks, not readings. */
export function formatPercentTick(rate: number, lang: Lang = 'vi'): string {
  return `${nf(lang, 0).format(rate * 100)}%`;
}

/** An amount of đồng in full: 567000 → "567.000 ₫" (vi), "567,000 VND" (en). */
export function formatVnd(vnd: number, lang: Lang = 'vi'): string {
  return lang === 'vi' ? `${formatCount(vnd, lang)} ₫` : `${formatCount(vnd, lang)} VND`;
}

const BILLION = 1e9;
const MILLION = 1e6;
const LARGE_UNITS: Record<Lang, { billion: string; million: string }> = {
  vi: { billion: 'tỷ đồng', million: 'triệu đồng' },
  en: { billion: 'billion VND', million: 'million VND' },
};

/** Up to 3 significant digits, but never fewer than the whole part: 1.234 → 1,23; 12.34 → 12,3; 850 → 850. */
const digitsFor = (v: number) => (v >= 100 ? 0 : v >= 10 ? 1 : 2);
const roundTo = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * A large amount split into a number and its word unit: 1.7e12 → ["1.700", "tỷ đồng"]. Below a million
 * it still reads in millions ("0,57 triệu đồng", "0 triệu đồng"), so one screen never mixes "₫" and "đồng".
 */
function vndLargeParts(vnd: number, lang: Lang = 'vi'): { number: string; unit: string } {
  const abs = Math.abs(vnd);
  const units = LARGE_UNITS[lang];
  const inMillions = abs / MILLION;
  // Choose the unit after rounding, so 999.96 million reads "1 tỷ đồng", not "1.000 triệu đồng".
  if (abs >= BILLION || roundTo(inMillions, digitsFor(inMillions)) >= 1000) {
    const v = vnd / BILLION;
    return { number: formatNumber(v, digitsFor(Math.abs(v)), lang), unit: units.billion };
  }
  const v = vnd / MILLION;
  // A small fee must not read as 0: anything collected shows at least "< 0,01".
  const number =
    abs > 0 && abs < 0.005 * MILLION
      ? `< ${formatNumber(0.01, 2, lang)}`
      : formatNumber(v, digitsFor(Math.abs(v)), lang);
  return { number, unit: units.million };
}

/**
 * Money in words, the wall's style: 1.7e12 → "1.700 tỷ đồng", 850e6 → "850 triệu đồng", 567000 →
 * "0,57 triệu đồng". Never ICU's compact forms ("1,7 NT"), which readers do not know. The tablet, with
 * room for every digit, writes money in full with formatVnd ("567.000 ₫").
 */
export function formatVndLarge(vnd: number, lang: Lang = 'vi'): string {
  const p = vndLargeParts(vnd, lang);
  return `${p.number} ${p.unit}`;
}

/** How money reads: in tỷ/triệu đồng on the wall, in full "… ₫" on the tablet. */
export type MoneyStyle = 'words' | 'full';

const pad2 = (n: number) => String(n).padStart(2, '0');
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The wall-clock fields of an instant in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving). */
function vnFields(t: number) {
  const d = new Date(t + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** The date in Asia/Ho_Chi_Minh: "12/11/2025" (vi), "12 Nov 2025" (en). */
export function formatDate(t: number, lang: Lang = 'vi'): string {
  const f = vnFields(t);
  if (lang === 'en') return `${f.day} ${EN_MONTHS[f.month - 1]} ${f.year}`;
  return `${pad2(f.day)}/${pad2(f.month)}/${f.year}`;
}

/** The time of day in Asia/Ho_Chi_Minh, 24-hour in both languages: "14:30", or "14:30:05" with seconds. */
export function formatTime(t: number, _lang: Lang = 'vi', opts: { seconds?: boolean } = {}): string {
  const f = vnFields(t);
  const hm = `${pad2(f.hour)}:${pad2(f.minute)}`;
  return opts.seconds ? `${hm}:${pad2(f.second)}` : hm;
}

const WEEKDAYS: Record<Lang, readonly string[]> = {
  vi: ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** The day of the week in Asia/Ho_Chi_Minh: "Thứ Tư" (vi), "Wednesday" (en). */
export function formatWeekday(t: number, lang: Lang = 'vi'): string {
  return WEEKDAYS[lang][new Date(t + VN_OFFSET_MS).getUTCDay()] ?? '';
}

/** Time then date, Asia/Ho_Chi_Minh: "14:30, 12/11/2025". */
export function formatDateTime(t: number, lang: Lang = 'vi'): string {
  return `${formatTime(t)}, ${formatDate(t, lang)}`;
}

/** Younger than this reads "vừa xong": a live number is always a few seconds old. */
const JUST_NOW_MS = 10_000;
const AGE_STEPS = [
  { ms: 86_400_000, vi: 'ngày', en: 'day' },
  { ms: 3_600_000, vi: 'giờ', en: 'hour' },
  { ms: 60_000, vi: 'phút', en: 'minute' },
  { ms: 1_000, vi: 'giây', en: 'second' },
] as const;

/**
 * How long ago, in words: "vừa xong", "12 giây trước", "3 phút trước", "2 giờ trước", "4 ngày trước"
 * (en: "just now", "12 seconds ago", "1 minute ago"). A small negative age (clock skew) is "vừa xong".
 */
export function formatAge(ms: number, lang: Lang = 'vi'): string {
  if (!Number.isFinite(ms)) return NO_VALUE;
  if (ms < JUST_NOW_MS) return lang === 'vi' ? 'vừa xong' : 'just now';
  for (const step of AGE_STEPS) {
    if (ms >= step.ms) {
      const n = Math.floor(ms / step.ms);
      return lang === 'vi' ? `${n} ${step.vi} trước` : `${n} ${step.en}${n === 1 ? '' : 's'} ago`;
    }
  }
  return lang === 'vi' ? 'vừa xong' : 'just now';
}

const COUNT_UNITS: Record<
  Exclude<Unit, 'percent' | 'vnd' | 'hour'>,
  Record<Lang, [one: string, many: string]>
> = {
  dossier: { vi: ['hồ sơ', 'hồ sơ'], en: ['dossier', 'dossiers'] },
  transaction: { vi: ['giao dịch', 'giao dịch'], en: ['transaction', 'transactions'] },
  task: { vi: ['nhiệm vụ', 'nhiệm vụ'], en: ['task', 'tasks'] },
};

/** A KPI value as a number and its unit word, for screens that size them apart. null → "—" and no unit. */
export function formatKpiParts(
  def: Pick<KpiDef, 'unit'>,
  value: number | null,
  lang: Lang = 'vi',
  money: MoneyStyle = 'words',
) {
  if (value === null || !Number.isFinite(value)) return { number: NO_VALUE, unit: '' };
  switch (def.unit) {
    case 'percent':
      return { number: formatPercent(value, lang), unit: '' };
    case 'vnd':
      return money === 'full'
        ? { number: formatCount(value, lang), unit: lang === 'vi' ? '₫' : 'VND' }
        : vndLargeParts(value, lang);
    case 'hour':
      return {
        number: formatNumber(value, 1, lang),
        unit: lang === 'vi' ? 'giờ' : value === 1 ? 'hour' : 'hours',
      };
    default: {
      const [one, many] = COUNT_UNITS[def.unit][lang];
      return { number: formatCount(value, lang), unit: value === 1 ? one : many };
    }
  }
}

/**
 * A KPI value in words, chosen by its unit: "99,7%", "850 triệu đồng" (or "850.000.000 ₫" with money
 * 'full'), "4,5 giờ", "1.243.294 hồ sơ".
 * null (no value, e.g. a zero denominator) → "—".
 */
export function formatKpi(
  def: Pick<KpiDef, 'unit'>,
  value: number | null,
  lang: Lang = 'vi',
  money: MoneyStyle = 'words',
): string {
  const p = formatKpiParts(def, value, lang, money);
  return p.unit ? `${p.number} ${p.unit}` : p.number;
}

/** A KPI against a reference (the same time yesterday): which way it moved, and by how much in words. */
export interface Change {
  direction: 'up' | 'down' | 'flat';
  text: string;
}

/**
 * Percents change by points ("▲ 1,2 điểm %"): a relative change of a rate misleads. Other KPIs change
 * relative to the reference ("▲ 12,5%"); against a reference of 0 there is no ratio to state, so null.
 */
export function formatChange(
  def: Pick<KpiDef, 'unit'>,
  value: number | null,
  ref: number | null,
  lang: Lang = 'vi',
): Change | null {
  if (value === null || ref === null || !Number.isFinite(value) || !Number.isFinite(ref)) return null;
  const points = def.unit === 'percent';
  if (!points && ref === 0) return null;
  const delta = points ? (value - ref) * 100 : ((value - ref) / ref) * 100;
  const shown = Math.round(Math.abs(delta) * 10) / 10;
  if (shown === 0) return { direction: 'flat', text: lang === 'vi' ? '= không đổi' : '= unchanged' };
  const arrow = delta > 0 ? '▲' : '▼';
  const unit = points ? (lang === 'vi' ? ' điểm %' : ' pts') : '%';
  return { direction: delta > 0 ? 'up' : 'down', text: `${arrow} ${formatNumber(shown, 1, lang)}${unit}` };
}
