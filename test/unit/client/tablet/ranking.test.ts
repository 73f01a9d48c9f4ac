import { describe, expect, it } from 'vitest';
import { agencyRows, filterRows, rankCommunes, unrankedCount } from '../../../../client/tablet/ranking';
import { unitValues } from '../../../../client/lib/map/unit-values';
import type { KpiKey, WireKpi } from '../../../../shared/socket';

const names = {
  '00001': 'Xã Phú Cát',
  '00002': 'Phường Ba Đình',
  '00003': 'Xã An Khánh',
  '00004': 'Xã Đông Anh',
};

describe(rankCommunes.name, () => {
  it('ranks the communes over the minimum sample lowest first, then lists the rest unranked', () => {
    const rates = new Map([
      ['00001', { value: 0.9, num: 36, den: 40 }],
      ['00002', { value: 0.5, num: 1, den: 2 }],
      ['00004', { value: 0.97, num: 29, den: 30 }],
    ]);
    const rows = rankCommunes(names, rates, 20);
    expect(rows.map((r) => [r.code, r.rank])).toEqual([
      ['00001', 1],
      ['00004', 2],
      ['00002', null],
      ['00003', null],
    ]);
    expect(rows[0]).toMatchObject({ num: 36, den: 40, few: false });
    expect(rows[2]).toMatchObject({ few: true, value: 0.5, num: 1, den: 2 });
    expect(rows[3]).toMatchObject({ name: 'Xã An Khánh', value: null, num: null, few: false });
    expect(unrankedCount(rows)).toBe(1);
  });

  it('ranks at the floor itself and not one dossier under it, whatever floor is configured', () => {
    const rates = new Map([
      ['00001', { value: 0.8, num: 20, den: 25 }],
      ['00002', { value: 0.96, num: 24, den: 26 }],
      ['00004', { value: 0.5, num: 12, den: 24 }],
    ]);
    const at25 = rankCommunes(names, rates, 25);
    expect(at25.filter((r) => r.rank !== null).map((r) => r.code)).toEqual(['00001', '00002']);
    expect(unrankedCount(at25)).toBe(1);
    // At a floor of 20 the half-late commune is ranked, and first.
    expect(rankCommunes(names, rates, 20)[0]).toMatchObject({ code: '00004', rank: 1 });
    // At 27 none is: every rate is listed, none ranked.
    const at27 = rankCommunes(names, rates, 27);
    expect(at27.every((r) => r.rank === null)).toBe(true);
    expect(unrankedCount(at27)).toBe(3);
  });

  it('still lists a commune the directory does not name yet, by its code', () => {
    expect(rankCommunes({}, new Map([['00009', { value: 1, den: 9 }]]), 20)[0]).toMatchObject({
      code: '00009',
      name: '00009',
    });
  });
});

describe(filterRows.name, () => {
  it('finds a commune typed without diacritics or capitals', () => {
    const rows = Object.values(names).map((name) => ({ name }));
    expect(filterRows(rows, 'phu cat')).toEqual([{ name: 'Xã Phú Cát' }]);
    expect(filterRows(rows, 'DONG anh')).toEqual([{ name: 'Xã Đông Anh' }]);
    expect(filterRows(rows, '  ')).toHaveLength(4);
  });
});

describe(agencyRows.name, () => {
  it('puts the agencies with the most late dossiers first, then the lowest on-time rate', () => {
    const agencies = { a: 'Sở A', b: 'Sở B', c: 'Sở C' };
    const late = {
      scope: 'province' as const,
      serverTime: 0,
      total: 5,
      truncated: false,
      groups: [{ scope: 'agency:b' as const, late: 5, oldestDueAt: 0 }],
    };
    const rates = new Map([
      ['a', { value: 0.99, den: 10 }],
      ['c', { value: 0.9, den: 10 }],
    ]);
    const rows = agencyRows(agencies, late, rates, 5);
    expect(rows.map((r) => [r.id, r.late])).toEqual([
      ['b', 5],
      ['c', 0],
      ['a', 0],
    ]);
    // Before the late list answers, counts are unknown, not zero.
    expect(agencyRows(agencies, null, rates, 5).every((r) => r.late === null)).toBe(true);
  });

  it('does not order agencies by a rate over fewer dossiers than the minimum sample', () => {
    const agencies = { a: 'Sở A', b: 'Sở B', c: 'Sở C' };
    const rates = new Map([
      ['a', { value: 0.95, den: 40 }],
      ['b', { value: 0.5, den: 2 }],
      ['c', { value: 0.9, den: 30 }],
    ]);
    expect(agencyRows(agencies, null, rates, 20).map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(agencyRows(agencies, null, rates, 1).map((r) => r.id)).toEqual(['b', 'c', 'a']);
  });
});

describe(unitValues.name, () => {
  it("reads one KPI of every commune or agency from the units feed's keys", () => {
    const values = new Map<KpiKey, WireKpi>([
      ['commune:00001|onTimeRate', [0.9, 9, 10]],
      ['commune:00001|received', [10, 10, null]],
      ['agency:so-y-te|onTimeRate', [1, 4, 4]],
    ]);
    expect([...unitValues(values, 'commune', 'onTimeRate')]).toEqual([
      ['00001', { code: '00001', value: 0.9, num: 9, den: 10 }],
    ]);
    expect([...unitValues(values, 'agency', 'onTimeRate').keys()]).toEqual(['so-y-te']);
  });
});
