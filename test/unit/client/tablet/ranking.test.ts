import { describe, expect, it } from 'vitest';
import { agencyRows, filterRows, rankCommunes } from '../../../../client/tablet/ranking';
import { unitValues } from '../../../../client/lib/map/unit-values';
import type { KpiKey, WireKpi } from '../../../../shared/socket';

const names = {
  '00001': 'Xã Phú Cát',
  '00002': 'Phường Ba Đình',
  '00003': 'Xã An Khánh',
  '00004': 'Xã Đông Anh',
};

describe(rankCommunes.name, () => {
  it('lists every commune, lowest rate first, then those with few dossiers, then those with none', () => {
    const rates = new Map([
      ['00001', { value: 0.9, den: 40 }],
      ['00002', { value: 0.5, den: 2 }],
      ['00004', { value: 0.97, den: 30 }],
    ]);
    const rows = rankCommunes(names, rates);
    expect(rows.map((r) => r.code)).toEqual(['00001', '00004', '00002', '00003']);
    expect(rows[2]).toMatchObject({ few: true, value: 0.5 });
    expect(rows[3]).toMatchObject({ name: 'Xã An Khánh', value: null, few: false });
  });

  it('still lists a commune the directory does not name yet, by its code', () => {
    expect(rankCommunes({}, new Map([['00009', { value: 1, den: 9 }]]))[0]).toMatchObject({
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
    const rows = agencyRows(agencies, late, rates);
    expect(rows.map((r) => [r.id, r.late])).toEqual([
      ['b', 5],
      ['c', 0],
      ['a', 0],
    ]);
    // Before the late list answers, counts are unknown, not zero.
    expect(agencyRows(agencies, null, rates).every((r) => r.late === null)).toBe(true);
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
      ['00001', { code: '00001', value: 0.9, den: 10 }],
    ]);
    expect([...unitValues(values, 'agency', 'onTimeRate').keys()]).toEqual(['so-y-te']);
  });
});
