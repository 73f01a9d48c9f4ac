import { createRequire } from 'node:module';
import type * as PolygonClipping from 'polygon-clipping';

/**
 * `polygon-clipping` ships CommonJS as `module.exports = { union, … }`, which Node's ESM loader cannot
 * split into named exports, so it is loaded with `require` and given the package's own types.
 */
const clipping = createRequire(import.meta.url)('polygon-clipping') as typeof PolygonClipping;

export type { Pair, Ring, Polygon, MultiPolygon } from 'polygon-clipping';

/** Boolean union of polygons (lon/lat), used to dissolve former provinces into one of 2025. */
export const union = clipping.union;

/** Boolean intersection, used to clip Voronoi cells and context to the province or a box. */
export const intersection = clipping.intersection;
