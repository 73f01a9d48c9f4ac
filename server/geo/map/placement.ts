import type { MultiPolygon, Pair } from './clip';
import { contains } from './geometry';
import { foldPlaceName, isNumberedName, vietnamPlaces, wardHistories, type Place } from './gazetteer';

/**
 * Where each ward's seed should go, from the gazetteer: at the place named like the ward ("ward"), else
 * among the places named like the wards merged into it in 2025 ("former-ward"), else near the wards of
 * its former district that were found ("district"), else anywhere in its former province ("spread").
 */
export type PlacementKind = 'ward' | 'former-ward' | 'district' | 'spread';

export interface Placement {
  code: string;
  name: string;
  kind: PlacementKind;
  /** The gazetteer's name(s) of the place(s) used, for the build report. */
  matched: string[];
  /** The exact seed, for "ward" and "former-ward". */
  point?: Pair;
  /** Points to grow near, for "district". */
  anchors?: Pair[];
}

export interface WardToPlace {
  code: string;
  name: string;
  /** The ward's former province part, when the province merged several; else the whole outline. */
  within: MultiPolygon;
}

const distance2 = (a: Pair, b: Pair) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;

/** The point of a set nearest to all the others (a medoid): one of the places, so inside the province. */
function medoid(points: readonly Place[]): Place | undefined {
  let best: Place | undefined;
  let bestSum = Infinity;
  for (const p of points) {
    const sum = points.reduce((s, q) => s + Math.sqrt(distance2(p.point, q.point)), 0);
    if (sum < bestSum) [best, bestSum] = [p, sum];
  }
  return best;
}

const key = ({ point }: Place) => `${point[0]},${point[1]}`;

/** Places in the province outline, by folded name. */
function indexInside(outline: MultiPolygon): Map<string, Place[]> {
  const index = new Map<string, Place[]>();
  for (const place of vietnamPlaces()) {
    if (!contains(outline, place.point)) continue;
    const folded = foldPlaceName(place.name);
    if (isNumberedName(folded)) continue;
    const list = index.get(folded) ?? [];
    // GeoNames lists some places twice (a town and its seat) at one point: one is enough.
    if (!list.some((p) => key(p) === key(place))) list.push(place);
    index.set(folded, list);
  }
  return index;
}

/** Decides how each ward of a province is placed; deterministic, in the order of `wards`. */
export function planPlacements(wards: readonly WardToPlace[], outline: MultiPolygon): Placement[] {
  const index = indexInside(outline);
  const history = wardHistories();
  const used = new Set<string>();
  const free = (name: string, within: MultiPolygon) =>
    (index.get(foldPlaceName(name)) ?? []).filter((p) => !used.has(key(p)) && contains(within, p.point));
  /** Former wards named by exactly one free place: a name found twice says nothing certain. */
  const formerMatches = (ward: WardToPlace) =>
    (history.get(ward.code)?.formerWards ?? [])
      .filter((n) => foldPlaceName(n) !== foldPlaceName(ward.name))
      .map((n) => free(n, ward.within))
      .flatMap((found) => (found.length === 1 ? found : []));

  const plans: Placement[] = wards.map((w) => ({ code: w.code, name: w.name, kind: 'spread', matched: [] }));
  const take = (plan: Placement, kind: PlacementKind, place: Place, matched: Place[]) => {
    Object.assign(plan, { kind, point: place.point, matched: matched.map((p) => p.name) });
    used.add(key(place));
  };
  // Own names first, so a ward named like a place always gets it before a ward that merely absorbed one.
  wards.forEach((ward, i) => {
    const own = free(ward.name, ward.within);
    const plan = plans[i];
    if (!plan || own.length === 0) return;
    const former = medoid(formerMatches(ward));
    const nearest = former
      ? own.reduce((a, b) => (distance2(b.point, former.point) < distance2(a.point, former.point) ? b : a))
      : own[0];
    if (nearest && (own.length === 1 || former)) take(plan, 'ward', nearest, [nearest]);
  });
  wards.forEach((ward, i) => {
    const plan = plans[i];
    if (!plan || plan.kind !== 'spread') return;
    const found = formerMatches(ward);
    const centre = medoid(found);
    if (centre) take(plan, 'former-ward', centre, found);
  });
  // A ward nobody names grows near the found wards of its former district, or that district's seat.
  const byDistrict = new Map<string, Pair[]>();
  wards.forEach((ward, i) => {
    const point = plans[i]?.point;
    if (!point) return;
    for (const d of history.get(ward.code)?.formerDistricts ?? [])
      byDistrict.set(d, [...(byDistrict.get(d) ?? []), point]);
  });
  wards.forEach((ward, i) => {
    const plan = plans[i];
    if (!plan || plan.kind !== 'spread') return;
    const districts = history.get(ward.code)?.formerDistricts ?? [];
    const seats = districts.flatMap((d) => {
      const found = index.get(foldPlaceName(d)) ?? [];
      return found.length === 1 ? found : [];
    });
    const anchors = [...districts.flatMap((d) => byDistrict.get(d) ?? []), ...seats.map((s) => s.point)];
    const inside = anchors.filter((a) => contains(ward.within, a));
    if (inside.length > 0)
      Object.assign(plan, { kind: 'district', anchors: inside, matched: seats.map((s) => s.name) });
  });
  return plans;
}
