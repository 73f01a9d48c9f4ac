import { line, scaleBand, scaleLinear } from 'd3';
import { DAY_MS, VN_OFFSET_MS } from '../../../shared/time';

/**
 * The geometry of the wall's hourly charts (today's bars against yesterday's line), free of the DOM so
 * it can be tested alone. The component only turns the numbers below into SVG elements.
 */

export const HOURS = 24;
/** Room left above the tallest value, so the top bar never touches the frame. */
export const HEADROOM = 0.1;
/** Steps a y axis may use, times a power of ten; only whole ones, so counts never get fractional ticks. */
const STEP_MANTISSAS = [1, 2, 2.5, 5] as const;
/** At most this many steps above zero: 3–4 ticks in all, readable from across the room. */
const MAX_STEPS = 3;

/** The hour of the day (0..23) in Asia/Ho_Chi_Minh of a server instant. */
export function hourOfDay(t: number): number {
  return Math.floor(((((t + VN_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000);
}

/** The largest value shown, plus headroom; never below 1, so an empty day still has an axis. */
export function domainMax(series: readonly (readonly number[])[], headroom = HEADROOM): number {
  let max = 0;
  for (const s of series) for (const v of s) if (Number.isFinite(v) && v > max) max = v;
  return Math.max(1, max * (1 + headroom));
}

/**
 * Round ticks from 0 covering `max`: the smallest whole step of 1, 2, 2.5 or 5 × 10ⁿ that reaches it in
 * at most 3 steps. That gives 3 or 4 ticks (2 only when max ≤ 1); the last tick is the axis top.
 */
export function niceTicks(max: number): number[] {
  const top = Math.max(1, Number.isFinite(max) ? max : 1);
  let step = 1;
  for (let exp = 0; ; exp++) {
    const found = STEP_MANTISSAS.map((m) => m * 10 ** exp)
      .filter(Number.isInteger)
      .find((s) => Math.ceil(top / s) <= MAX_STEPS);
    if (found !== undefined) {
      step = found;
      break;
    }
  }
  const steps = Math.ceil(top / step);
  return Array.from({ length: steps + 1 }, (_, i) => i * step);
}

/** The label under an hour: "0h", "3h", … "21h". */
export const hourLabel = (hour: number): string => `${hour}h`;

export interface ChartBox {
  width: number;
  height: number;
  /** Space kept for the y labels on the left and the x labels below, in the same units. */
  left: number;
  bottom: number;
  /** Space kept above and right of the plot (half a label sticks out of the top tick). */
  top: number;
  right: number;
}

export interface Bar {
  hour: number;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface HourlyGeometry {
  /** The plot area inside the box. */
  plot: { x: number; y: number; width: number; height: number };
  /** Today's bars, up to and including the current hour. */
  bars: Bar[];
  /** Yesterday's curve over the whole day, as an SVG path ("" if the box is empty). */
  yesterdayPath: string;
  ticks: { value: number; y: number }[];
  xLabels: { hour: number; x: number; text: string }[];
}

/**
 * Lays out the chart: a band per hour, a linear y from 0 to the top tick. Bars after `currentHour` are
 * left out (the hour has not come yet); `currentHour` null draws all 24.
 */
export function hourlyGeometry(
  today: readonly number[],
  yesterday: readonly number[],
  box: ChartBox,
  currentHour: number | null,
  labelEvery = 3,
): HourlyGeometry {
  const plot = {
    x: box.left,
    y: box.top,
    width: Math.max(0, box.width - box.left - box.right),
    height: Math.max(0, box.height - box.top - box.bottom),
  };
  const hours = Array.from({ length: HOURS }, (_, h) => h);
  const x = scaleBand<number>()
    .domain(hours)
    .range([plot.x, plot.x + plot.width])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const ticks = niceTicks(domainMax([today, yesterday]));
  const y = scaleLinear()
    .domain([0, ticks[ticks.length - 1] ?? 1])
    .range([plot.y + plot.height, plot.y]);
  const bottom = plot.y + plot.height;
  const bw = x.bandwidth();
  const center = (h: number) => (x(h) ?? 0) + bw / 2;

  const bars: Bar[] = [];
  for (const h of hours) {
    if (currentHour !== null && h > currentHour) break;
    const value = Math.max(0, today[h] ?? 0);
    const top = y(value);
    bars.push({ hour: h, value, x: x(h) ?? 0, y: top, width: bw, height: Math.max(0, bottom - top) });
  }
  const path =
    plot.width > 0 && plot.height > 0
      ? (line<number>()
          .x((_, i) => center(i))
          .y((v) => y(Math.max(0, v)))(hours.map((h) => yesterday[h] ?? 0)) ?? '')
      : '';

  return {
    plot,
    bars,
    yesterdayPath: path,
    ticks: ticks.map((value) => ({ value, y: y(value) })),
    xLabels: hours
      .filter((h) => h % labelEvery === 0)
      .map((h) => ({ hour: h, x: center(h), text: hourLabel(h) })),
  };
}
