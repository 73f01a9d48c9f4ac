/**
 * What a chart tells its frame (ChartFrame.svelte): the legend, and for a plot of the size the frame
 * measured, where its y axes' ticks and its step labels stand. The chart draws its own marks.
 */

/** A plot's size in px and the size of its axis text. */
export interface PlotSize {
  width: number;
  height: number;
  font: number;
}

/** One y axis: its ticks, where their labels stand, and the grid lines across the plot, if any. */
interface AxisLayout {
  /** Labels right-aligned to the left of `labelX`, or left-aligned to its right. */
  side: 'left' | 'right';
  labelX: number;
  ticks: readonly { value: number; y: number }[];
  /** The grid lines' extent; null for an axis whose ticks sit on another's lines. */
  grid: { x1: number; x2: number } | null;
  format: (value: number) => string;
  /** The labels' colour when they belong to one curve (the amount is green, the running total sky). */
  tone?: 'good' | 'sky';
}

/** Everything the frame draws of a chart's geometry. */
export interface FrameLayout {
  axes: readonly AxisLayout[];
  /** The labels under the steps (hours, days), and the baseline they stand on. */
  xLabels: readonly { key: number; x: number; text: string }[];
  xLabelY: number;
}

/** One entry of a legend: a swatch of the mark's shape and colour, its name, and a total if it has one. */
export interface LegendEntry {
  id: string;
  mark: 'bar' | 'line';
  tone: 'accent' | 'muted' | 'good';
  label: string;
  /** A total shown after the name ("Hôm nay: 1.234"); the entry then carries data-total={id}. */
  total?: string;
}

/** A bar of a chart, keyed by its step (an hour, a day). */
export interface PlotBar {
  key: number;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The ticks whose labels have room: in a short plot the labels of neighbouring ticks would print on top
 * of each other. Keeps the top tick (the axis' reach), then each lower one at least `gap` px below the
 * last kept; the grid lines stay, only their labels go.
 */
export function labelledTicks<T extends { y: number }>(ticks: readonly T[], gap: number): T[] {
  const kept: T[] = [];
  for (const tick of [...ticks].sort((a, b) => a.y - b.y)) {
    const last = kept.at(-1);
    if (last === undefined || tick.y - last.y >= gap) kept.push(tick);
  }
  return kept;
}
