import { describe, expect, it } from 'vitest';
import { boundsOf, neighboursOf } from '../../../../../client/lib/map/focus';
import type { ProvinceGeo } from '../../../../../client/lib/map/style';

type Commune = ProvinceGeo['communes']['features'][number];

/** A unit square commune at column x, row y of a grid, its corners as a partition would share them. */
const square = (code: string, x: number, y: number): Commune => ({
  type: 'Feature',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [105 + x * 0.01, 21 + y * 0.01],
        [105 + (x + 1) * 0.01, 21 + y * 0.01],
        [105 + (x + 1) * 0.01, 21 + (y + 1) * 0.01],
        [105 + x * 0.01, 21 + (y + 1) * 0.01],
        [105 + x * 0.01, 21 + y * 0.01],
      ],
    ],
  },
  properties: { ma_xa: code, ten_xa: `Xã ${code}`, ma_tinh: '01', synthetic: true },
});

// A 3x3 grid: 00000..00008, row by row; 00004 is in the middle.
const grid = Array.from({ length: 9 }, (_, i) =>
  square(String(i).padStart(5, '0'), i % 3, Math.floor(i / 3)),
);

describe('the map focus', () => {
  it('finds the communes that share a border or a corner with the focus, and no others', () => {
    expect([...neighboursOf(grid, '00004')].sort()).toEqual([
      '00000',
      '00001',
      '00002',
      '00003',
      '00005',
      '00006',
      '00007',
      '00008',
    ]);
    expect([...neighboursOf(grid, '00000')].sort()).toEqual(['00001', '00003', '00004']);
  });

  it('finds none for a commune the map does not have', () => {
    expect(neighboursOf(grid, '99999').size).toBe(0);
  });

  it('frames a commune by its own bounds', () => {
    const [w, s, e, n] = boundsOf(grid[4] as Commune);
    expect(w).toBeCloseTo(105.01, 9);
    expect(s).toBeCloseTo(21.01, 9);
    expect(e).toBeCloseTo(105.02, 9);
    expect(n).toBeCloseTo(21.02, 9);
  });
});
