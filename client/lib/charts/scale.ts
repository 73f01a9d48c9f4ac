import { DAY_MS, VN_OFFSET_MS } from '../../../shared/time';

/**
 * What every chart's axes share, on the wall and the tablet: round ticks from zero with room above the
 * tallest value, the box a plot is laid out in, and the hours of the province's day.
 */

export const HOURS = 24;
/** Room left above the tallest value, so the top bar never touches the frame. */
const HEADROOM = 0.1;
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
