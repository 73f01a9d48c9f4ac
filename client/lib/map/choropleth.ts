import type { KpiDef, Unit } from '../../../shared/kpis';
import { formatCount, formatKpiParts, formatNumber, formatPercent, type Lang } from '../../../shared/format';
import { t } from '../i18n';

/**
 * How a KPI colours the communes: classes bounded by `breaks` (class i holds breaks[i-1] <= v < breaks[i]),
 * one colour per class. Colours run from bad to good where the KPI has a target, so the eye reads
 * orange-red as "look here" whatever the KPI.
 */
export interface Choropleth {
  breaks: number[];
  colours: string[];
  /** How to word the class bounds in the legend. */
  unit: 'percent' | 'count';
  /** What a count counts ("hồ sơ"), written after every count class so the legend has its unit. */
  countUnit?: Unit;
}

export interface LegendEntry {
  colour: string;
  label: string;
}

/** A commune with no value (no dossier yet, or a zero denominator): neither good nor bad. */
export const NO_DATA_COLOUR = '#2b3547';

/**
 * Bad → good, from ColorBrewer's RdYlBu family ending in teal: tells apart with the common colour-vision
 * deficiencies (red-orange against blue-teal, and by lightness), and stays visible on the dark wall.
 */
const BAD_TO_GOOD = ['#d7301f', '#fc8d59', '#fee08b', '#35b6a6'];
/** For counts that are neither good nor bad (dossiers received): one hue, light = more. */
const SEQUENTIAL = ['#1d4f7a', '#2f78a8', '#5aa5cf', '#a6d3ec'];

/** Points below the target where a percent KPI's classes change: far below, below, just below, met. */
const PERCENT_STEPS = [0.1, 0.05];

