import { area, line, scaleBand, scaleLinear } from 'd3';
import { domainMax, HOURS, hourLabel, niceTicks, type ChartBox } from '../../lib/charts/scale';
import type { Bar } from './hourly';

/**
 * The geometry of the online payments chart, in two panels over one hour axis, because two money
 * scales on one plot do not read across a room:
 * - above, transactions per hour today as bars (left axis), the comparison day's count as a faint line, and the
 *   amount collected per hour as a line on its own axis (right);
 * - below, the running total of today's amount, which is what a director asks ("how much so far?").
 */

/** The share of the plot height given to the hourly panel; the running total gets the rest. */
export const UPPER_SHARE = 0.62;

/** The word unit money axes are labelled in, chosen from the largest amount drawn. */
interface MoneyUnit {
  /** VND per unit. */
  scale: number;
  vi: string;
  en: string;
}
const MILLION: MoneyUnit = { scale: 1e6, vi: 'triệu đồng', en: 'million VND' };
const BILLION: MoneyUnit = { scale: 1e9, vi: 'tỷ đồng', en: 'billion VND' };

/**
 * Millions until the axis would need ticks past 2,000 million; then billions. Axis ticks are whole
 * numbers of the unit, so a day under 2 billion stays in millions ("500 · 1.000 · 1.500").
 */
export function moneyUnit(maxVnd: number): MoneyUnit {
  return maxVnd >= 2e9 ? BILLION : MILLION;
}

/** The running total of a series: [1, 2, 3] → [1, 3, 6]. Non-finite or negative values add nothing. */
export function cumulative(series: readonly number[]): number[] {
  let sum = 0;
  return series.map((v) => (sum += Number.isFinite(v) && v > 0 ? v : 0));
}

export interface PaymentsInput {
  /** 24 hourly values each: today's transactions, today's amount (VND), the comparison day's transactions (the day the tiles compare with). */
  count: readonly number[];
  amountVnd: readonly number[];
  basisCount: readonly number[];
}

export interface Tick {
  value: number;
  y: number;
}
export interface Point {
  hour: number;
  value: number;
  x: number;
  y: number;
}
type Rect = { x: number; y: number; width: number; height: number };

interface PaymentsGeometry {
  upper: Rect;
  lower: Rect;
  bars: Bar[];
  /** Yesterday's count over the whole day. */
  basisPath: string;
  /** Today's amount per hour, up to the current hour, in VND; its ticks are in `unit`s. */
  amountPath: string;
  amountPoints: Point[];
  /** Today's running total in VND, as a line and the area under it. */
  totalPath: string;
  totalArea: string;
  totalPoints: Point[];
  countTicks: Tick[];
  amountTicks: Tick[];
  totalTicks: Tick[];
  amountUnit: MoneyUnit;
  totalUnit: MoneyUnit;
  xLabels: { hour: number; x: number; text: string }[];
}

/** Ticks of a money axis: round numbers of its unit, laid on a y scale in VND. */
function moneyTicks(maxVnd: number, unit: MoneyUnit) {
  const ticks = niceTicks(domainMax([[maxVnd / unit.scale]]));
  return { ticks, top: (ticks[ticks.length - 1] ?? 1) * unit.scale };
}

/**
 * Lays out both panels inside `box` (its left/right margins hold the count and amount axes, `bottom`
 * the hour labels). `gap` separates the panels. Hours after `currentHour` are not drawn for today.
 */
export function paymentsGeometry(
  input: PaymentsInput,
  box: ChartBox,
  currentHour: number | null,
  gap = 0,
  labelEvery = 3,
): PaymentsGeometry {
  const width = Math.max(0, box.width - box.left - box.right);
  const height = Math.max(0, box.height - box.top - box.bottom - gap);
  const upper = { x: box.left, y: box.top, width, height: height * UPPER_SHARE };
  const lower = { x: box.left, y: box.top + upper.height + gap, width, height: height - upper.height };
  const hours = Array.from({ length: HOURS }, (_, h) => h);
  const drawn = hours.filter((h) => currentHour === null || h <= currentHour);
  const at = (s: readonly number[], h: number) => Math.max(0, Number.isFinite(s[h]) ? s[h]! : 0);

  const x = scaleBand<number>()
    .domain(hours)
    .range([lower.x, lower.x + width])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const bw = x.bandwidth();
  const center = (h: number) => (x(h) ?? 0) + bw / 2;

  const countTicks = niceTicks(domainMax([input.count.slice(0, drawn.length), input.basisCount]));
  const yCount = scaleLinear()
    .domain([0, countTicks[countTicks.length - 1] ?? 1])
    .range([upper.y + upper.height, upper.y]);
  const amounts = drawn.map((h) => at(input.amountVnd, h));
  const amountUnit = moneyUnit(Math.max(0, ...amounts));
  const amount = moneyTicks(Math.max(0, ...amounts), amountUnit);
  const yAmount = scaleLinear()
    .domain([0, amount.top])
    .range([upper.y + upper.height, upper.y]);
  const totals = cumulative(amounts);
  const last = totals[totals.length - 1] ?? 0;
  const totalUnit = moneyUnit(last);
  const total = moneyTicks(last, totalUnit);
  const yTotal = scaleLinear()
    .domain([0, total.top])
    .range([lower.y + lower.height, lower.y]);

  const drawable = width > 0 && upper.height > 0 && lower.height > 0;
  const path = (pts: readonly Point[]) =>
    drawable && pts.length > 0
      ? (line<Point>()
          .x((p) => p.x)
          .y((p) => p.y)(pts) ?? '')
      : '';
  const base = upper.y + upper.height;
  const amountPoints = drawn.map((h, i) => ({
    hour: h,
    value: amounts[i]!,
    x: center(h),
    y: yAmount(amounts[i]!),
  }));
  const totalPoints = drawn.map((h, i) => ({
    hour: h,
    value: totals[i]!,
    x: center(h),
    y: yTotal(totals[i]!),
  }));
  const basisPoints = hours.map((h) => ({
    hour: h,
    value: at(input.basisCount, h),
    x: center(h),
    y: yCount(at(input.basisCount, h)),
  }));

  return {
    upper,
    lower,
    bars: drawn.map((h) => {
      const value = at(input.count, h);
      const top = yCount(value);
      return { hour: h, value, x: x(h) ?? 0, y: top, width: bw, height: Math.max(0, base - top) };
    }),
    basisPath: path(basisPoints),
    amountPath: path(amountPoints),
    amountPoints,
    totalPath: path(totalPoints),
    totalArea:
      drawable && totalPoints.length > 0
        ? (area<Point>()
            .x((p) => p.x)
            .y0(lower.y + lower.height)
            .y1((p) => p.y)(totalPoints) ?? '')
        : '',
    totalPoints,
    countTicks: countTicks.map((value) => ({ value, y: yCount(value) })),
    amountTicks: amount.ticks.map((value) => ({ value, y: yAmount(value * amountUnit.scale) })),
    totalTicks: total.ticks.map((value) => ({ value, y: yTotal(value * totalUnit.scale) })),
    amountUnit,
    totalUnit,
    xLabels: hours
      .filter((h) => h % labelEvery === 0)
      .map((h) => ({ hour: h, x: center(h), text: hourLabel(h) })),
  };
}
