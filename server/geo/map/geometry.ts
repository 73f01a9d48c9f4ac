import type { MultiPolygon, Pair, Polygon, Ring } from './clip';

/** A bounding box [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

/** Signed planar area of a ring in square degrees; only ever compared with other areas here. */
function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Pair;
    const [xj, yj] = ring[j] as Pair;
    sum += (xj - xi) * (yj + yi);
  }
  return sum / 2;
}

/** Planar area of a multipolygon (outer rings minus holes), in square degrees. */
export function area(geom: MultiPolygon): number {
  let total = 0;
  for (const polygon of geom)
    polygon.forEach((ring, i) => (total += i === 0 ? Math.abs(ringArea(ring)) : -Math.abs(ringArea(ring))));
  return total;
}

function ringContains(ring: Ring, [x, y]: Pair): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Pair;
    const [xj, yj] = ring[j] as Pair;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a point lies inside a polygon with holes (even-odd rule, so holes count as outside). */
function polygonContains(polygon: Polygon, point: Pair): boolean {
  return polygon.reduce((inside, ring) => (ringContains(ring, point) ? !inside : inside), false);
}

/** Whether a point lies inside any part of a multipolygon. */
export function contains(geom: MultiPolygon, point: Pair): boolean {
  return geom.some((polygon) => polygonContains(polygon, point));
}

/** The bounding box of a multipolygon. */
export function bboxOf(geom: MultiPolygon): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of geom)
    for (const [x, y] of polygon[0] ?? []) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  return box;
}

/** A closed rectangle polygon for a bbox, to crop with `intersection`. */
export function bboxPolygon([w, s, e, n]: BBox): Polygon {
  return [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ];
}

const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

/**
 * Rounds to 5 decimals (about 1 m, far below what a wall shows) to keep the shipped files small, dropping
 * the repeated vertices and collapsed rings that rounding can leave behind.
 */
export function roundMultiPolygon(geom: MultiPolygon): MultiPolygon {
  const out: MultiPolygon = [];
  for (const polygon of geom) {
    const rings: Ring[] = [];
    for (const ring of polygon) {
      const rounded: Ring = [];
      for (const [x, y] of ring) {
        const p: Pair = [round5(x), round5(y)];
        const last = rounded[rounded.length - 1];
        if (!last || last[0] !== p[0] || last[1] !== p[1]) rounded.push(p);
      }
      if (rounded.length >= 4) rings.push(rounded);
      else if (rings.length === 0) break; // outer ring collapsed: the whole polygon goes
    }
    if (rings.length > 0) out.push(rings);
  }
  return out;
}

/** Rounds a bbox to 5 decimals, like the geometry it frames. */
export const roundBBox = (box: BBox): BBox => box.map(round5) as BBox;
