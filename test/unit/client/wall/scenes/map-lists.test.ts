import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  communeValues,
  mostOf,
  NO_VALUES,
  periodCommuneValues,
  sampleOf,
  underSample,
  weakest,
} from '../../../../../client/wall/scenes/map-lists';
import { interiorPoint, labelPoints, shortName } from '../../../../../client/lib/map/label-points';
import { lateMarkers, provinceStyle, type ProvinceGeo } from '../../../../../client/lib/map/style';
import { KPI_BY_ID, type KpiDef } from '../../../../../shared/kpis';
import type { KpiKey, WireKpi } from '../../../../../shared/socket';

const onTime = KPI_BY_ID.get('onTimeRate') as KpiDef;
const feed = (entries: [string, WireKpi][]) => new Map(entries as [KpiKey, WireKpi][]);

describe(communeValues.name, () => {
  it("picks one KPI's commune values out of the units feed", () => {
    const values = feed([
      ['commune:00004|onTimeRate', [0.9, 9, 10]],
      ['commune:00004|open.late', [3, 3, null]],
      ['agency:so-tu-phap|onTimeRate', [1, 1, 1]],
      ['commune:00007|onTimeRate', [null, 0, 0]],
    ]);
    expect([...communeValues(values, 'onTimeRate').values()]).toEqual([
      { code: '00004', value: 0.9, num: 9, den: 10 },
      { code: '00007', value: null, num: 0, den: 0 },
    ]);
  });
});

describe(mostOf.name, () => {
  it('lists the largest counts first and leaves out zeros', () => {
    const values = communeValues(
      feed([
        ['commune:00001|open.late', [2, 2, null]],
        ['commune:00002|open.late', [0, 0, null]],
        ['commune:00003|open.late', [7, 7, null]],
      ]),
      'open.late',
    );
    expect(mostOf(values, 10).map((v) => v.code)).toEqual(['00003', '00001']);
  });
});

describe(weakest.name, () => {
  const values = communeValues(
    feed([
      ['commune:00001|onTimeRate', [0.5, 1, 2]],
      ['commune:00002|onTimeRate', [0.8, 16, 20]],
      ['commune:00003|onTimeRate', [0.95, 19, 20]],
      ['commune:00004|onTimeRate', [0.75, 15, 19]],
      ['commune:00005|onTimeRate', [null, 0, 0]],
    ]),
    'onTimeRate',
  );

  it('lists the lowest rates first, over the minimum sample only, and counts those under it', () => {
    expect(weakest(onTime, values, 10, 20).map((v) => v.code)).toEqual(['00002', '00003']);
    // 1/2 and 15/19 are under 20 dossiers; a commune with no rate is not "under" anything.
    expect(underSample(values, 20)).toBe(2);
    expect(weakest(onTime, values, 10, 5).map((v) => v.code)).toEqual(['00004', '00002', '00003']);
    expect(underSample(values, 5)).toBe(1);
    expect(weakest(onTime, values, 1, 20).map((v) => v.code)).toEqual(['00002']);
  });

  it('ranks a count (no denominator) whatever the floor', () => {
    const late = communeValues(feed([['commune:00001|open.late', [3, 3, null]]]), 'open.late');
    const lateDef = KPI_BY_ID.get('open.late') as KpiDef;
    expect(weakest(lateDef, late, 10, 1000).map((v) => v.code)).toEqual(['00001']);
    expect(underSample(late, 1000)).toBe(0);
  });
});

describe(sampleOf.name, () => {
  it('says what a listed rate rests on, and nothing for a count or an unknown rate', () => {
    const v = communeValues(feed([['commune:00001|onTimeRate', [25 / 26, 25, 26]]]), 'onTimeRate');
    expect(sampleOf(onTime, v.get('00001')!, 'vi')).toBe('(25/26)');
    const big = communeValues(feed([['commune:00001|onTimeRate', [0.99, 1234, 1250]]]), 'onTimeRate');
    expect(sampleOf(onTime, big.get('00001')!, 'vi')).toBe('(1.234/1.250)');
    const lateDef = KPI_BY_ID.get('open.late') as KpiDef;
    expect(sampleOf(lateDef, { code: '1', value: 3, num: 3, den: null }, 'vi')).toBeNull();
    expect(sampleOf(onTime, { code: '1', value: null, num: 0, den: 0 }, 'vi')).toBeNull();
  });
});

const square = (x: number, y: number, size = 1): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

describe(interiorPoint.name, () => {
  it('finds a point inside a U-shaped commune, whose centroid lies outside it', () => {
    const u = [
      [
        [0, 0],
        [3, 0],
        [3, 3],
        [2, 3],
        [2, 1],
        [1, 1],
        [1, 3],
        [0, 3],
        [0, 0],
      ],
    ];
    const [x, y] = interiorPoint(u);
    expect(y < 1 || x < 1 || x > 2).toBe(true);
  });
});

describe(shortName.name, () => {
  it('drops the kind of unit from a name', () => {
    expect(shortName('Phường Ba Đình')).toBe('Ba Đình');
    expect(shortName('Xã Đông Anh')).toBe('Đông Anh');
    expect(shortName('Đặc khu Phú Quốc')).toBe('Phú Quốc');
    expect(shortName('Ba Vì')).toBe('Ba Vì');
  });
});

