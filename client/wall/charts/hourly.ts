import { line, scaleBand, scaleLinear } from 'd3';
import { domainMax, HOURS, hourLabel, niceTicks, type ChartBox } from '../../lib/charts/scale';

/**
 * The geometry of the wall's hourly charts (today's bars against the comparison day's line), free of the DOM so
 * it can be tested alone. The component only turns the numbers below into SVG elements.
 */

export interface Bar {
  hour: number;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface HourlyGeometry {
  /** The plot area inside the box. */
  plot: { x: number; y: number; width: number; height: number };
  /** Today's bars, up to and including the current hour. */
  bars: Bar[];
  /** The comparison day's curve over the whole day, as an SVG path ("" if the box is empty). */
  basisPath: string;
  ticks: { value: number; y: number }[];
  xLabels: { hour: number; x: number; text: string }[];
}

/**
 * Lays out the chart: a band per hour, a linear y from 0 to the top tick. Bars after `currentHour` are
 * left out (the hour has not come yet); `currentHour` null draws all 24.
 */
export function hourlyGeometry(
  today: readonly number[],
  basis: readonly number[],
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
  const ticks = niceTicks(domainMax([today, basis]));
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
          .y((v) => y(Math.max(0, v)))(hours.map((h) => basis[h] ?? 0)) ?? '')
      : '';

  return {
    plot,
    bars,
    basisPath: path,
    ticks: ticks.map((value) => ({ value, y: y(value) })),
    xLabels: hours
      .filter((h) => h % labelEvery === 0)
      .map((h) => ({ hour: h, x: center(h), text: hourLabel(h) })),
  };
}
