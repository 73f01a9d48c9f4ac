import { line, scaleBand, scaleLinear } from 'd3';
import type { SeriesPoint, SeriesResponse } from '../../../shared/drill';
import type { Lang } from '../../../shared/format';
import { domainMax, niceTicks, type ChartBox } from './scale';

/**
 * The geometry of a period's curve (tablet, and the wall under a unit or period): this period's values as bars (or a line when there are too many
 * steps for bars to read) against the period before as a dashed line, step for step. Free of the DOM,
 * like the wall's hourly chart, whose scales and ticks (client/lib/charts/scale.ts) it shares.
 */

/** More steps than this (a year of days) draw as a line: bars would be thinner than a pixel on a phone. */
export const MAX_BARS = 62;

interface CurveBar {
  index: number;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface CurveGeometry {
  plot: { x: number; y: number; width: number; height: number };
  bars: CurveBar[];
  /** This period as a line, when there are more steps than MAX_BARS; "" otherwise. */
  currentPath: string;
  previousPath: string;
  ticks: { value: number; y: number }[];
  xLabels: { index: number; x: number; text: string }[];
}

/** The label under a step: "8h" for an hour ("08"), "20/11" for a day ("2026-11-20"). */
export function stepLabel(label: string, _lang: Lang = 'vi'): string {
  const day = /^\d{4}-(\d{2})-(\d{2})$/.exec(label);
  if (day) return `${day[2]}/${day[1]}`;
  const hour = Number(label);
  return Number.isInteger(hour) ? `${hour}h` : label;
}

/** Every n-th step is labelled, so at most `most` labels fit under the chart. */
export const labelEvery = (steps: number, most: number): number =>
  Math.max(1, Math.ceil(steps / Math.max(1, most)));

/**
 * Lays out `steps` slots: `current` fills the first of them (a day not yet over stops at its hour),
 * `previous` is drawn over all it has. `labels` names the steps (from the current points, else the
 * previous ones).
 */
export function curveGeometry(
  current: readonly (number | null)[],
  previous: readonly (number | null)[],
  labels: readonly string[],
  box: ChartBox,
  maxLabels: number,
): CurveGeometry {
  const steps = Math.max(current.length, previous.length, labels.length, 1);
  const plot = {
    x: box.left,
    y: box.top,
    width: Math.max(0, box.width - box.left - box.right),
    height: Math.max(0, box.height - box.top - box.bottom),
  };
  const idx = Array.from({ length: steps }, (_, i) => i);
  const x = scaleBand<number>()
    .domain(idx)
    .range([plot.x, plot.x + plot.width])
    .paddingInner(steps > 40 ? 0.1 : 0.2)
    .paddingOuter(0.1);
  const known = (values: readonly (number | null)[]) => values.filter((v): v is number => v !== null);
  const ticks = niceTicks(domainMax([known(current), known(previous)]));
  const y = scaleLinear()
    .domain([0, ticks.at(-1) ?? 1])
    .range([plot.y + plot.height, plot.y]);
  const bottom = plot.y + plot.height;
  const bw = x.bandwidth();
  const center = (i: number) => (x(i) ?? 0) + bw / 2;
  const drawable = plot.width > 0 && plot.height > 0;
  // A step before the first day of data has no value: the line breaks there instead of reading 0.
  const path = (values: readonly (number | null)[]) =>
    drawable && values.length > 0
      ? (line<number | null>()
          .defined((v) => v !== null && Number.isFinite(v))
          .x((_, i) => center(i))
          .y((v) => y(Math.max(0, v ?? 0)))(values) ?? '')
      : '';
  const asBars = steps <= MAX_BARS;
  const bars: CurveBar[] = asBars
    ? current.flatMap((raw, index) => {
        if (raw === null) return [];
        const value = Math.max(0, Number.isFinite(raw) ? raw : 0);
        const top = y(value);
        return [{ index, value, x: x(index) ?? 0, y: top, width: bw, height: bottom - top }];
      })
    : [];
  const every = labelEvery(steps, maxLabels);
  return {
    plot,
    bars,
    currentPath: asBars ? '' : path(current),
    previousPath: path(previous),
    ticks: ticks.map((value) => ({ value, y: y(value) })),
    xLabels: idx
      .filter((i) => i % every === 0 && labels[i] !== undefined)
      .map((i) => ({ index: i, x: center(i), text: stepLabel(labels[i] ?? '') })),
  };
}

/** The values of one measure of a series' points (null: before the first day of data). */
export const valuesOf = (
  points: readonly SeriesPoint[],
  key: 'received' | 'resolved' | 'payments',
): (number | null)[] => points.map((p) => p[key]);

/** Sum of a measure over the points that have a value; null when none has. */
export function totalOf(points: readonly SeriesPoint[], key: 'received' | 'resolved'): number | null {
  const known = points.map((p) => p[key]).filter((v): v is number => v !== null && Number.isFinite(v));
  return known.length ? known.reduce((a, v) => a + v, 0) : null;
}

/**
 * The points of "today" that have happened: hours after the server's current hour are not drawn (they
 * would read as zero dossiers rather than "not yet").
 */
export function pointsSoFar(points: readonly SeriesPoint[], currentHour: number | null): SeriesPoint[] {
  if (currentHour === null) return [...points];
  return points.filter((p) => {
    const h = Number(p.label);
    return !Number.isInteger(h) || h <= currentHour;
  });
}

/**
 * The steps of an answer as drawn: 24 hours for one day (today's stop at the server's current hour),
 * every day otherwise; the previous period is drawn whole.
 */
export function seriesSteps(
  answer: SeriesResponse,
  hourOf: (serverTime: number) => number,
): { hourly: boolean; points: SeriesPoint[]; labels: string[] } {
  const hourly = answer.granularity === 'hour';
  return {
    hourly,
    points:
      hourly && answer.period === 'today'
        ? pointsSoFar(answer.points, hourOf(answer.serverTime))
        : [...answer.points],
    labels: hourly
      ? Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'))
      : answer.points.map((p) => p.label),
  };
}
