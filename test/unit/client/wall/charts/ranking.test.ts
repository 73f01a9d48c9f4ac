import { describe, expect, it } from 'vitest';
import {
  collectUnits,
  rankingGeometry,
  rankTop,
  sumOf,
  type RankInput,
} from '../../../../../client/wall/charts/ranking';

const unit = (id: string, value: number | null, name = id): RankInput => ({ id, name, value });

describe(rankTop.name, () => {
  const units = [unit('a', 0.9), unit('b', 0.7), unit('c', null), unit('d', 0.8), unit('e', 0.95)];

  it('takes the N lowest first for "asc" (lowest on-time rate)', () => {
    expect(rankTop(units, 3, 'asc').items.map((u) => u.id)).toEqual(['b', 'd', 'a']);
  });

  it('takes the N highest first for "desc" (most late)', () => {
    expect(rankTop(units, 2, 'desc').items.map((u) => u.id)).toEqual(['e', 'a']);
  });

  it('leaves out units without a value, and counts them', () => {
    const r = rankTop(units, 10, 'asc');
    expect(r.items.map((u) => u.id)).not.toContain('c');
    expect(r.noValue).toBe(1);
    expect(r.withValue).toBe(4);
  });

  it('breaks ties by Vietnamese name, so the order is stable between frames', () => {
    const tied = [unit('3', 5, 'Xã Đông Anh'), unit('1', 5, 'Phường Ba Đình'), unit('2', 5, 'Xã Dương Hòa')];
    expect(rankTop(tied, 3, 'desc').items.map((u) => u.name)).toEqual([
      'Phường Ba Đình',
      'Xã Dương Hòa',
      'Xã Đông Anh',
    ]);
    expect(rankTop([...tied].reverse(), 3, 'desc').items.map((u) => u.id)).toEqual(['1', '2', '3']);
  });

  it('drops units that `keep` rejects (no overdue tasks is no one to name)', () => {
    const r = rankTop([unit('a', 0), unit('b', 3)], 5, 'desc', (v) => v > 0);
    expect(r.items.map((u) => u.id)).toEqual(['b']);
    expect(r.withValue).toBe(2);
  });

  it('returns nothing for N ≤ 0', () => {
    expect(rankTop(units, 0, 'asc').items).toEqual([]);
  });
  it('ranks a rate only over the minimum sample, and counts the units under it', () => {
    const rated = [
      { id: 'a', name: 'A', value: 0.5, num: 1, den: 2 },
      { id: 'b', name: 'B', value: 0.9, num: 18, den: 20 },
      { id: 'c', name: 'C', value: 0.8, num: 16, den: 20 },
      { id: 'd', name: 'D', value: 0.7, num: 13, den: 19 },
      { id: 'e', name: 'E', value: null, num: 0, den: 0 },
    ];
    const r = rankTop(rated, 5, 'asc', undefined, 20);
    expect(r.items.map((u) => u.id)).toEqual(['c', 'b']);
    expect(r).toMatchObject({ underSample: 2, noValue: 1, withValue: 4 });
    // A floor of 1 ranks them all; no floor (counts) is the default.
    expect(rankTop(rated, 5, 'asc', undefined, 1).items.map((u) => u.id)).toEqual(['a', 'd', 'c', 'b']);
    expect(rankTop(rated, 5, 'asc').underSample).toBe(0);
    // A count has no denominator: no floor applies to it.
    expect(rankTop([unit('x', 3)], 5, 'desc', undefined, 1000).items).toHaveLength(1);
  });

  it("keeps each row's numerator and denominator for the sample shown beside it", () => {
    const g = rankingGeometry([{ id: 'b', name: 'B', value: 25 / 26, num: 25, den: 26 }], { max: 1 });
    expect(g.rows[0]).toMatchObject({ num: 25, den: 26 });
    expect(rankingGeometry([unit('x', 3)]).rows[0]).toMatchObject({ num: null, den: null });
  });
});

describe(rankingGeometry.name, () => {
  it('scales rates against a fixed 100%, with the target line', () => {
    const g = rankingGeometry([unit('b', 0.7), unit('d', 0.8)], { max: 1, target: 0.98 });
    expect(g.rows.map((r) => [r.rank, r.id, r.bar])).toEqual([
      [1, 'b', 0.7],
      [2, 'd', 0.8],
    ]);
    expect(g.target).toBeCloseTo(0.98);
  });

  it('scales counts to a round number at or above the largest', () => {
    const g = rankingGeometry([unit('x', 37), unit('y', 10)]);
    expect(g.max).toBe(40);
    expect(g.rows[0]?.bar).toBeCloseTo(37 / 40);
    expect(g.rows[1]?.bar).toBeCloseTo(10 / 40);
    expect(g.target).toBeNull();
  });

  it('draws an empty list and all-zero values without dividing by zero', () => {
    expect(rankingGeometry([]).rows).toEqual([]);
    expect(rankingGeometry([unit('z', 0)]).rows[0]?.bar).toBe(0);
  });
});

describe(collectUnits.name, () => {
  const values = new Map<string, [number | null, number, number | null]>([
    ['province|onTimeRate', [0.97, 97, 100]],
    ['commune:00004|onTimeRate', [0.9, 9, 10]],
    ['commune:00007|onTimeRate', [null, 0, 0]],
    ['agency:so-y-te|open.late', [3, 3, null]],
    ['agency:so-y-te|resolved.late', [2, 2, null]],
    ['agency:so-tu-phap|resolved.late', [1, 1, null]],
  ]);
  const names: Record<string, string> = { '00004': 'Phường Ba Đình', 'so-y-te': 'Sở Y tế' };
  const nameOf = (id: string) => names[id] ?? id;

  it('finds every unit of a kind in the feed, with its value and name', () => {
    expect(collectUnits(values, 'commune', (get) => get('onTimeRate'), nameOf)).toEqual([
      { id: '00004', name: 'Phường Ba Đình', value: 0.9 },
      { id: '00007', name: '00007', value: null },
    ]);
  });

  it("takes a rate's numerator and denominator along when told which KPI is the rate", () => {
    expect(collectUnits(values, 'commune', (get) => get('onTimeRate'), nameOf, 'onTimeRate')).toEqual([
      { id: '00004', name: 'Phường Ba Đình', value: 0.9, num: 9, den: 10 },
      { id: '00007', name: '00007', value: null, num: 0, den: 0 },
    ]);
  });

  it('combines several KPIs of a unit, e.g. open late + resolved late', () => {
    const late = collectUnits(values, 'agency', sumOf('open.late', 'resolved.late'), nameOf);
    expect(late).toEqual([
      { id: 'so-y-te', name: 'Sở Y tế', value: 5 },
      { id: 'so-tu-phap', name: 'so-tu-phap', value: 1 },
    ]);
  });

  it('gives no value when none of the summed KPIs has one', () => {
    expect(sumOf('a', 'b')(() => null)).toBeNull();
    expect(sumOf('a', 'b')((id) => (id === 'a' ? 0 : null))).toBe(0);
  });
});
