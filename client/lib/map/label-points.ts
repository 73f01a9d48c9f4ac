import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';

/** Properties of a commune's label point. */
export interface LabelProperties {
  ma_xa: string;
  ten_xa: string;
  /** The name without "Phường"/"Xã"/"Đặc khu", so more names fit on the map. */
  short: string;
  /** Larger communes win label collisions (MapLibre places lower sort keys first). */
  rank: number;
}

type Ring = Position[];

/** Signed planar area (square degrees; only compared here). */
function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    sum += (xj - xi) * (yj + yi);
  }
  return sum / 2;
}

function ringContains(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Squared distance from (x, y) to the nearest edge of any ring. */
function edgeDistance2(polygon: Ring[], x: number, y: number): number {
  let best = Infinity;
  for (const ring of polygon)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax = 0, ay = 0] = ring[j] ?? [];
      const [bx = 0, by = 0] = ring[i] ?? [];
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
      const ex = ax + t * dx - x;
      const ey = ay + t * dy - y;
      best = Math.min(best, ex * ex + ey * ey);
    }
  return best;
}

const GRID = 16;

/**
 * A point well inside a polygon, for its label: the grid point farthest from every edge (a coarse
 * pole of inaccessibility). A centroid can fall outside a concave or ring-shaped commune; this cannot.
 */
export function interiorPoint(polygon: Ring[]): [number, number] {
  const outer = polygon[0] ?? [];
  const xs = outer.map((p) => p[0] ?? 0);
  const ys = outer.map((p) => p[1] ?? 0);
  const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const inside = (x: number, y: number) =>
    polygon.reduce((acc, r) => (ringContains(r, x, y) ? !acc : acc), false);
  let best: [number, number] = [(w + e) / 2, (s + n) / 2];
  let bestD = inside(...best) ? edgeDistance2(polygon, ...best) : -1;
  for (let i = 0; i <= GRID; i++)
    for (let j = 0; j <= GRID; j++) {
      const x = w + ((e - w) * (i + 0.5)) / (GRID + 1);
      const y = s + ((n - s) * (j + 0.5)) / (GRID + 1);
      if (!inside(x, y)) continue;
      const d = edgeDistance2(polygon, x, y);
      if (d > bestD) [best, bestD] = [[x, y], d];
    }
  return best;
}

/** "Phường Ba Đình" → "Ba Đình"; a name that is only a type word stays whole. */
export function shortName(name: string): string {
  const m = /^(Phường|Xã|Thị trấn|Đặc khu)\s+(.+)$/u.exec(name.trim());
  return m?.[2] ?? name;
}

/** The largest part of a (multi)polygon, where its one label goes. */
function largestPart(geometry: Polygon | MultiPolygon): { largest: Ring[]; area: number } {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const areas = parts.map((p) => Math.abs(ringArea(p[0] ?? [])));
  const largest = parts[areas.indexOf(Math.max(...areas))] ?? [];
  return { largest, area: areas.reduce((a, b) => a + b, 0) };
}

/**
 * One label per neighbouring province, for orientation. Labelling the polygons themselves would repeat
 * a name in every tile they cross; countries are left unnamed (world-atlas names them in English).
 */
export function contextLabels(
  context: FeatureCollection<Polygon | MultiPolygon, { kind: string; ten_tinh?: string }>,
): FeatureCollection<Point, { name: string }> {
  return {
    type: 'FeatureCollection',
    features: context.features.flatMap((f) =>
      f.properties.kind === 'province' && f.properties.ten_tinh
        ? [
            {
              type: 'Feature' as const,
              geometry: {
                type: 'Point' as const,
                coordinates: interiorPoint(largestPart(f.geometry).largest),
              },
              properties: { name: f.properties.ten_tinh },
            },
          ]
        : [],
    ),
  };
}

/** One label point per commune, inside its largest part. */
export function labelPoints(
  communes: FeatureCollection<Polygon | MultiPolygon, { ma_xa: string; ten_xa: string }>,
): FeatureCollection<Point, LabelProperties> {
  const sized = communes.features.map((f) => ({ f, ...largestPart(f.geometry) }));
  const byArea = sized.map((s) => s.area).sort((a, b) => b - a);
  const features = sized.map(({ f, largest, area }): Feature<Point, LabelProperties> => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: interiorPoint(largest) },
    properties: {
      ma_xa: f.properties.ma_xa,
      ten_xa: f.properties.ten_xa,
      short: shortName(f.properties.ten_xa),
      rank: byArea.indexOf(area),
    },
  }));
  return { type: 'FeatureCollection', features };
}
