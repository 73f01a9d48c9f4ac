import type {
  Feature,
  FeatureCollection,
  MultiPolygon as GeoMultiPolygon,
  Polygon as GeoPolygon,
} from 'geojson';
import { provinceByCode } from '../../../shared/provinces';
import { contextAround, type ContextCollection } from './context';
import { provinceOutline } from './dissolve';
import { bboxOf, roundBBox, roundMultiPolygon, type BBox } from './geometry';
import { syntheticCommunes, type CommuneProperties } from './synthetic-communes';

/** Properties of the province outline feature. */
export interface ProvinceProperties {
  ma_tinh: string;
  ten_tinh: string;
}

/** Everything the wall's map shows for one province, shipped as `province-<code>.json`. */
export interface ProvinceMap {
  province: Feature<GeoMultiPolygon, ProvinceProperties>;
  /** One synthetic cell per real ward: banner "Ranh giới mô phỏng — không chính thức". */
  communes: FeatureCollection<GeoPolygon | GeoMultiPolygon, CommuneProperties>;
  /** Countries and neighbouring provinces cropped around the province, for orientation only. */
  context: ContextCollection;
  bbox: BBox;
  synthetic: true;
}

/** The seed used when none is given, so every build ships the same map. */
const DEFAULT_SEED = 2025;

/** Builds one province's map from the data shipped in npm packages; no network. */
export function buildProvinceMap(provinceCode: string, opts: { seed?: number } = {}): ProvinceMap {
  const province = provinceByCode(provinceCode);
  if (!province) throw new Error(`Unknown province code "${provinceCode}"`);
  const outline = provinceOutline(provinceCode);
  const bbox = roundBBox(bboxOf(outline));
  return {
    province: {
      type: 'Feature',
      properties: { ma_tinh: province.code, ten_tinh: province.name },
      geometry: { type: 'MultiPolygon', coordinates: roundMultiPolygon(outline) },
    },
    communes: syntheticCommunes(provinceCode, outline, opts.seed ?? DEFAULT_SEED),
    context: contextAround(provinceCode, bbox),
    bbox,
    synthetic: true,
  };
}
