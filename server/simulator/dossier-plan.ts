import type { IocEvent } from '../../shared/events';
import type { PlannedDossier } from './dossiers';
import { planDossiers } from './dossiers';
import { Schedule } from './schedule';
import type { TimedEvent } from './wire';
import { compactDay, eventId, isoVn } from './wire';
import type { World } from './world';

/**
 * One day's dossiers indexed by the time of each of their events, and the events themselves built on
 * demand. A reference encodes (dossier, step) as seq * STEP_COUNT + step.
 */

/** The steps of a dossier's life, in causal order, with the letter each puts in its event ids. */
const DOSSIER_STEPS = ['received', 'digitised', 'paid', 'resolved', 'resultIssued', 'rated'] as const;
export type DossierStep = (typeof DOSSIER_STEPS)[number];
const STEP_LETTER: Record<DossierStep, string> = {
  received: 'r',
  digitised: 'd',
  paid: 'p',
  resolved: 's',
  resultIssued: 'i',
  rated: 'f',
};
const STEP_COUNT = DOSSIER_STEPS.length;

export interface DossierDayPlan {
  readonly day: number;
  readonly dossiers: readonly PlannedDossier[];
  readonly schedule: Schedule;
  /** The event at position i of the schedule. */
  eventAt(i: number): TimedEvent;
  /** The dossier.received events of the dossiers received at or before t that still have events after t. */
  receiptsCarriedOver(t: number): TimedEvent[];
  /**
   * What a window (from, to] sent whole, once, tells of dossier `seq` (its index in `dossiers`), in the
   * order of its life: nothing when its life ended by `from`; else all of it up to `to`, earlier steps
   * included (a dossier the wall learns of comes with its whole life), except its receipt when it still
   * has events after `to` (the window after this one sends that receipt as carried over).
   */
  lifeIn(seq: number, from: number, to: number): TimedEvent[];
  /** How many events lifeIn(seq, from, to) holds, without building them. */
  countLifeIn(seq: number, from: number, to: number): number;
}

function stepTime(d: PlannedDossier, step: DossierStep): number | null {
  switch (step) {
    case 'received':
      return d.receivedAt;
    case 'digitised':
      return d.digitisedAt;
    case 'paid':
      return d.payment?.at ?? null;
    case 'resolved':
      return d.finishedAt;
    case 'resultIssued':
      return d.resultAt;
    case 'rated':
      return d.feedbackAt;
  }
}

/** The time of the dossier's last event. */
function lastStepTime(d: PlannedDossier): number {
  let last = -Infinity;
  for (const step of DOSSIER_STEPS) last = Math.max(last, stepTime(d, step) ?? -Infinity);
  return last;
}

function buildEvent(world: World, planDay: string, d: PlannedDossier, step: DossierStep): IocEvent {
  const id = eventId(world, planDay, STEP_LETTER[step], d.seq);
  // Plain literals, one shape per type (no spreads): the past plays hundreds of thousands of these.
  const source = 'one_stop' as const;
  const { dossierId, commune, agency } = d;
  switch (step) {
    case 'received':
      return {
        id,
        source,
        dossierId,
        commune,
        agency,
        type: 'dossier.received',
        at: isoVn(d.receivedAt),
        procedure: d.procedure,
        channel: d.channel,
        onlineLevel: d.onlineLevel,
        dueAt: isoVn(d.dueAt),
        synced: d.synced,
        feeVnd: d.feeVnd,
      };
    case 'digitised':
      return {
        id,
        source,
        dossierId,
        commune,
        agency,
        type: 'dossier.digitised',
        at: isoVn(d.digitisedAt ?? d.receivedAt),
        reused: d.reused,
      };
    case 'paid':
      return {
        id,
        type: 'payment.completed',
        source: 'payments',
        at: isoVn(d.payment?.at ?? d.receivedAt),
        commune,
        agency,
        paymentId: d.paymentId,
        dossierId,
        amountVnd: d.payment?.amountVnd ?? d.feeVnd,
        route: d.payment?.route ?? 'national_portal',
      };
    case 'resolved': {
      const finishedAt = isoVn(d.finishedAt);
      return { id, source, dossierId, commune, agency, type: 'dossier.resolved', at: finishedAt, finishedAt };
    }
    case 'resultIssued':
      return {
        id,
        source,
        dossierId,
        commune,
        agency,
        type: 'dossier.resultIssued',
        at: isoVn(d.resultAt),
        electronic: d.electronic,
      };
    case 'rated':
      return {
        id,
        source,
        dossierId,
        commune,
        agency,
        type: 'feedback.rated',
        at: isoVn(d.feedbackAt ?? d.resultAt),
        liked: d.liked,
      };
  }
}

/** Calls `step` for each step of the dossier that lifeIn(…, from, to) holds (see DossierDayPlan). */
function forLifeIn(
  d: PlannedDossier,
  last: number,
  from: number,
  to: number,
  step: (step: DossierStep, t: number) => void,
): void {
  if (last <= from) return;
  for (const s of DOSSIER_STEPS) {
    const t = stepTime(d, s);
    if (t === null || t > to || (s === 'received' && last > to)) continue;
    step(s, t);
  }
}

export function buildDossierDayPlan(world: World, day: number): DossierDayPlan {
  const dossiers = planDossiers(world, day);
  const planDay = compactDay(day);
  const times: number[] = [];
  const refs: number[] = [];
  for (const d of dossiers) {
    DOSSIER_STEPS.forEach((step, stepIndex) => {
      const t = stepTime(d, step);
      if (t === null) return;
      times.push(t);
      refs.push(d.seq * STEP_COUNT + stepIndex);
    });
  }
  const schedule = Schedule.build(times, refs);
  const lastTimes = Float64Array.from(dossiers, lastStepTime);
  return {
    day,
    dossiers,
    schedule,
    eventAt(i) {
      const ref = schedule.refs[i] ?? 0;
      const dossier = dossiers[Math.floor(ref / STEP_COUNT)];
      const step = DOSSIER_STEPS[ref % STEP_COUNT];
      if (!dossier || !step) throw new Error(`bad schedule reference ${ref}`);
      return { t: schedule.times[i] ?? 0, event: buildEvent(world, planDay, dossier, step) };
    },
    receiptsCarriedOver(t) {
      if (schedule.lastTime <= t) return [];
      return dossiers
        .filter((d, i) => d.receivedAt <= t && (lastTimes[i] ?? -Infinity) > t)
        .map((d) => ({ t: d.receivedAt, event: buildEvent(world, planDay, d, 'received') }));
    },
    lifeIn(seq, from, to) {
      const dossier = dossiers[seq];
      const out: TimedEvent[] = [];
      if (dossier)
        forLifeIn(dossier, lastTimes[seq] ?? -Infinity, from, to, (step, t) =>
          out.push({ t, event: buildEvent(world, planDay, dossier, step) }),
        );
      return out;
    },
    countLifeIn(seq, from, to) {
      const dossier = dossiers[seq];
      let count = 0;
      if (dossier) forLifeIn(dossier, lastTimes[seq] ?? -Infinity, from, to, () => count++);
      return count;
    },
  };
}
