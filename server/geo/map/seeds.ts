import type { MultiPolygon, Pair } from './clip';
import { bboxOf, contains } from './geometry';
import { hash32, mulberry32 } from './prng';

/** Where one ward's synthetic cell grows from. */
export interface Seed {
  code: string;
  point: Pair;
}

/** What a seed must fall in: its former province's part, else the whole province. */
export interface SeedRequest {
  code: string;
  within: MultiPolygon;
}

/** Candidates tried per ward; the one farthest from earlier seeds wins, which evens out the cell sizes. */
const CANDIDATES = 8;
const MAX_TRIES = 20_000;

function randomPointIn(area: MultiPolygon, outline: MultiPolygon, random: () => number): Pair | null {
  const [w, s, e, n] = bboxOf(area);
  for (let i = 0; i < MAX_TRIES; i++) {
    const p: Pair = [w + random() * (e - w), s + random() * (n - s)];
    if (contains(area, p) && contains(outline, p)) return p;
  }
  return null;
}

function nearestDistance2(p: Pair, taken: readonly Seed[]): number {
  let best = Infinity;
  for (const { point } of taken) best = Math.min(best, (point[0] - p[0]) ** 2 + (point[1] - p[1]) ** 2);
  return best;
}

/**
 * One deterministic point per ward, inside `outline` and inside the ward's own `within` part (rejection
 * sampling, Mitchell's best-candidate among a few). Each ward draws from its own PRNG seeded by
 * (seed, ward code), so the draws depend only on the seed, the ward list and its order.
 */
export function placeSeeds(requests: readonly SeedRequest[], outline: MultiPolygon, seed: number): Seed[] {
  const seeds: Seed[] = [];
  for (const { code, within } of requests) {
    const random = mulberry32(hash32(`${seed}:${code}`));
    let best: Pair | null = null;
    let bestDistance = -1;
    for (let c = 0; c < CANDIDATES; c++) {
      const p = randomPointIn(within, outline, random) ?? randomPointIn(outline, outline, random);
      if (!p) throw new Error(`No point found inside the outline for ward ${code}`);
      const d = nearestDistance2(p, seeds);
      if (d > bestDistance) [best, bestDistance] = [p, d];
    }
    // Two equal seeds would leave one ward without a Voronoi cell; distance 0 means exactly that.
    if (!best || bestDistance === 0) throw new Error(`Ward ${code} has no distinct seed point`);
    seeds.push({ code, point: best });
  }
  return seeds;
}
