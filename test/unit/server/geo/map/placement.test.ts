import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { MultiPolygon as GeoMultiPolygon, Polygon as GeoPolygon } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { interiorPoint, labelPoints } from '../../../../../client/lib/map/label-points';
import type { MultiPolygon } from '../../../../../server/geo/map/clip';
import { provinceOutline } from '../../../../../server/geo/map/dissolve';
import { foldPlaceName } from '../../../../../server/geo/map/gazetteer';
import { contains } from '../../../../../server/geo/map/geometry';
import type { PlacementReport } from '../../../../../server/geo/map/placement-report';
import { buildProvinceMapWithPlacements } from '../../../../../server/geo/map/province-map';

const coordsOf = (g: GeoPolygon | GeoMultiPolygon) =>
  (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as MultiPolygon;

describe(foldPlaceName.name, () => {
  it('matches names whatever their type word, diacritics or spelling of đ', () => {
    expect(foldPlaceName('Phường Ba Đình')).toBe('badinh');
    expect(foldPlaceName('Ba Dinh')).toBe('badinh');
    expect(foldPlaceName('Quận Ba Đình')).toBe('badinh');
    expect(foldPlaceName('Thị Trấn Yên Minh')).toBe(foldPlaceName('Xã Yên Minh'));
    expect(foldPlaceName('Đặc khu Phú Quốc')).toBe('phuquoc');
    expect(foldPlaceName('Phường 12')).toBe('12');
  });
});

describe('the Hà Nội map placed from the gazetteer', () => {
  const { map, placements } = buildProvinceMapWithPlacements('01');
  const cell = (name: string) => {
    const f = map.communes.features.find((c) => c.properties.ten_xa === name);
    if (!f) throw new Error(`no cell for ${name}`);
    return { f, at: interiorPoint(coordsOf(f.geometry)[0] ?? []) };
  };

  it('puts the old centre east of Sơn Tây and Sóc Sơn north of Hoàn Kiếm', () => {
    const [baDinh, sonTay] = [cell('Phường Ba Đình').at, cell('Phường Sơn Tây').at];
    const [socSon, hoanKiem] = [cell('Xã Sóc Sơn').at, cell('Phường Hoàn Kiếm').at];
    expect(baDinh[0] - sonTay[0]).toBeGreaterThan(0.2);
    expect(socSon[1] - hoanKiem[1]).toBeGreaterThan(0.15);
    // Ba Đình holds its real place (GeoNames: 105.827° E, 21.037° N) in its own cell.
    expect(contains(coordsOf(cell('Phường Ba Đình').f.geometry), [105.82684, 21.03652])).toBe(true);
  });

  it('places wards from the gazetteer only inside the province, and says how the others were placed', () => {
    const fromGazetteer = placements.filter((p) => p.kind === 'ward' || p.kind === 'former-ward');
    expect(fromGazetteer.length).toBeGreaterThan(40);
    const outline = provinceOutline('01');
    for (const p of fromGazetteer) {
      expect(p.point && contains(outline, p.point), p.name).toBe(true);
      expect(p.matched.length, p.name).toBeGreaterThan(0);
    }
    expect(placements.find((p) => p.name === 'Phường Ba Đình')).toMatchObject({
      kind: 'ward',
      matched: ['Ba Dinh'],
    });
  });

  it('keeps every label point and every ring point inside its own cell', () => {
    const labels = labelPoints(map.communes);
    map.communes.features.forEach((f, i) => {
      const label = labels.features[i];
      const own = coordsOf(f.geometry);
      expect(label?.properties.ma_xa).toBe(f.properties.ma_xa);
      expect(contains(own, label?.geometry.coordinates as [number, number]), f.properties.ten_xa).toBe(true);
      expect(contains(own, label?.properties.ring as [number, number]), f.properties.ten_xa).toBe(true);
    });
  });
});

describe('npm run build:map', () => {
  const out = mkdtempSync(join(tmpdir(), 'map-build-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('reports how many wards it placed from the gazetteer, with a table of matches and misses', async () => {
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'server/geo/map/build.ts', '--province', '01', '--out', out],
      { timeout: 90_000 },
    );
    const line = /placed (\d+) of 126 wards from the gazetteer/.exec(stdout);
    expect(line, stdout).not.toBeNull();
    const report = JSON.parse(readFileSync(join(out, 'placement-report.json'), 'utf8')) as PlacementReport;
    expect(report.wards).toBe(126);
    expect(report.fromGazetteer).toBe(Number(line?.[1]));
    expect(report.provinces[0]?.rows).toHaveLength(126);
    const md = readFileSync(join(out, 'placement-report.md'), 'utf8');
    expect(md).toMatch(/\| 00004 \| Phường Ba Đình \| tên phường\/xã \| Ba Dinh \|/);
    expect(md).toMatch(/\| — \|/);
  }, 120_000);
});
