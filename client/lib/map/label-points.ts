import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';

/** Properties of a commune's label point. */
export interface LabelProperties {
  ma_xa: string;
  ten_xa: string;
  /** The name without "Phường"/"Xã"/"Đặc khu", so more names fit on the map. */
  short: string;
  /** Larger communes win label collisions (MapLibre places lower sort keys first). */
  rank: number;
  /** Where the commune's late-dossier ring goes, apart from the name: [lon, lat]. */
  ring: [number, number];
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
/** Rounds of refinement around the best grid point, each on a grid half as wide. */
const REFINE = 4;

const insideOf = (polygon: Ring[]) => (x: number, y: number) =>
  polygon.reduce((acc, r) => (ringContains(r, x, y) ? !acc : acc), false);

function boundsOf(polygon: Ring[]): [number, number, number, number] {
  const outer = polygon[0] ?? [];
  const xs = outer.map((p) => p[0] ?? 0);
  const ys = outer.map((p) => p[1] ?? 0);
  return [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
}

/**
 * The midpoint of the widest inside stretch of a horizontal line across the polygon, tried at several
 * heights: inside by construction, for the thin slivers a grid can miss altogether.
 */
function scanlinePoint(polygon: Ring[], s: number, n: number): [number, number] | null {
  const inside = insideOf(polygon);
  let best: [number, number] | null = null;
  let widest = 0;
  for (let k = 1; k < 16; k++) {
    const y = s + ((n - s) * k) / 16;
    const xs: number[] = [];
    for (const ring of polygon)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi = 0, yi = 0] = ring[i] ?? [];
        const [xj = 0, yj = 0] = ring[j] ?? [];
        if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
      }
    xs.sort((a, b) => a - b);
    for (let i = 0; i + 1 < xs.length; i++) {
      const [a = 0, b = 0] = [xs[i], xs[i + 1]];
      const x = (a + b) / 2;
      if (b - a > widest && inside(x, y)) [best, widest] = [[x, y], b - a];
    }
  }
  return best;
}

/**
 * The inside point farthest from the edges and, when `awayFrom` is given, from that point too: a
 * grid search refined around the best point (a pole of inaccessibility, like polylabel), with a scanline
 * fallback. A centroid can fall outside a concave or ring-shaped commune; this cannot.
 */
function bestInside(polygon: Ring[], awayFrom?: [number, number]): [number, number] {
  const [w, e, s, n] = boundsOf(polygon);
  const inside = insideOf(polygon);
  const score = (x: number, y: number) => {
    const edge = edgeDistance2(polygon, x, y);
    if (!awayFrom) return edge;
    return Math.min(edge, (x - awayFrom[0]) ** 2 + (y - awayFrom[1]) ** 2);
  };
  let best: [number, number] | null = null;
  let bestD = -1;
  const consider = (x: number, y: number) => {
    if (!inside(x, y)) return;
    const d = score(x, y);
    if (d > bestD) [best, bestD] = [[x, y], d];
  };
  consider((w + e) / 2, (s + n) / 2);
  for (let i = 0; i <= GRID; i++)
    for (let j = 0; j <= GRID; j++)
      consider(w + ((e - w) * (i + 0.5)) / (GRID + 1), s + ((n - s) * (j + 0.5)) / (GRID + 1));
  best ??= scanlinePoint(polygon, s, n);
  if (!best) return [(w + e) / 2, (s + n) / 2];
  let [dx, dy] = [(e - w) / (GRID + 1), (n - s) / (GRID + 1)];
  for (let round = 0; round < REFINE; round++) {
    const [cx, cy]: [number, number] = best;
    for (let i = -2; i <= 2; i++)
      for (let j = -2; j <= 2; j++) consider(cx + (i * dx) / 2, cy + (j * dy) / 2);
    [dx, dy] = [dx / 2, dy / 2];
  }
  return best;
}

/** A point well inside a polygon, for its label: as far from every edge as the search finds. */
export function interiorPoint(polygon: Ring[]): [number, number] {
  return bestInside(polygon);
}

/**
 * Where a commune's late-dossier ring goes: inside the commune but as far from its label point as the
 * commune allows, so the ring does not sit on the name.
 */
export function ringPoint(polygon: Ring[], label: [number, number]): [number, number] {
  return bestInside(polygon, label);
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

/** One label point per commune, inside its largest part, and the point for its ring apart from it. */
export function labelPoints(
  communes: FeatureCollection<Polygon | MultiPolygon, { ma_xa: string; ten_xa: string }>,
): FeatureCollection<Point, LabelProperties> {
  const sized = communes.features.map((f) => ({ f, ...largestPart(f.geometry) }));
  const byArea = sized.map((s) => s.area).sort((a, b) => b - a);
  const features = sized.map(({ f, largest, area }): Feature<Point, LabelProperties> => {
    const label = interiorPoint(largest);
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: label },
      properties: {
        ma_xa: f.properties.ma_xa,
        ten_xa: f.properties.ten_xa,
        short: shortName(f.properties.ten_xa),
        rank: byArea.indexOf(area),
        ring: ringPoint(largest, label),
      },
    };
  });
  return { type: 'FeatureCollection', features };
}
