import { describe, expect, it } from 'vitest';
import {
  curveGeometry,
  labelEvery,
  MAX_BARS,
  pointsSoFar,
  stepLabel,
  totalOf,
} from '../../../../../client/lib/charts/curve';
import type { ChartBox } from '../../../../../client/lib/charts/scale';
import type { SeriesPoint } from '../../../../../shared/drill';

const BOX: ChartBox = { width: 400, height: 200, left: 40, bottom: 20, top: 10, right: 10 };
const point = (label: string, received: number, resolved = 0): SeriesPoint => ({
  label,
  received,
  resolved,
  payments: 0,
  paymentsVnd: 0,
});
const hours = (n: number) => Array.from({ length: n }, (_, h) => String(h).padStart(2, '0'));

describe(stepLabel.name, () => {
  it('names an hour "8h" and a day "20/11"', () => {
    expect(stepLabel('08')).toBe('8h');
    expect(stepLabel('2026-11-20')).toBe('20/11');
  });
});

describe(curveGeometry.name, () => {
  it('draws this period as bars inside the plot, step for step with the period before', () => {
    const g = curveGeometry(
      [1, 5, 10],
      hours(24).map(() => 2),
      hours(24),
      BOX,
      8,
    );
    expect(g.bars).toHaveLength(3);
    expect(g.previousPath).not.toBe('');
    expect(g.currentPath).toBe('');
    for (const b of g.bars) {
      expect(b.y).toBeGreaterThanOrEqual(g.plot.y);
      expect(b.y + b.height).toBeCloseTo(g.plot.y + g.plot.height);
    }
    expect(g.bars[2]!.height).toBeGreaterThan(g.bars[1]!.height);
    // The top tick covers the largest value.
    expect(g.ticks.at(-1)!.value).toBeGreaterThanOrEqual(10);
  });

  it('labels at most the number of steps asked', () => {
    const g = curveGeometry([], [], hours(24), BOX, 8);
    expect(g.xLabels.map((l) => l.text)).toEqual(['0h', '3h', '6h', '9h', '12h', '15h', '18h', '21h']);
  });

  it('draws a year of days as a line: bars would be thinner than a pixel', () => {
    const days = Array.from({ length: 365 }, (_, i) => i % 7);
    const g = curveGeometry(
      days,
      days,
      days.map(() => '2026-01-01'),
      BOX,
      6,
    );
    expect(days.length).toBeGreaterThan(MAX_BARS);
    expect(g.bars).toEqual([]);
    expect(g.currentPath).not.toBe('');
  });

  it('draws nothing but an axis in an empty box', () => {
    const g = curveGeometry([1], [1], ['01'], { ...BOX, width: 0 }, 4);
    expect(g.previousPath).toBe('');
  });
});

describe(pointsSoFar.name, () => {
  it('leaves out the hours of today still to come', () => {
    const day = hours(24).map((h) => point(h, 1));
    expect(pointsSoFar(day, 9)).toHaveLength(10);
    expect(pointsSoFar(day, null)).toHaveLength(24);
  });
});

describe(totalOf.name, () => {
  it('adds up a measure over the points', () => {
    expect(totalOf([point('01', 2, 1), point('02', 3, 4)], 'received')).toBe(5);
    expect(labelEvery(30, 6)).toBe(5);
  });
});
