import type { MultiPolygon, Pair } from './clip';
import { bboxOf, contains } from './geometry';
import { hash32, mulberry32 } from './prng';

/** Where one ward's synthetic cell grows from. */
export interface Seed {
  code: string;
  point: Pair;
}

/**
 * What a seed must fall in: its former province's part, else the whole province. `point` fixes it (a
 * place the gazetteer knows); `anchors` keeps it within `radius` of one of them (its former district).
 */
export interface SeedRequest {
  code: string;
  within: MultiPolygon;
  point?: Pair;
  anchors?: readonly Pair[];
  radius?: number;
}

/** Candidates tried per ward; the one farthest from earlier seeds wins, which evens out the cell sizes. */
const CANDIDATES = 8;
const MAX_TRIES = 20_000;
/** Tries near the anchors before a ward falls back to its whole former province. */
const NEAR_TRIES = 400;

function randomPointIn(area: MultiPolygon, outline: MultiPolygon, random: () => number): Pair | null {
  const [w, s, e, n] = bboxOf(area);
  for (let i = 0; i < MAX_TRIES; i++) {
    const p: Pair = [w + random() * (e - w), s + random() * (n - s)];
    if (contains(area, p) && contains(outline, p)) return p;
  }
  return null;
}

function randomPointNear(
  { anchors = [], radius = 0, within }: SeedRequest,
  outline: MultiPolygon,
  random: () => number,
): Pair | null {
  if (anchors.length === 0 || radius <= 0) return null;
  for (let i = 0; i < NEAR_TRIES; i++) {
    const anchor = anchors[Math.floor(random() * anchors.length)] as Pair;
    const angle = random() * 2 * Math.PI;
    const r = radius * Math.sqrt(random());
    const p: Pair = [anchor[0] + r * Math.cos(angle), anchor[1] + r * Math.sin(angle)];
    if (contains(within, p) && contains(outline, p)) return p;
  }
  return null;
}

function nearestDistance2(p: Pair, taken: readonly Pair[]): number {
  let best = Infinity;
  for (const point of taken) best = Math.min(best, (point[0] - p[0]) ** 2 + (point[1] - p[1]) ** 2);
  return best;
}

const samePoint = (a: Pair, b: Pair) => a[0] === b[0] && a[1] === b[1];

/**
 * One deterministic point per ward, inside `outline`. Fixed points (inside the outline, each used once)
 * are kept; the others are drawn by rejection sampling, near their anchors when they have some, else in
 * their `within` part, Mitchell's best-candidate among a few so the cells come out even. Each ward draws
 * from its own PRNG seeded by (seed, ward code), so the draws depend only on the seed and the ward list.
 * Returns the seeds in the order of `requests`.
 */
export function placeSeeds(requests: readonly SeedRequest[], outline: MultiPolygon, seed: number): Seed[] {
  const taken: Pair[] = [];
  const fixed = new Map<string, Pair>();
  for (const { code, point } of requests) {
    if (!point || !contains(outline, point) || taken.some((t) => samePoint(t, point))) continue;
    fixed.set(code, point);
    taken.push(point);
  }
  return requests.map((request): Seed => {
    const { code, within } = request;
    const kept = fixed.get(code);
    if (kept) return { code, point: kept };
    const random = mulberry32(hash32(`${seed}:${code}`));
    let best: Pair | null = null;
    let bestDistance = -1;
    for (let c = 0; c < CANDIDATES; c++) {
      const p =
        randomPointNear(request, outline, random) ??
        randomPointIn(within, outline, random) ??
        randomPointIn(outline, outline, random);
      if (!p) throw new Error(`No point found inside the outline for ward ${code}`);
      const d = nearestDistance2(p, taken);
      if (d > bestDistance) [best, bestDistance] = [p, d];
    }
    // Two equal seeds would leave one ward without a Voronoi cell; distance 0 means exactly that.
    if (!best || bestDistance === 0) throw new Error(`Ward ${code} has no distinct seed point`);
    taken.push(best);
    return { code, point: best };
  });
}
