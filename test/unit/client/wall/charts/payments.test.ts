import { describe, expect, it } from 'vitest';
import type { ChartBox } from '../../../../../client/lib/charts/scale';
import {
  cumulative,
  moneyUnit,
  paymentsGeometry,
  UPPER_SHARE,
} from '../../../../../client/wall/charts/payments';

const flat = (v: number) => new Array<number>(24).fill(v);
const BOX: ChartBox = { width: 1000, height: 430, left: 60, bottom: 30, top: 10, right: 70 };
/** 40 payments an hour, 30 million đồng an hour; the comparison day 50 an hour. */
const INPUT = { count: flat(40), amountVnd: flat(30e6), basisCount: flat(50) };

describe(cumulative.name, () => {
  it('adds up the series hour by hour, ignoring holes and negatives', () => {
    expect(cumulative([1, 2, 3])).toEqual([1, 3, 6]);
    expect(cumulative([5, Number.NaN, -2, 1])).toEqual([5, 5, 5, 6]);
    expect(cumulative([])).toEqual([]);
  });
});

describe(moneyUnit.name, () => {
  it('labels axes in millions of đồng, and in billions from 2 billion', () => {
    expect(moneyUnit(850e6)).toMatchObject({ scale: 1e6, vi: 'triệu đồng', en: 'million VND' });
    expect(moneyUnit(1.99e9).scale).toBe(1e6);
    expect(moneyUnit(2e9)).toMatchObject({ scale: 1e9, vi: 'tỷ đồng' });
  });
});

describe(paymentsGeometry.name, () => {
  it('splits the plot into the hourly panel above and the running total below', () => {
    const g = paymentsGeometry(INPUT, BOX, 23, 20);
    expect(g.upper).toEqual({ x: 60, y: 10, width: 870, height: 370 * UPPER_SHARE });
    expect(g.lower.y).toBeCloseTo(10 + 370 * UPPER_SHARE + 20);
    expect(g.lower.y + g.lower.height).toBeCloseTo(400);
  });

  it("draws today's count bars, amount and total only up to the current hour", () => {
    const g = paymentsGeometry(INPUT, BOX, 9);
    expect(g.bars.map((b) => b.hour)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(g.amountPoints).toHaveLength(10);
    expect(g.totalPoints.map((p) => p.value)).toEqual(cumulative(flat(30e6)).slice(0, 10));
    expect(g.basisPath.slice(1).split('L')).toHaveLength(24);
  });

  it('stands bars on the bottom of the upper panel, scaled to the count axis', () => {
    const g = paymentsGeometry(INPUT, BOX, 23);
    // max(40, 50) + 10% = 55 → ticks 0, 20, 40, 60.
    expect(g.countTicks.map((t) => t.value)).toEqual([0, 20, 40, 60]);
    const base = g.upper.y + g.upper.height;
    for (const b of g.bars) {
      expect(b.y + b.height).toBeCloseTo(base);
      expect(b.height).toBeCloseTo((40 / 60) * g.upper.height);
    }
  });

  it('puts the hourly amount on its own axis in million đồng', () => {
    const g = paymentsGeometry(INPUT, BOX, 23);
    expect(g.amountUnit.scale).toBe(1e6);
    // 30 million + 10% = 33 → ticks 0, 20, 40 (million).
    expect(g.amountTicks.map((t) => t.value)).toEqual([0, 20, 40]);
    expect(g.amountPoints[0]?.y).toBeCloseTo(g.upper.y + g.upper.height * (1 - 30 / 40));
  });

  it('draws the running total in the lower panel, reaching the day so far', () => {
    const g = paymentsGeometry(INPUT, BOX, 23);
    // 24 × 30 million = 720 million, + 10% = 792 → ticks 0, 500, 1.000 (million).
    expect(g.totalUnit.vi).toBe('triệu đồng');
    expect(g.totalTicks.map((t) => t.value)).toEqual([0, 500, 1000]);
    const last = g.totalPoints.at(-1)!;
    expect(last.value).toBe(720e6);
    expect(last.y).toBeCloseTo(g.lower.y + g.lower.height * (1 - 720 / 1000));
    expect(g.totalArea.startsWith('M')).toBe(true);
  });

  it('copes with an empty day and a box too small to draw in', () => {
    const g = paymentsGeometry({ count: [], amountVnd: [], basisCount: [] }, { ...BOX, height: 20 }, 5);
    expect(g.bars.every((b) => b.value === 0)).toBe(true);
    expect(g.amountPath).toBe('');
    expect(g.totalTicks.map((t) => t.value)).toEqual([0, 1]);
  });
});
