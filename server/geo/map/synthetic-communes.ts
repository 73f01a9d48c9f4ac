import { Delaunay } from 'd3-delaunay';
import type {
  Feature,
  FeatureCollection,
  MultiPolygon as GeoMultiPolygon,
  Polygon as GeoPolygon,
} from 'geojson';
import { provinceByCode } from '../../../shared/provinces';
import { wardsOf } from '../wards';
import { intersection, type MultiPolygon, type Polygon } from './clip';
import { area, bboxOf, roundMultiPolygon } from './geometry';
import { oldProvinceOutline } from './old-provinces';
import { planPlacements, type Placement } from './placement';
import { placeSeeds, type Seed } from './seeds';
import { wardOrigin } from './ward-origins';

/** Properties of a commune feature; `synthetic` says its boundary is invented, not official. */
export interface CommuneProperties {
  ma_xa: string;
  ten_xa: string;
  ma_tinh: string;
  synthetic: true;
}

export type CommuneFeature = Feature<GeoPolygon | GeoMultiPolygon, CommuneProperties>;

/** A seed within about this many cells' widths of its former district's found wards. */
const DISTRICT_REACH = 1.5;

/** How each ward of a province is placed (for the build report) and the seed it grows from. */
export function communePlacements(
  provinceCode: string,
  outline: MultiPolygon,
  seed: number,
): { placements: Placement[]; seeds: Seed[] } {
  const mergedFrom = provinceByCode(provinceCode)?.mergedFrom ?? [];
  const wards = wardsOf(provinceCode).map(({ code, name }) => {
    const origin = mergedFrom.length > 1 ? wardOrigin(code, mergedFrom) : undefined;
    return { code, name, within: origin ? oldProvinceOutline(origin) : outline };
  });
  const placements = planPlacements(wards, outline);
  const radius = DISTRICT_REACH * Math.sqrt(area(outline) / Math.max(1, wards.length));
  const requests = wards.map(({ code, within }, i) => {
    const { point, anchors } = placements[i] ?? {};
    return { code, within, ...(point ? { point } : {}), ...(anchors ? { anchors, radius } : {}) };
  });
  return { placements, seeds: placeSeeds(requests, outline, seed) };
}

/** The seed points of a province's wards, exported so tests can check where cells grow from. */
export function communeSeeds(provinceCode: string, outline: MultiPolygon, seed: number): Seed[] {
  return communePlacements(provinceCode, outline, seed).seeds;
}

function toGeometry(geom: MultiPolygon): GeoPolygon | GeoMultiPolygon {
  const [only] = geom;
  return geom.length === 1 && only
    ? { type: 'Polygon', coordinates: only }
    : { type: 'MultiPolygon', coordinates: geom };
}

/**
 * A synthetic partition of the province into one cell per real ward: Voronoi cells of the seed points,
 * each clipped to the outline. Voronoi cells never overlap and each holds its own seed, which lies inside
 * the outline, so every ward gets exactly one non-empty feature.
 */
export function syntheticCommunes(
  provinceCode: string,
  outline: MultiPolygon,
  seeds: readonly Seed[],
): FeatureCollection<GeoPolygon | GeoMultiPolygon, CommuneProperties> {
  const names = new Map(wardsOf(provinceCode).map((w) => [w.code, w.name]));
  const [w, s, e, n] = bboxOf(outline);
  const voronoi = Delaunay.from(seeds.map((x) => x.point)).voronoi([w - 0.01, s - 0.01, e + 0.01, n + 0.01]);
  const features = seeds.map(({ code }, i): CommuneFeature => {
    const cell = voronoi.cellPolygon(i) as Polygon[number] | null;
    if (!cell) throw new Error(`Ward ${code} has no Voronoi cell`);
    const clipped = roundMultiPolygon(intersection([cell], outline));
    if (clipped.length === 0) throw new Error(`Ward ${code}'s cell lies outside the province`);
    return {
      type: 'Feature',
      properties: { ma_xa: code, ten_xa: names.get(code) ?? code, ma_tinh: provinceCode, synthetic: true },
      geometry: toGeometry(clipped),
    };
  });
  return { type: 'FeatureCollection', features };
}
