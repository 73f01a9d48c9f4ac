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
import type { Placement } from './placement';
import { communePlacements, syntheticCommunes, type CommuneProperties } from './synthetic-communes';

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
  return buildProvinceMapWithPlacements(provinceCode, opts).map;
}

/** The map and how each ward's cell was placed (gazetteer or not), for the build's report. */
export function buildProvinceMapWithPlacements(
  provinceCode: string,
  opts: { seed?: number } = {},
): { map: ProvinceMap; placements: Placement[] } {
  const province = provinceByCode(provinceCode);
  if (!province) throw new Error(`Unknown province code "${provinceCode}"`);
  const outline = provinceOutline(provinceCode);
  const bbox = roundBBox(bboxOf(outline));
  const { placements, seeds } = communePlacements(provinceCode, outline, opts.seed ?? DEFAULT_SEED);
  const map: ProvinceMap = {
    province: {
      type: 'Feature',
      properties: { ma_tinh: province.code, ten_tinh: province.name },
      geometry: { type: 'MultiPolygon', coordinates: roundMultiPolygon(outline) },
    },
    communes: syntheticCommunes(provinceCode, outline, seeds),
    context: contextAround(provinceCode, bbox),
    bbox,
    synthetic: true,
  };
  return { map, placements };
}
