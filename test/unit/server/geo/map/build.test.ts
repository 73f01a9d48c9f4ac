import { describe, expect, it } from 'vitest';
import type { MultiPolygon as GeoMultiPolygon, Polygon as GeoPolygon } from 'geojson';
import { PROVINCES } from '../../../../../shared/provinces';
import { wardsOf } from '../../../../../server/geo/wards';
import type { MultiPolygon } from '../../../../../server/geo/map/clip';
import { provinceOutline } from '../../../../../server/geo/map/dissolve';
import { area, bboxOf, contains } from '../../../../../server/geo/map/geometry';
import { assignMinorIslands } from '../../../../../server/geo/map/minor-islands';
import { oldProvinceOutline, oldProvinceOutlines } from '../../../../../server/geo/map/old-provinces';
import { buildProvinceMap } from '../../../../../server/geo/map/province-map';
import { communeSeeds } from '../../../../../server/geo/map/synthetic-communes';
import { foldName, wardOrigin } from '../../../../../server/geo/map/ward-origins';

const coordsOf = (g: GeoPolygon | GeoMultiPolygon) =>
  (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as MultiPolygon;

describe(oldProvinceOutlines.name, () => {
  it('finds an outline for each of the 63 former provinces named in PROVINCES[].mergedFrom', () => {
    const names = PROVINCES.flatMap((p) => p.mergedFrom);
    expect(names).toHaveLength(63);
    for (const name of names) expect(oldProvinceOutlines().get(name), name).toBeDefined();
    expect(oldProvinceOutlines().size).toBe(63);
  });
});

describe(assignMinorIslands.name, () => {
  it('gives the islands Natural Earth filed apart back to their provinces', () => {
    // Bạch Long Vĩ (107.7° E) lies far east of Hải Phòng's mainland and Cát Bà (107.1° E).
    expect(bboxOf(provinceOutline('31'))[2]).toBeGreaterThan(107.7);
    // Lý Sơn (109.1° E) lies east of Quảng Ngãi's coast (109.0° E).
    expect(bboxOf(provinceOutline('51'))[2]).toBeGreaterThan(109.1);
  });
});

describe(provinceOutline.name, () => {
  it('dissolves 37 Ninh Bình into an outline as large as Ninh Bình, Hà Nam and Nam Định together', () => {
    const parts = ['Ninh Bình', 'Hà Nam', 'Nam Định'].map(oldProvinceOutline);
    const sum = parts.reduce((total, part) => total + area(part), 0);
    // Within 2 %: a gap or overlap between the source's shared borders would show up here.
    expect(Math.abs(area(provinceOutline('37')) / sum - 1)).toBeLessThan(0.02);
  });
});

describe(wardOrigin.name, () => {
  it('names the former province a ward came from, however the table spells it', () => {
    expect(foldName('Tỉnh Hoà Bình')).toBe(foldName('Hòa Bình'));
    expect(wardOrigin('00004', ['Hà Nội'])).toBe('Hà Nội');
  });
});

describe(buildProvinceMap.name, () => {
  const hanoi = buildProvinceMap('01');

  it('gives Hà Nội one commune feature per real ward: 126, with codes and names', () => {
    const props = hanoi.communes.features.map((f) => f.properties);
    expect(props).toHaveLength(126);
    expect(new Set(props.map((p) => p.ma_xa)).size).toBe(126);
    expect(props).toContainEqual({
      ma_xa: '00004',
      ten_xa: 'Phường Ba Đình',
      ma_tinh: '01',
      synthetic: true,
    });
  });

  it('marks the map and every commune as synthetic, with a 5-digit ma_xa and a ten_xa', () => {
    expect(hanoi.synthetic).toBe(true);
    expect(hanoi.province.properties).toEqual({ ma_tinh: '01', ten_tinh: 'Hà Nội' });
    for (const { properties } of hanoi.communes.features) {
      expect(properties.synthetic).toBe(true);
      expect(properties.ma_xa).toMatch(/^\d{5}$/);
      expect(properties.ten_xa).not.toBe('');
    }
  });

  it('grows every commune from a seed inside the province and inside its own cell', () => {
    const outline = provinceOutline('01');
    const seeds = communeSeeds('01', outline, 2025);
    hanoi.communes.features.forEach((f, i) => {
      const seed = seeds[i];
      expect(seed?.code).toBe(f.properties.ma_xa);
      if (!seed) return;
      expect(contains(outline, seed.point)).toBe(true);
      expect(contains(coordsOf(f.geometry), seed.point)).toBe(true);
    });
  });

  it('tiles the province: the cells neither overlap nor leave gaps (areas add up)', () => {
    const cells = hanoi.communes.features.reduce((sum, f) => sum + area(coordsOf(f.geometry)), 0);
    expect(cells / area(coordsOf(hanoi.province.geometry))).toBeCloseTo(1, 3);
    const [w, s, e, n] = hanoi.bbox;
    for (const f of hanoi.communes.features) {
      const [cw, cs, ce, cn] = bboxOf(coordsOf(f.geometry));
      expect(cw >= w && cs >= s && ce <= e && cn <= n).toBe(true);
    }
  });

  it('places each ward of a merged province inside its former province', () => {
    const outline = provinceOutline('37');
    const seeds = communeSeeds('37', outline, 2025);
    const mergedFrom = ['Ninh Bình', 'Hà Nam', 'Nam Định'];
    const placed = seeds.filter(({ code, point }) => {
      const origin = wardOrigin(code, mergedFrom);
      return origin !== undefined && contains(oldProvinceOutline(origin), point);
    });
    expect(placed.length / seeds.length).toBeGreaterThan(0.95);
  });

  it('crops the context of neighbouring countries and provinces to near the province', () => {
    const kinds = new Set(hanoi.context.features.map((f) => f.properties.kind));
    expect(kinds).toEqual(new Set(['country', 'province']));
    const [w, s, e, n] = hanoi.bbox;
    const pad = Math.max(e - w, n - s);
    for (const f of hanoi.context.features) {
      const [cw, cs, ce, cn] = bboxOf(f.geometry.coordinates as MultiPolygon);
      expect(cw >= w - pad && cs >= s - pad && ce <= e + pad && cn <= n + pad).toBe(true);
    }
  });

  it('is deterministic: the same seed gives identical JSON, another seed other cells', () => {
    expect(JSON.stringify(buildProvinceMap('37', { seed: 7 }))).toBe(
      JSON.stringify(buildProvinceMap('37', { seed: 7 })),
    );
    expect(JSON.stringify(buildProvinceMap('37', { seed: 8 }).communes)).not.toBe(
      JSON.stringify(buildProvinceMap('37', { seed: 7 }).communes),
    );
  });

  it('builds every one of the 34 provinces with one commune per ward', () => {
    for (const { code } of PROVINCES) {
      const map = buildProvinceMap(code);
      expect(
        map.communes.features.map((f) => f.properties.ma_xa),
        code,
      ).toEqual(wardsOf(code).map((w) => w.code));
      expect(map.province.geometry.coordinates.length, code).toBeGreaterThan(0);
    }
    // 34 builds are seconds of CPU on a quiet machine; on two shared busy cores, many times that.
  }, 180_000);
});
