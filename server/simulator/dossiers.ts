import type { Channel } from '../../shared/events';
import type { AgencyId } from './agencies';
import { dossierCodePrefix } from './agencies';
import { dayKeyOf } from './calendar';
import type { Lifecycle } from './lifecycle';
import { drawLifecycle } from './lifecycle';
import type { PlannedPayment } from './payments';
import { drawFee, drawPayment } from './payments';
import type { Procedure } from './procedures';
import type { Random } from './random';
import { createRandom } from './random';
import { counterArrival, dailyVolume, onlineArrival } from './rhythm';
import type { World } from './world';

/**
 * The dossiers received on one day and everything that later happens to them, drawn from a generator
 * seeded by (seed, province, day) alone: the same day always yields the same dossiers, whenever asked.
 */

export interface PlannedDossier extends Lifecycle {
  /** Position in the day's receipt order: the stable part of its event ids. */
  seq: number;
  dossierId: string;
  commune: string;
  agency: AgencyId;
  procedure: string;
  channel: Channel;
  onlineLevel: 'full' | 'partial' | 'none';
  receivedAt: number;
  feeVnd: number;
  payment: PlannedPayment | null;
  paymentId: string;
}

/** Of online submissions, the share made fully online (KPIS.md: 15–25% of all dossiers). */
const FULL_ONLINE_SHARE_OF_ONLINE = 0.67;

interface Arrival {
  receivedAt: number;
  channel: Channel;
}

function drawArrivals(random: Random, world: World, day: number): Arrival[] {
  const volume = dailyVolume(random, day, world.scale, world.seedKey);
  const arrivals: Arrival[] = [];
  for (let i = 0; i < volume.online; i++)
    arrivals.push({ receivedAt: onlineArrival(random, day), channel: 'online' });
  const sessions = volume.counterSessions;
  if (sessions !== 0) {
    for (let i = 0; i < volume.inPerson; i++) {
      arrivals.push({ receivedAt: counterArrival(random, day, sessions), channel: 'in_person' });
    }
    for (let i = 0; i < volume.post; i++)
      arrivals.push({ receivedAt: counterArrival(random, day, sessions), channel: 'post' });
  }
  return arrivals.sort((a, b) => a.receivedAt - b.receivedAt);
}

function chooseProcedure(
  random: Random,
  world: World,
  channel: Channel,
): [Procedure, PlannedDossier['onlineLevel']] {
  if (channel !== 'online') return [world.counterProcedures.pick(random), 'none'];
  return random.chance(FULL_ONLINE_SHARE_OF_ONLINE)
    ? [world.fullOnlineProcedures.pick(random), 'full']
    : [world.partialOnlineProcedures.pick(random), 'partial'];
}

/** The dossiers received on `day` (a day number), in order of receipt. */
export function planDossiers(world: World, day: number): PlannedDossier[] {
  const random = createRandom(world.seedKey, 'dossiers', day);
  const dayKey = dayKeyOf(day);
  const yymmdd = dayKey.slice(2).replaceAll('-', '');
  const yyyymmdd = dayKey.replaceAll('-', '');
  const sequenceByPrefix = new Map<string, number>();

  return drawArrivals(random, world, day).map(({ receivedAt, channel }, seq) => {
    const [procedure, onlineLevel] = chooseProcedure(random, world, channel);
    const commune = world.wardPicker.pick(random).code;
    const prefix = dossierCodePrefix(world.province, procedure.agency, commune);
    const sequence = (sequenceByPrefix.get(prefix) ?? 0) + 1;
    sequenceByPrefix.set(prefix, sequence);
    const feeVnd = drawFee(random, procedure.fee);
    return {
      seq,
      dossierId: `${prefix}-${yymmdd}-${String(sequence).padStart(4, '0')}`,
      commune,
      agency: procedure.agency,
      procedure: procedure.name,
      channel,
      onlineLevel,
      receivedAt,
      feeVnd,
      payment: drawPayment(random, receivedAt, channel, feeVnd),
      paymentId: `GD${world.province}${yyyymmdd}${String(seq).padStart(6, '0')}`,
      ...drawLifecycle(random, receivedAt, procedure),
    };
  });
}
