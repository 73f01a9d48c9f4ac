import { describe, expect, it } from 'vitest';
import {
  domainMax,
  hourLabel,
  hourOfDay,
  niceTicks,
  type ChartBox,
} from '../../../../../client/lib/charts/scale';
import { hourlyGeometry } from '../../../../../client/wall/charts/hourly';

const flat = (v: number) => new Array<number>(24).fill(v);
const BOX: ChartBox = { width: 1000, height: 300, left: 60, bottom: 30, top: 10, right: 10 };

describe(hourOfDay.name, () => {
  it('reads the hour in Asia/Ho_Chi_Minh (UTC+7), whatever the machine zone', () => {
    expect(hourOfDay(Date.parse('2025-11-12T00:00:00Z'))).toBe(7);
    expect(hourOfDay(Date.parse('2025-11-12T16:59:59Z'))).toBe(23);
    expect(hourOfDay(Date.parse('2025-11-12T17:00:00Z'))).toBe(0);
  });
});

describe(domainMax.name, () => {
  it('leaves 10% headroom above the largest value of any series', () => {
    expect(domainMax([[1, 50, 3], [100]])).toBeCloseTo(110);
  });

  it('is at least 1 for an empty or all-zero day, and ignores non-finite values', () => {
    expect(domainMax([flat(0), flat(0)])).toBe(1);
    expect(domainMax([[Number.NaN, 4]])).toBeCloseTo(4.4);
  });
});

describe(niceTicks.name, () => {
  it('gives 3 or 4 round ticks from zero, the last one covering the maximum', () => {
    for (const max of [3, 7, 11, 58, 99, 110, 567.6, 1234, 25_001, 1e6]) {
      const ticks = niceTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks.length).toBeLessThanOrEqual(4);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      for (const t of ticks) expect(Number.isInteger(t)).toBe(true);
    }
  });

  it('uses steps of 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceTicks(110)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(567.6)).toEqual([0, 200, 400, 600]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(7)).toEqual([0, 5, 10]);
    expect(niceTicks(74)).toEqual([0, 25, 50, 75]);
  });

  it('still draws an axis for a day without data', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });
});

describe(hourlyGeometry.name, () => {
  const today = Array.from({ length: 24 }, (_, h) => h * 10);
  const basis = flat(50);

  it("draws today's bars only up to the current hour", () => {
    const g = hourlyGeometry(today, basis, BOX, 9);
    expect(g.bars.map((b) => b.hour)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(g.bars[9]?.value).toBe(90);
    expect(hourlyGeometry(today, basis, BOX, null).bars).toHaveLength(24);
  });

  it('keeps bars inside the plot, standing on its bottom, taller for larger values', () => {
    const g = hourlyGeometry(today, basis, BOX, 23);
    expect(g.plot).toEqual({ x: 60, y: 10, width: 930, height: 260 });
    const bottom = g.plot.y + g.plot.height;
    for (const b of g.bars) {
      expect(b.x).toBeGreaterThanOrEqual(g.plot.x);
      expect(b.x + b.width).toBeLessThanOrEqual(g.plot.x + g.plot.width);
      expect(b.y).toBeGreaterThanOrEqual(g.plot.y);
      expect(b.y + b.height).toBeCloseTo(bottom);
      expect(b.width).toBeGreaterThan(0);
    }
    expect(g.bars[0]?.height).toBe(0);
    expect(g.bars[23]!.height).toBeGreaterThan(g.bars[12]!.height);
    // Bars go left to right in hour order, without overlapping.
    for (let i = 1; i < g.bars.length; i++) {
      expect(g.bars[i]!.x).toBeGreaterThanOrEqual(g.bars[i - 1]!.x + g.bars[i - 1]!.width);
    }
  });

  it('scales y to the top tick: the top tick sits at the top of the plot, zero at the bottom', () => {
    const g = hourlyGeometry(today, basis, BOX, 23);
    // max 230 → 253 with headroom → steps of 100.
    expect(g.ticks.map((t) => t.value)).toEqual([0, 100, 200, 300]);
    expect(g.ticks[0]?.y).toBeCloseTo(270);
    expect(g.ticks[3]?.y).toBeCloseTo(10);
    const bar = g.bars[20]!;
    expect(bar.height).toBeCloseTo((200 / 300) * 260);
  });

  it("draws the comparison day's whole day as one line through the middle of each hour", () => {
    const g = hourlyGeometry(today, basis, BOX, 5);
    expect(g.basisPath.startsWith('M')).toBe(true);
    const points = g.basisPath.slice(1).split('L');
    expect(points).toHaveLength(24);
    const first = points[0]!.split(',').map(Number);
    expect(first[0]).toBeCloseTo(g.bars[0]!.x + g.bars[0]!.width / 2);
  });

  it('labels every third hour under its band', () => {
    const g = hourlyGeometry(today, basis, BOX, 23);
    expect(g.xLabels.map((l) => l.text)).toEqual(['0h', '3h', '6h', '9h', '12h', '15h', '18h', '21h']);
    expect(g.xLabels[1]?.x).toBeCloseTo(g.bars[3]!.x + g.bars[3]!.width / 2);
    expect(hourLabel(12)).toBe('12h');
  });

  it('copes with a box too small to draw in, and with missing or negative values', () => {
    const g = hourlyGeometry([5, -3], [], { ...BOX, width: 20, height: 10 }, 23);
    expect(g.plot.width).toBe(0);
    expect(g.basisPath).toBe('');
    expect(g.bars[1]?.value).toBe(0);
    expect(g.bars[5]?.value).toBe(0);
  });
});