/** A round number at or above x (1, 2, 5 × 10^k), so count breaks read well and do not jitter. */
function niceCeil(x: number): number {
  if (x <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  const m = x / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** The q-quantile (0..1) of sorted values, nearest rank. */
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** Class breaks for a percent KPI: fixed around the target, so the colours mean the same every day. */
function percentClasses(def: KpiDef): Choropleth {
  const target = def.target ?? 0.5;
  if (def.lowerIsBetter) {
    const breaks = [target, ...PERCENT_STEPS.toReversed().map((s) => target + s)].map(clampRate);
    // Above the target is bad here: ≤ target (good) … ≥ target + 10 pts (worst).
    return { breaks: nudge(breaks), colours: BAD_TO_GOOD.toReversed(), unit: 'percent' };
  }
  const breaks = [...PERCENT_STEPS.map((s) => target - s), target].map(clampRate);
  return { breaks: nudge(breaks), colours: BAD_TO_GOOD, unit: 'percent' };
}

const clampRate = (r: number) => Math.min(1, Math.max(0, Math.round(r * 1e6) / 1e6));
/** Keeps breaks strictly increasing when clamping squeezed them together (a target near 0 or 1). */
function nudge(breaks: number[]): number[] {
  return breaks.map((b, i) => (i > 0 && b <= (breaks[i - 1] ?? -Infinity) ? (breaks[i - 1] ?? 0) + 1e-6 : b));
}

/**
 * Class breaks for a count KPI. With a target of 0 and lower better (late dossiers): 0 is its own, good
 * class and the rest split in thirds of the communes that have any. Otherwise quartiles. Breaks are
 * rounded up to nice numbers so a new dossier rarely moves them.
 */
function countClasses(def: KpiDef, values: readonly number[]): Choropleth {
  const zeroIsGood = def.lowerIsBetter === true && (def.target ?? 0) === 0;
  const pool = values.filter((v) => Number.isFinite(v) && (!zeroIsGood || v > 0)).sort((a, b) => a - b);
  const qs = zeroIsGood ? [1 / 3, 2 / 3] : [0.25, 0.5, 0.75];
  const breaks: number[] = zeroIsGood ? [1] : [];
  for (const q of qs) {
    const b = niceCeil(quantile(pool, q) + 1);
    if (b > (breaks.at(-1) ?? 0)) breaks.push(b);
  }
  if (zeroIsGood) {
    // Worst class last: fewer breaks (few communes with late dossiers) keep the reddest end.
    const colours = BAD_TO_GOOD.toReversed().slice(0, breaks.length + 1);
    return { breaks, colours, unit: 'count', countUnit: def.unit };
  }
  return { breaks, colours: SEQUENTIAL.slice(0, breaks.length + 1), unit: 'count', countUnit: def.unit };
}

/** The classes and colours for a KPI over the communes' current values. */
export function choroplethFor(def: KpiDef, values: readonly number[] = []): Choropleth {
  return def.unit === 'percent' ? percentClasses(def) : countClasses(def, values);
}

/** The class a value falls in (0-based), or -1 for no value. */
export function classOf(ch: Choropleth, value: number | null): number {
  if (value === null || !Number.isFinite(value)) return -1;
  const i = ch.breaks.findIndex((b) => value < b);
  return i === -1 ? ch.breaks.length : i;
}

/** The colour of a value; NO_DATA_COLOUR when there is none. */
export function colourOf(ch: Choropleth, value: number | null): string {
  const i = classOf(ch, value);
  return i === -1 ? NO_DATA_COLOUR : (ch.colours[i] ?? NO_DATA_COLOUR);
}

/**
 * A class's bounds in words with their unit: percents as everywhere ("< 88,0%", "88,0–93,0%", "≥ 98,0%"),
 * counts with what they count ("0 hồ sơ", "1–4 hồ sơ", "≥ 10 hồ sơ"), money in millions.
 */
function classLabel(ch: Choropleth, i: number, lang: Lang): string {
  const lo = ch.breaks[i - 1];
  const hi = ch.breaks[i];
  if (ch.unit === 'percent') {
    if (lo === undefined) return `< ${formatPercent(hi ?? 0, lang)}`;
    if (hi === undefined) return `≥ ${formatPercent(lo, lang)}`;
    return `${formatPercent(lo, lang).replace('%', '')}–${formatPercent(hi, lang)}`;
  }
  if (ch.countUnit === 'vnd') return moneyLabel(lo, hi, lang);
  // Counts are whole: the class [lo, hi) holds lo … hi − 1.
  const from = lo ?? 0;
  const unit = ch.countUnit ? ` ${formatKpiParts({ unit: ch.countUnit }, 2, lang).unit}` : '';
  if (hi === undefined) return `≥ ${formatCount(from, lang)}${unit}`;
  if (hi - 1 <= from) return `${formatCount(from, lang)}${unit}`;
  return `${formatCount(from, lang)}–${formatCount(hi - 1, lang)}${unit}`;
}

/**
 * Money classes in the wall's money words ("< 5 triệu đồng", "5–10 triệu đồng"), not in đồng with seven
 * zeros: amounts are not whole counts, so the bounds stay as they are ([lo, hi)).
 */
function moneyLabel(lo: number | undefined, hi: number | undefined, lang: Lang): string {
  const unit = lang === 'vi' ? 'triệu đồng' : 'million VND';
  const m = (vnd: number) => formatNumber(vnd / 1e6, 2, lang);
  if (lo === undefined) return `< ${m(hi ?? 0)} ${unit}`;
  if (hi === undefined) return `≥ ${m(lo)} ${unit}`;
  return `${m(lo)}–${m(hi)} ${unit}`;
}

/** The legend in class order (low values first), then "no data". */
export function legendOf(ch: Choropleth, lang: Lang): LegendEntry[] {
  const entries = ch.colours.map((colour, i) => ({ colour, label: classLabel(ch, i, lang) }));
  return [...entries, { colour: NO_DATA_COLOUR, label: t('mapNoData', undefined, lang) }];
}
