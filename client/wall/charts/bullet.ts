import { scaleLinear } from 'd3';

/**
 * The geometry of a horizontal bullet bar: one rate against its target, over a "bad" zone below the
 * target and a "good" zone from it. Positions are fractions (0..1) of the track's width, so the widget
 * lays them out with CSS percentages and its text keeps its vh size on any screen.
 */

interface BulletZone {
  kind: 'bad' | 'good';
  start: number;
  width: number;
}

interface BulletGeometry {
  /** The rates at the track's two ends. */
  domain: [number, number];
  zones: BulletZone[];
  /** The bar's length, or null when there is no value (nothing is drawn, never an empty bar as 0%). */
  bar: number | null;
  target: number;
  ticks: { value: number; at: number }[];
  /** Whether the value met the target; null without a value. */
  met: boolean | null;
}

/**
 * Where the track starts. On-time rates live between 90% and 100%: a track from 0 would draw 95% and
 * 99% as the same full bar. So the track starts at the round step below both value and target (with a
 * margin), and the ticks print that start so no one reads the bar as starting at zero.
 */
export function bulletStart(value: number | null, target: number, step = 0.1, margin = 0.05): number {
  const low = Math.min(value ?? target, target) - margin;
  return Math.max(0, Math.floor(low / step + 1e-9) * step);
}

/** Tick steps tried in turn; the first that lands on the track's start and gives at most 5 steps wins. */
const TICK_STEPS = [0.05, 0.1, 0.2, 0.25, 0.5] as const;
const MAX_TICK_STEPS = 5;

/** Ticks from the track's start to 100%, few enough for labels 1.7vh tall; at worst the two ends. */
export function bulletTicks(from: number): number[] {
  const span = 1 - from;
  const onGrid = (step: number) => Math.abs(from / step - Math.round(from / step)) < 1e-6;
  const step = TICK_STEPS.find((s) => onGrid(s) && Math.round(span / s) <= MAX_TICK_STEPS) ?? span;
  const n = Math.max(1, Math.round(span / step));
  return Array.from({ length: n + 1 }, (_, i) => Math.round((from + i * step) * 1e6) / 1e6);
}

/** Lays out the bullet over [from, 1]. */
export function bulletGeometry(
  value: number | null,
  target: number,
  from = bulletStart(value, target),
): BulletGeometry {
  const x = scaleLinear().domain([from, 1]).range([0, 1]).clamp(true);
  const t = x(target);
  const ticks = bulletTicks(from).map((value) => ({ value, at: x(value) }));
  return {
    domain: [from, 1],
    zones: [
      { kind: 'bad', start: 0, width: t },
      { kind: 'good', start: t, width: 1 - t },
    ],
    bar: value === null || !Number.isFinite(value) ? null : x(value),
    target: t,
    ticks,
    met: value === null || !Number.isFinite(value) ? null : value >= target,
  };
}
