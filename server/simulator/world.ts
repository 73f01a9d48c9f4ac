import { provinceByCode } from '../../shared/provinces';
import { wardsOf } from '../geo/wards';
import type { WardInfo } from '../geo/wards';
import type { Procedure } from './procedures';
import { PROCEDURES } from './procedures';
import { createRandom, WeightedPicker } from './random';
import { provinceScale } from './rhythm';

/**
 * The fixed facts a simulated province stands on, built once per simulator: its real wards with
 * uneven weights, and the procedure tables by channel. Nothing here depends on the day.
 */
export interface World {
  readonly province: string;
  readonly seed: number;
  /** Seed text shared by every plan of this province and seed. */
  readonly seedKey: string;
  /** Prefix of every event id, e.g. "sim-01". */
  readonly idPrefix: string;
  readonly wards: readonly WardInfo[];
  /** Multiplier on the base daily volume for the province's size. */
  readonly scale: number;
  readonly wardPicker: WeightedPicker<WardInfo>;
  /** Procedures a counter can receive (all), partly online (not counter-only), fully online. */
  readonly counterProcedures: WeightedPicker<Procedure>;
  readonly partialOnlineProcedures: WeightedPicker<Procedure>;
  readonly fullOnlineProcedures: WeightedPicker<Procedure>;
}

/** Urban wards see more dossiers than rural communes; island special zones fewer. */
function wardKindWeight(name: string): number {
  if (name.startsWith('Phường')) return 2.2;
  if (name.startsWith('Đặc khu')) return 0.6;
  return 1;
}

export function createWorld(province: string, seed: number): World {
  if (!provinceByCode(province)) throw new Error(`Unknown province code "${province}"`);
  const wards = wardsOf(province);
  if (wards.length === 0) throw new Error(`No wards known for province "${province}"`);
  const seedKey = `${seed}|${province}`;
  // Each ward keeps its own busyness for good: a log-normal jitter drawn once from the province's seed.
  const jitter = createRandom(seedKey, 'wards');
  const wardWeights = new Map(wards.map((w) => [w.code, wardKindWeight(w.name) * jitter.logNormal(1, 0.45)]));
  return {
    province,
    seed,
    seedKey,
    idPrefix: `sim-${province}`,
    wards,
    scale: provinceScale(wards.length),
    wardPicker: new WeightedPicker(wards, (w) => wardWeights.get(w.code) ?? 1),
    counterProcedures: new WeightedPicker(PROCEDURES, (p) => p.weight),
    partialOnlineProcedures: new WeightedPicker(PROCEDURES, (p) => (p.online === 'none' ? 0 : p.weight)),
    fullOnlineProcedures: new WeightedPicker(PROCEDURES, (p) => (p.online === 'full' ? p.weight : 0)),
  };
}
