import { createRequire } from 'node:module';
import type {
  Feature,
  FeatureCollection,
  MultiPolygon as GeoMultiPolygon,
  Polygon as GeoPolygon,
} from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { PROVINCES } from '../../../shared/provinces';
import { intersection, type MultiPolygon } from './clip';
import { bboxOf, bboxPolygon, roundMultiPolygon, type BBox } from './geometry';
import { provinceOutline } from './dissolve';

/** A context shape: a country (coast and borders) or a neighbouring province of 2025. */
export type ContextProperties =
  { kind: 'country'; name: string } | { kind: 'province'; ma_tinh: string; ten_tinh: string };

export type ContextCollection = FeatureCollection<GeoMultiPolygon, ContextProperties>;

let countries: { name: string; outline: MultiPolygon; bbox: BBox }[] | null = null;

/**
 * Countries from `world-atlas` countries-50m (Natural Earth). Only ever cropped around one province: the
 * data lacks Hoàng Sa and shows Trường Sa apart, so it must never become a national map.
 */
function loadCountries() {
  if (countries) return countries;
  const topology = createRequire(import.meta.url)('world-atlas/countries-50m.json') as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  countries = feature(topology, topology.objects.countries).features.flatMap((f) => {
    const g = f.geometry as GeoPolygon | GeoMultiPolygon | null;
    if (!g) return [];
    const outline = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as MultiPolygon;
    return [{ name: f.properties.name, outline, bbox: bboxOf(outline) }];
  });
  return countries;
}

const overlaps = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** The box the context is cropped to: the province's bbox grown by a third of its size on each side. */
function contextBox([w, s, e, n]: BBox): BBox {
  const pad = Math.max(e - w, n - s) / 3;
  return [w - pad, s - pad, e + pad, n + pad];
}

function crop(outline: MultiPolygon, box: BBox): GeoMultiPolygon | null {
  const cropped = roundMultiPolygon(intersection(outline, bboxPolygon(box)));
  return cropped.length > 0 ? { type: 'MultiPolygon', coordinates: cropped } : null;
}

/** Countries and the other provinces of 2025, cropped to the padded box around one province. */
export function contextAround(provinceCode: string, provinceBox: BBox): ContextCollection {
  const box = contextBox(provinceBox);
  const features: Feature<GeoMultiPolygon, ContextProperties>[] = [];
  for (const country of loadCountries()) {
    if (!overlaps(country.bbox, box)) continue;
    const geometry = crop(country.outline, box);
    if (geometry)
      features.push({ type: 'Feature', properties: { kind: 'country', name: country.name }, geometry });
  }
  for (const other of PROVINCES) {
    if (other.code === provinceCode) continue;
    const outline = provinceOutline(other.code);
    if (!overlaps(bboxOf(outline), box)) continue;
    const geometry = crop(outline, box);
    if (geometry)
      features.push({
        type: 'Feature',
        properties: { kind: 'province', ma_tinh: other.code, ten_tinh: other.name },
        geometry,
      });
  }
  return { type: 'FeatureCollection', features };
}
