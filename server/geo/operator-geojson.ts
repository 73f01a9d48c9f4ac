import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Properties of an operator's commune: real boundaries, so `synthetic` is false. */
export interface OperatorCommuneProperties {
  ma_xa: string;
  ten_xa: string;
  ma_tinh: string;
  synthetic: false;
}

export type OperatorCommune = Feature<Polygon | MultiPolygon, OperatorCommuneProperties>;

const longitude = z
  .number()
  .min(-180, 'longitude must be between -180 and 180')
  .max(180, 'longitude must be between -180 and 180');
const latitude = z
  .number()
  .min(-90, 'latitude must be between -90 and 90')
  .max(90, 'latitude must be between -90 and 90');
/** [lon, lat] with an optional altitude; a file in a projected system (metres) fails here. */
const position = z.tuple([longitude, latitude]).rest(z.number());
/** A closed ring (GeoJSON requires the first position repeated last). */
const ring = z
  .array(position)
  .min(4, 'a ring needs at least 4 positions')
  .refine((r) => r[0]?.[0] === r.at(-1)?.[0] && r[0]?.[1] === r.at(-1)?.[1], 'ring is not closed');
const polygon = z.array(ring).min(1, 'a polygon needs an outer ring');

const geometry = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Polygon'), coordinates: polygon }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1) }),
  ],
  { error: 'must be a Polygon or MultiPolygon' },
);

const properties = z.object({
  ma_xa: z.string({ error: 'must be 5 digits (a string)' }).regex(/^\d{5}$/, 'must be 5 digits'),
  ten_xa: z.string({ error: 'must be a non-empty name' }).trim().min(1, 'must be a non-empty name'),
  ma_tinh: z.string({ error: 'must be 2 digits (a string)' }).regex(/^\d{2}$/, 'must be 2 digits'),
});

const collection = z.object({
  type: z.literal('FeatureCollection', { error: 'must be "FeatureCollection"' }),
  features: z
    .array(z.object({ type: z.literal('Feature', { error: 'must be "Feature"' }), geometry, properties }))
    .min(1, 'the file has no features'),
});

/** Enough lines to fix a file, not a screenful of the same mistake repeated on every feature. */
const MAX_ISSUES = 10;

/** `features[3].properties.ma_xa` from zod's ['features', 3, 'properties', 'ma_xa']. */
function pathName(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)),
    '',
  );
}

/**
 * Checks an operator's parsed GeoJSON against the province the server runs for. Throws an Error listing
 * each problem as `features[i].field: what is wrong`, so the operator can fix the file without guessing.
 */
export function parseOperatorCommunes(json: unknown, province: string): OperatorCommune[] {
  const r = collection.safeParse(json);
  const problems = r.success
    ? []
    : r.error.issues.map((i) => `${pathName(i.path) || '(file)'}: ${i.message}`);
  if (r.success) {
    const firstIndex = new Map<string, number>();
    r.data.features.forEach((f, i) => {
      const { ma_xa, ma_tinh } = f.properties;
      if (ma_tinh !== province)
        problems.push(
          `features[${i}].properties.ma_tinh: must be "${province}" (the server's province), not "${ma_tinh}"`,
        );
      const seen = firstIndex.get(ma_xa);
      if (seen !== undefined)
        problems.push(`features[${i}].properties.ma_xa: "${ma_xa}" duplicates features[${seen}]`);
      else firstIndex.set(ma_xa, i);
    });
  }
  if (problems.length > 0 || !r.success) {
    const shown = problems.slice(0, MAX_ISSUES);
    if (problems.length > MAX_ISSUES) shown.push(`… and ${problems.length - MAX_ISSUES} more`);
    throw new Error(shown.map((p) => `  ${p}`).join('\n'));
  }
  return r.data.features.map((f) => ({
    type: 'Feature',
    geometry: f.geometry as Polygon | MultiPolygon,
    properties: { ...f.properties, synthetic: false },
  }));
}

/**
 * Reads the operator's commune boundaries (COMMUNES_GEOJSON) at start. A missing, unreadable or invalid
 * file throws, naming the file: the server must not start showing a map the operator did not mean.
 */
export function loadOperatorCommunes(file: string, province: string): OperatorCommune[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`COMMUNES_GEOJSON ${file}: cannot read it as JSON: ${(err as Error).message}`);
  }
  try {
    return parseOperatorCommunes(json, province);
  } catch (err) {
    throw new Error(`COMMUNES_GEOJSON ${file} is not valid commune boundaries:\n${(err as Error).message}`);
  }
}