describe(labelPoints.name, () => {
  it('puts one label per commune in its largest part, the largest commune ranked first', () => {
    const communes: FeatureCollection<Polygon, { ma_xa: string; ten_xa: string }> = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: square(0, 0, 1), properties: { ma_xa: '00001', ten_xa: 'Xã Nhỏ' } },
        { type: 'Feature', geometry: square(5, 5, 2), properties: { ma_xa: '00002', ten_xa: 'Xã Lớn' } },
      ],
    };
    const sut = labelPoints(communes);
    expect(sut.features.map(({ properties: { ring: _ring, ...rest } }) => rest)).toEqual([
      { ma_xa: '00001', ten_xa: 'Xã Nhỏ', short: 'Nhỏ', rank: 1 },
      { ma_xa: '00002', ten_xa: 'Xã Lớn', short: 'Lớn', rank: 0 },
    ]);
    const [x = 0, y = 0] = sut.features[1]?.geometry.coordinates ?? [];
    expect(x > 5 && x < 7 && y > 5 && y < 7).toBe(true);
  });
});

describe(provinceStyle.name, () => {
  const geo: ProvinceGeo = {
    province: {
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: [square(0, 0, 3).coordinates] },
      properties: { ma_tinh: '01', ten_tinh: 'Hà Nội' },
    },
    communes: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: square(0, 0),
          properties: { ma_xa: '00004', ten_xa: 'Phường Ba Đình', ma_tinh: '01', synthetic: true },
        },
      ],
    },
    context: { type: 'FeatureCollection', features: [] },
    bbox: [0, 0, 3, 3],
    synthetic: true,
  };
  const sut = provinceStyle(geo, labelPoints(geo.communes), 18);

  it('loads nothing from any host: inline sources, no glyphs, no sprite', () => {
    const json = JSON.stringify(sut);
    expect(json).not.toMatch(/https?:\/\/|"url"|"tiles"/);
    expect(sut).not.toHaveProperty('glyphs');
    expect(sut).not.toHaveProperty('sprite');
  });

  it('joins communes to live values by ma_xa and writes labels in the page font', () => {
    expect(sut.sources.communes).toMatchObject({ type: 'geojson', promoteId: 'ma_xa' });
    const fonts = sut.layers.flatMap((l) => (l.type === 'symbol' ? [l.layout?.['text-font']] : []));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => JSON.stringify(f) === '["Be Vietnam Pro"]')).toBe(true);
  });
});

describe(lateMarkers.name, () => {
  it('marks only communes with late dossiers, at their ring points apart from the names', () => {
    const labels = labelPoints({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: square(0, 0), properties: { ma_xa: '00001', ten_xa: 'Xã A' } },
        { type: 'Feature', geometry: square(2, 0), properties: { ma_xa: '00002', ten_xa: 'Xã B' } },
      ],
    });
    const sut = lateMarkers(
      labels,
      new Map([
        ['00001', 0],
        ['00002', 4],
      ]),
    );
    expect(sut.features.map((f) => f.properties)).toEqual([{ ma_xa: '00002', late: 4 }]);
    expect(sut.features[0]?.geometry.coordinates).toEqual(labels.features[1]?.properties.ring);
    expect(sut.features[0]?.geometry.coordinates).not.toEqual(labels.features[1]?.geometry.coordinates);
  });
});

describe(periodCommuneValues.name, () => {
  const answer = {
    period: '7d' as const,
    from: '2026-12-01' as never,
    to: '2026-12-07' as never,
    coverage: 'full' as const,
    dataFrom: '2026-11-29' as never,
    serverTime: 0,
    sources: {},
    kpis: ['onTimeRate', 'open.late'],
    communes: {
      '00004': [
        [0.9, 27, 30],
        [2, 2, null],
      ],
      '00007': [
        [0.5, 1, 2],
        [0, 0, null],
      ],
      // Before the data: unknown, never 0.
      '00010': [
        [null, null, null],
        [null, null, null],
      ],
    } as Record<string, [number | null, number | null, number | null][]>,
  };

  it("reads one KPI of the period's answer per commune, unknown kept null", () => {
    const values = periodCommuneValues(answer, 'onTimeRate');
    expect(values.get('00004')).toEqual({ code: '00004', value: 0.9, num: 27, den: 30 });
    expect(values.get('00010')).toEqual({ code: '00010', value: null, num: 0, den: null });
    expect(periodCommuneValues(answer, 'open.late').get('00004')?.value).toBe(2);
    expect(periodCommuneValues(answer, 'syncRate').size).toBe(0);
    expect(NO_VALUES.size).toBe(0);
  });

  it('applies the minimum sample to period values as to live ones: 1 of 2 is coloured, not ranked', () => {
    const values = periodCommuneValues(answer, 'onTimeRate');
    expect(weakest(onTime, values, 10, 20).map((v) => v.code)).toEqual(['00004']);
    expect(underSample(values, 20)).toBe(1);
    expect(sampleOf(onTime, values.get('00004')!, 'vi')).toBe('(27/30)');
  });
});
