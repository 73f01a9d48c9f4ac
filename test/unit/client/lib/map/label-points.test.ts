import { describe, expect, it } from 'vitest';
import { interiorPoint, ringPoint } from '../../../../../client/lib/map/label-points';

const inside = (ring: number[][], [x, y]: [number, number]) => {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
};

describe(interiorPoint.name, () => {
  it('finds a point inside a thin L-shaped sliver that no grid point falls in', () => {
    const sliver = [
      [0, 0],
      [10, 0],
      [10, 0.001],
      [0.001, 0.001],
      [0.001, 10],
      [0, 10],
      [0, 0],
    ];
    expect(inside(sliver, interiorPoint([sliver]))).toBe(true);
  });

  it('keeps away from a hole', () => {
    const outer = [
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
      [0, 0],
    ];
    const hole = [
      [1, 1],
      [3, 1],
      [3, 3],
      [1, 3],
      [1, 1],
    ];
    const p = interiorPoint([outer, hole]);
    expect(inside(outer, p) && !inside(hole, p)).toBe(true);
  });
});

describe(ringPoint.name, () => {
  it('puts the ring inside the commune, away from its label', () => {
    const long = [
      [0, 0],
      [6, 0],
      [6, 1],
      [0, 1],
      [0, 0],
    ];
    const label = interiorPoint([long]);
    const ring = ringPoint([long], label);
    expect(inside(long, ring)).toBe(true);
    expect(Math.abs(ring[0] - label[0])).toBeGreaterThan(0.9);
  });
});
