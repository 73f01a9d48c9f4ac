import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOperatorCommunes, parseOperatorCommunes } from '../../../../server/geo/operator-geojson';

/** A small square commune at (lon, lat), as an operator's GIS would export it. */
const commune = (ma_xa: string, props: Record<string, unknown> = {}, lon = 105.8, lat = 21.0) => ({
  type: 'Feature',
  properties: { ma_xa, ten_xa: `Phường ${ma_xa}`, ma_tinh: '01', ...props },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + 0.01, lat],
        [lon + 0.01, lat + 0.01],
        [lon, lat + 0.01],
        [lon, lat],
      ],
    ],
  },
});
const file = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe(parseOperatorCommunes.name, () => {
  it('accepts Polygon and MultiPolygon communes of the province and marks them not synthetic', () => {
    const square = commune('00007').geometry.coordinates;
    const multi = { ...commune('00008'), geometry: { type: 'MultiPolygon', coordinates: [square] } };
    const sut = parseOperatorCommunes(file(commune('00004'), multi), '01');
    expect(sut.map((f) => f.properties)).toEqual([
      { ma_xa: '00004', ten_xa: 'Phường 00004', ma_tinh: '01', synthetic: false },
      { ma_xa: '00008', ten_xa: 'Phường 00008', ma_tinh: '01', synthetic: false },
    ]);
    expect(sut[1]?.geometry.type).toBe('MultiPolygon');
  });

  it('names the feature and the field of a bad commune code', () => {
    expect(() => parseOperatorCommunes(file(commune('00004'), commune('4')), '01')).toThrow(
      'features[1].properties.ma_xa: must be 5 digits',
    );
    expect(() => parseOperatorCommunes(file(commune('00004', { ma_xa: 4 })), '01')).toThrow(
      'features[0].properties.ma_xa: must be 5 digits',
    );
  });

  it('refuses an empty name and a malformed province code', () => {
    expect(() => parseOperatorCommunes(file(commune('00004', { ten_xa: '  ' })), '01')).toThrow(
      'features[0].properties.ten_xa: must be a non-empty name',
    );
    expect(() => parseOperatorCommunes(file(commune('00004', { ma_tinh: '1' })), '01')).toThrow(
      'features[0].properties.ma_tinh: must be 2 digits',
    );
  });

  it("refuses communes of another province than the server's", () => {
    expect(() =>
      parseOperatorCommunes(file(commune('00004'), commune('26734', { ma_tinh: '79' })), '01'),
    ).toThrow('features[1].properties.ma_tinh: must be "01"');
  });

  it('refuses a commune code given twice, naming both features', () => {
    expect(() =>
      parseOperatorCommunes(file(commune('00004'), commune('00007'), commune('00004')), '01'),
    ).toThrow('features[2].properties.ma_xa: "00004" duplicates features[0]');
  });

  it('refuses coordinates that are not longitude/latitude (a projected file)', () => {
    expect(() => parseOperatorCommunes(file(commune('00004', {}, 585_000, 2_323_000)), '01')).toThrow(
      /features\[0\]\.geometry\.coordinates\[0\]\[0\]\[0\]: longitude must be between -180 and 180/,
    );
    expect(() => parseOperatorCommunes(file(commune('00004', {}, 105.8, 95)), '01')).toThrow(
      'latitude must be between -90 and 90',
    );
  });

  it('refuses points, lines and open rings', () => {
    const point = { ...commune('00004'), geometry: { type: 'Point', coordinates: [105.8, 21] } };
    expect(() => parseOperatorCommunes(file(point), '01')).toThrow(
      'features[0].geometry.type: must be a Polygon or MultiPolygon',
    );
    const open = commune('00004');
    open.geometry.coordinates[0]?.pop();
    expect(() => parseOperatorCommunes(file(open), '01')).toThrow('ring is not closed');
  });

  it('refuses something that is not a FeatureCollection, or one without features', () => {
    expect(() => parseOperatorCommunes(commune('00004'), '01')).toThrow('type: must be "FeatureCollection"');
    expect(() => parseOperatorCommunes(file(), '01')).toThrow('features: the file has no features');
  });

  it('lists at most ten problems', () => {
    const bad = Array.from({ length: 15 }, (_, i) => commune(String(i)));
    expect(() => parseOperatorCommunes(file(...bad), '01')).toThrow('… and 5 more');
  });
});

describe(loadOperatorCommunes.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'operator-geojson-'));

  it('reads a file and names it in any error', () => {
    const good = join(dir, 'good.geojson');
    writeFileSync(good, JSON.stringify(file(commune('00004'))));
    expect(loadOperatorCommunes(good, '01')).toHaveLength(1);
    expect(() => loadOperatorCommunes(good, '79')).toThrow(`COMMUNES_GEOJSON ${good} is not valid`);
  });

  it('says so when the file is missing or not JSON', () => {
    const broken = join(dir, 'broken.geojson');
    writeFileSync(broken, '{"type": "FeatureCollection", ');
    expect(() => loadOperatorCommunes(broken, '01')).toThrow(/cannot read it as JSON/);
    expect(() => loadOperatorCommunes(join(dir, 'missing.geojson'), '01')).toThrow(/cannot read it as JSON/);
  });
});
