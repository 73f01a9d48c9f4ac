import { describe, expect, it } from 'vitest';
import { provinceFullName, wardsOf } from '../../../../server/geo/wards';
import { PROVINCES, provinceByCode } from '../../../../shared/provinces';

/** The 34 codes listed in KPIS.md "Administrative units". */
const KPIS_CODES =
  '01 04 08 11 12 14 15 19 20 22 24 25 31 33 37 38 40 42 44 46 48 51 52 56 66 68 75 79 80 82 86 91 92 96'.split(
    ' ',
  );

describe('PROVINCES', () => {
  it('holds the 34 provinces of 2025 with the codes of Decision 19/2025', () => {
    expect(PROVINCES.map((p) => p.code)).toEqual(KPIS_CODES);
  });

  it('names the former provinces merged into each', () => {
    expect(provinceByCode('25')?.mergedFrom).toEqual(['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình']);
    expect(provinceByCode('46')).toEqual({ code: '46', name: 'Huế', mergedFrom: ['Thừa Thiên Huế'] });
    expect(PROVINCES.flatMap((p) => p.mergedFrom)).toHaveLength(63);
  });

  it('provinceByCode(code) is undefined for a code that is not a province', () => {
    expect(provinceByCode('02')).toBeUndefined();
  });
});

describe(wardsOf.name, () => {
  it('lists the 126 wards and communes of Hà Nội with their 5-digit codes and names', () => {
    const wards = wardsOf('01');
    expect(wards).toHaveLength(126);
    expect(wards[0]).toEqual({ code: '00004', name: 'Phường Ba Đình' });
    expect(wards.every((w) => /^\d{5}$/.test(w.code) && w.name.length > 0)).toBe(true);
    expect(new Set(wards.map((w) => w.code)).size).toBe(126);
  });

  it('covers the 3,321 units of all 34 provinces', () => {
    expect(PROVINCES.reduce((sum, p) => sum + wardsOf(p.code).length, 0)).toBe(3321);
  });

  it('hands each caller its own copy of the cached list', () => {
    const first = wardsOf('38');
    first.length = 0;
    expect(wardsOf('38')).toHaveLength(166);
  });

  it('throws for an unknown province code', () => {
    expect(() => wardsOf('99')).toThrow(/Unknown province code "99"/);
  });
});

describe(provinceFullName.name, () => {
  it('writes cities in full and prefixes provinces with "Tỉnh"', () => {
    expect(provinceFullName('01')).toBe('Thành phố Hà Nội');
    expect(provinceFullName('04')).toBe('Tỉnh Cao Bằng');
    expect(provinceFullName('79')).toBe('Thành phố Hồ Chí Minh');
  });
});
