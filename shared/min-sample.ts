/**
 * The one minimum sample of the wall: a unit (commune, agency) is ranked by a rate only over at least
 * this many dossiers (the rate's denominator). 1 late of 2 is 50%, and a list that puts such a commune
 * last says nothing of how it works. Rankings, the map's lists and the on-time alerts of communes and
 * agencies all read the same floor (MIN_SAMPLE, server/config; told to screens in the directory).
 */

/** The default floor, in dossiers: the built-in alert rule for communes judged over as many. */
export const DEFAULT_MIN_SAMPLE = 20;
/** The highest floor accepted: above it nothing a province does in a day would ever be ranked. */
export const MAX_MIN_SAMPLE = 100_000;

/** Reads MIN_SAMPLE: a whole number of dossiers, 1 or more, or the reason it is not one. */
export function parseMinSample(text: string): number | { error: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { error: `must be a whole number of dossiers, e.g. ${DEFAULT_MIN_SAMPLE}` };
  const n = Number(t);
  if (n < 1) return { error: 'must be at least 1 dossier' };
  if (n > MAX_MIN_SAMPLE) return { error: `must be at most ${MAX_MIN_SAMPLE}` };
  return n;
}

/**
 * Whether a rate over `den` dossiers may be ranked. A value without a denominator (a count) always may;
 * a rate over fewer dossiers than the floor may not.
 */
export const rankable = (den: number | null | undefined, minSample: number): boolean =>
  den === null || den === undefined || den >= minSample;
