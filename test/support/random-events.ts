import { wardsOf } from '../../server/geo/wards';
import type { DayKey } from '../../shared/brand';
import type { EventOf, IocEvent, Source } from '../../shared/events';
import { MAX_BATCH } from '../../shared/events';
import { CHANNELS, PROGRAMMES, SOURCES, type Programme } from '../../shared/vocabulary';
import { addDays, DAY_MS, dayOf, startOfDay } from '../../shared/time';
import { TEST_KEYS } from './app';

/**
 * A seeded generator of event sets for the reference-model tests (issue 12, part 4): a few weeks of a
 * province's dossiers, payments and tasks, with every awkward case the counting rules speak of, split
 * into the batches a set of source systems would POST. The same seed gives the same events and the same
 * batches, so any failure is replayed from its seed alone.
 */

/** mulberry32: small, fast and good enough for test data; every draw comes from here. */
export class Rng {
  #s: number;
  constructor(readonly seed: number) {
    this.#s = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.#s = (this.#s + 0x6d2b79f5) >>> 0;
    let t = this.#s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

/** The instant the generated world is read at: a Wednesday, 10:00 in Hà Nội. */
export const DEFAULT_NOW = Date.parse('2026-04-15T10:00:00+07:00');

export const AGENCIES = ['so-tu-phap', 'so-xay-dung', 'so-khcn', 'cong-an-tp', 'so-tai-chinh', 'ubnd-phuong'];

/** Offsets `at` may be written in: the same instant, spelled as different source systems do. */
const OFFSETS_MIN = [7 * 60, 7 * 60, 7 * 60, 7 * 60, 0, 9 * 60, -5 * 60];

export interface ScenarioOptions {
  now?: number;
  /** How many days back the events reach (the oldest day is today − (days − 1)). */
  days?: number;
  dossiersPerDay?: number;
  tasks?: number;
}

/**
 * The scenarios the reference-model tests run (and the generator's own tests check for coverage):
 * six-week ones (one opening with a lone heartbeat, one busy: about 6,000 events), a 25-day one whose
 * 30 days start before the data, and a short busy one whose 7 days before are partly unknown.
 */
export const REFERENCE_RUNS: readonly (ScenarioOptions & { seed: number; days: number })[] = [
  { seed: 20260415, days: 40 },
  { seed: 6, days: 40 },
  { seed: 9, days: 40, dossiersPerDay: 40 },
  { seed: 7, days: 25 },
  { seed: 2, days: 12, dossiersPerDay: 30 },
];

/** One POST: events of one source only (each key belongs to one source), at most MAX_BATCH. */
export interface Batch {
  source: Source;
  events: IocEvent[];
}

/** How many times each awkward case occurs, so a test can check that a seed exercises them all. */
export type Coverage = Record<(typeof COVERAGE_CASES)[number], number>;
export const COVERAGE_CASES = [
  'dossier.received',
  'dossier.resolved',
  'dossier.resultIssued',
  'dossier.digitised',
  'digitised.reused',
  'feedback.rated',
  'payment.completed',
  'resolved.late',
  'resolved.exactlyAtDue',
  'resolved.beforeReceived',
  'payments.several',
  'payment.otherUnit',
  'otherEvent.otherUnit',
  'payment.noFee',
  'received.never',
  'received.correction',
  'resolved.correction',
  'resolved.correctionTie',
  'otherFact.correction',
  'at.midnight',
  'at.offsetUtc',
  'at.offsetPlus9',
  'at.offsetMinus5',
  'postedBeforeReceived',
  'postedToday.pastDay',
  'duplicate.withinBatch',
  'duplicate.acrossBatches',
  'duplicate.batchRetried',
  'duplicate.otherContent',
  'heartbeat',
  'heartbeat.first',
  'task.assigned',
  'task.recurring',
  'task.updated',
  'task.updated.deadlineLater',
  'task.updated.deadlineEarlier',
  'task.updated.deadlineNull',
  'task.updated.agency',
  'task.updated.afterCompletion',
  'task.updated.beforeAssigned',
  'task.completed',
  'task.completed.late',
  'task.completed.withAgency',
  'task.completed.atDiffers',
  'task.completed.afterAt',
  'task.reassigned',
  'task.neverAssigned',
  'task.sameAt',
] as const;

export interface Scenario {
  seed: number;
  now: number;
  today: DayKey;
  /** The oldest day with a generated event. */
  firstDay: DayKey;
  communes: string[];
  agencies: string[];
  /** Every distinct event generated (duplicates not repeated). */
  events: IocEvent[];
  /** The POSTs, in order: shuffled, interleaved by source, with duplicates and a retried batch. */
  batches: Batch[];
  coverage: Coverage;
}

/** `at` in ISO 8601 with the given offset (minutes east of UTC), milliseconds written when not zero. */
export function isoWithOffset(t: number, offsetMin: number, utcAsZ = false): string {
  const local = new Date(t + offsetMin * 60_000).toISOString();
  const clock = local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23);
  if (offsetMin === 0 && utcAsZ) return `${clock}Z`;
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${clock}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Generates a scenario: the same seed and options always give the same events and batches. */
export function generateScenario(seed: number, opts: ScenarioOptions = {}): Scenario {
  const rng = new Rng(seed);
  const now = opts.now ?? DEFAULT_NOW;
  const today = dayOf(now);
  const days = opts.days ?? 40;
  const firstDay = addDays(today, -(days - 1));
  const perDay = opts.dossiersPerDay ?? 14;
  const taskCount = opts.tasks ?? 60;

  const coverage = Object.fromEntries(COVERAGE_CASES.map((c) => [c, 0])) as Coverage;
  const cover = (c: keyof Coverage) => void coverage[c]++;

  const allWards = wardsOf('01').map((w) => w.code);
  const communes = rng.shuffle(allWards).slice(0, rng.int(5, 8));
  const agencies = rng.shuffle(AGENCIES).slice(0, rng.int(4, AGENCIES.length));

  /** Arrival order: the instant a source would have sent each event (after `now`: posted today, last). */
  const arrival = new Map<IocEvent, number>();
  const events: IocEvent[] = [];
  const counters: Record<Source, number> = { one_stop: 0, payments: 0, tasks: 0 };
  // Ids compare as strings where `at` ties: "os-10" < "os-9", so no zero padding on purpose.
  const prefix: Record<Source, string> = { one_stop: 'os', payments: 'pm', tasks: 'tk' };
  const nextId = (s: Source) => `${prefix[s]}-${++counters[s]}`;

  /** Writes an instant, mostly in +07:00, sometimes in another offset (same instant). */
  const iso = (t: number): string => {
    const offset = rng.pick(OFFSETS_MIN);
    if (offset === 0) cover('at.offsetUtc');
    if (offset === 9 * 60) cover('at.offsetPlus9');
    if (offset === -5 * 60) cover('at.offsetMinus5');
    if (dayOf(t) !== dayOf(t - 1)) cover('at.midnight');
    return isoWithOffset(t, offset, rng.chance(0.5));
  };
  const clampNow = (t: number) => Math.min(t, now);
  const otherUnit = () => {
    cover('otherEvent.otherUnit');
    return { commune: rng.pick(communes), agency: rng.pick(agencies) };
  };
  /** A random instant of a day within working hours (7:30–17:00), or any time for online work. */
  const timeOn = (day: DayKey, anyTime = false) => {
    const start = startOfDay(day);
    const t = anyTime
      ? start + rng.int(0, DAY_MS - 1)
      : start + rng.int(7 * 60 + 30, 17 * 60) * 60_000 + rng.int(0, 59_999);
    return t;
  };
  /** Half the seeds open with a lone heartbeat the day before the first fact. */
  const heartbeatFirst = rng.chance(0.5);
  const factsFrom = heartbeatFirst ? addDays(firstDay, 1) : firstDay;
  const factDays = heartbeatFirst ? days - 1 : days;
  const randomDay = () => addDays(factsFrom, rng.int(0, factDays - 1));
  /** Most events are sent within minutes; some hours or days late; a few only "today" (now). */
  const sendDelay = () => {
    const r = rng.next();
    if (r < 0.8) return rng.int(0, 10 * 60_000);
    if (r < 0.95) return rng.int(3_600_000, 4 * DAY_MS);
    return now + DAY_MS; // posted today, after everything sent in time
  };
  const emit = <E extends IocEvent>(e: E, sendAt = Date.parse(e.at) + sendDelay()): E => {
    events.push(e);
    arrival.set(e, sendAt);
    return e;
  };

  // ---------------------------------------------------------------- dossiers
  let dossierSeq = 0;
  for (let back = factDays - 1; back >= 0; back--) {
    const day = addDays(today, -back);
    const n = rng.int(Math.max(1, perDay - 6), perDay + 6);
    for (let i = 0; i < n; i++) {
      const agency = rng.pick(agencies);
      const commune = rng.pick(communes);
      const dossierId = `H15.${agencies.indexOf(agency)}.${commune}-${day.slice(2).replaceAll('-', '')}-${String(++dossierSeq).padStart(4, '0')}`;
      const channel = rng.pick(CHANNELS);
      // Reception: at midnight exactly now and then; online around the clock; counters in office hours.
      let receivedAt = rng.chance(0.05) ? startOfDay(day) : timeOn(day, channel === 'online');
      if (receivedAt > now) receivedAt = startOfDay(day) + rng.int(0, now - startOfDay(day));
      const dueRoll = rng.next();
      const dueAt = Math.max(
        receivedAt,
        dueRoll < 0.08
          ? receivedAt // due at once: any resolution after it is late
          : dueRoll < 0.18
            ? startOfDay(addDays(day, rng.int(1, 6))) // due exactly at a midnight
            : startOfDay(addDays(day, rng.int(0, 10))) + 17 * 3_600_000,
      );
      const feeVnd = rng.chance(0.5) ? rng.pick([10_000, 20_000, 50_000, 100_000, 350_000, 1_200_000]) : 0;
      const neverReceived = rng.chance(0.03);
      const received: EventOf<'dossier.received'> = {
        id: nextId('one_stop'),
        type: 'dossier.received',
        source: 'one_stop',
        at: iso(receivedAt),
        commune,
        agency,
        dossierId,
        procedure: rng.pick([
          'Chứng thực bản sao',
          'Đăng ký hộ kinh doanh',
          'Cấp phép xây dựng',
          'Khai sinh',
        ]),
        channel,
        onlineLevel: channel === 'online' ? rng.pick(['full', 'partial'] as const) : 'none',
        dueAt: iso(dueAt),
        synced: rng.chance(0.9),
        feeVnd,
      };
      if (neverReceived) cover('received.never');
      else {
        cover('dossier.received');
        // Some receptions are sent last of all: their payments and resolution are POSTed first.
        const late = rng.chance(0.06);
        if (late) cover('postedBeforeReceived');
        emit(received, late ? now + 2 * DAY_MS : undefined);
        if (rng.chance(0.02)) {
          // A correction of the reception: later `at`, another unit, another due time.
          const at2 = clampNow(receivedAt + rng.int(60_000, 6 * 3_600_000));
          const due2 = Math.max(at2, dueAt + rng.int(-2, 2) * DAY_MS);
          emit({
            ...received,
            id: nextId('one_stop'),
            at: iso(at2),
            dueAt: iso(due2),
            commune: rng.pick(communes),
            agency: rng.pick(agencies),
            channel: rng.pick(CHANNELS),
          });
          cover('received.correction');
        }
      }

      // Resolution: on time, exactly at the due time, late, or before the reception was even logged.
      let finishedAt: number | null = null;
      if (rng.chance(0.78)) {
        const roll = rng.next();
        if (roll < 0.1) finishedAt = dueAt;
        else if (roll < 0.15) finishedAt = startOfDay(addDays(day, rng.int(1, 5)));
        else if (roll < 0.17) finishedAt = receivedAt - rng.int(1, 120) * 60_000;
        else finishedAt = receivedAt + rng.int(10, 60 * 24 * 12) * 60_000;
        if (finishedAt > now || finishedAt < startOfDay(factsFrom)) finishedAt = null;
      }
      if (finishedAt !== null) {
        if (finishedAt === dueAt) cover('resolved.exactlyAtDue');
        if (finishedAt > dueAt) cover('resolved.late');
        if (finishedAt < receivedAt) cover('resolved.beforeReceived');
        cover('dossier.resolved');
        const resolvedAt = clampNow(
          Math.max(finishedAt, receivedAt) + (rng.chance(0.4) ? 0 : rng.int(0, 3 * 3_600_000)),
        );
        const first = emit({
          id: nextId('one_stop'),
          type: 'dossier.resolved',
          source: 'one_stop',
          at: iso(resolvedAt),
          dossierId,
          // The unit written on a resolution, if any, is ignored: the reception's stands.
          ...(rng.chance(0.5) ? {} : rng.chance(0.7) ? { commune, agency } : otherUnit()),
          finishedAt: iso(finishedAt),
        });
        if (rng.chance(0.08)) {
          // A correction: another resolved with a later `at` (or the same `at`: the greater id stands).
          const tie = rng.chance(0.3);
          const at2 = tie ? resolvedAt : clampNow(resolvedAt + rng.int(3_600_000, 3 * DAY_MS));
          const fin2 = Math.max(startOfDay(factsFrom), Math.min(at2, finishedAt + rng.int(-3, 3) * DAY_MS));
          emit({ ...first, id: nextId('one_stop'), at: iso(at2), finishedAt: iso(fin2) });
          cover(tie ? 'resolved.correctionTie' : 'resolved.correction');
        }
        if (rng.chance(0.8)) {
          const at = clampNow(Math.max(finishedAt, receivedAt) + rng.int(0, DAY_MS));
          const x = emit({
            id: nextId('one_stop'),
            type: 'dossier.resultIssued',
            source: 'one_stop',
            at: iso(at),
            dossierId,
            electronic: rng.chance(0.85),
          });
          cover('dossier.resultIssued');
          if (rng.chance(0.04)) {
            const at2 = clampNow(at + rng.int(60_000, 2 * DAY_MS));
            emit({ ...x, id: nextId('one_stop'), at: iso(at2), electronic: !x.electronic });
            cover('otherFact.correction');
          }
        }
        if (rng.chance(0.3)) {
          const at = clampNow(Math.max(finishedAt, receivedAt) + rng.int(0, 2 * DAY_MS));
          emit({
            id: nextId('one_stop'),
            type: 'feedback.rated',
            source: 'one_stop',
            at: iso(at),
            dossierId,
            liked: rng.chance(0.8),
          });
          cover('feedback.rated');
        }
      }
      if (rng.chance(0.75)) {
        // Digitised on the day, or days later (then it is counted in a period only by its end).
        const at = clampNow(receivedAt + (rng.chance(0.6) ? rng.int(0, 3_600_000) : rng.int(0, 4 * DAY_MS)));
        const reused = rng.chance(0.55);
        const g = emit({
          id: nextId('one_stop'),
          type: 'dossier.digitised',
          source: 'one_stop',
          at: iso(at),
          dossierId,
          reused,
        });
        cover('dossier.digitised');
        if (reused) cover('digitised.reused');
        if (rng.chance(0.03)) {
          emit({
            ...g,
            id: nextId('one_stop'),
            at: iso(clampNow(at + rng.int(60_000, DAY_MS))),
            reused: !reused,
          });
          cover('otherFact.correction');
        }
      }
      const pays =
        feeVnd > 0 ? (rng.chance(0.85) ? rng.pick([1, 1, 1, 1, 2, 2, 3]) : 0) : rng.chance(0.03) ? 1 : 0;
      if (pays > 1) cover('payments.several');
      if (pays > 0 && feeVnd === 0) cover('payment.noFee');
      for (let p = 0; p < pays; p++) {
        const at = clampNow(
          rng.chance(0.05) ? receivedAt - rng.int(1, 30) * 60_000 : receivedAt + rng.int(0, 3 * DAY_MS),
        );
        const other = rng.chance(0.2);
        if (other) cover('payment.otherUnit');
        emit({
          id: nextId('payments'),
          type: 'payment.completed',
          source: 'payments',
          at: iso(Math.max(at, startOfDay(factsFrom))),
          ...(other ? otherUnit() : { commune, agency }),
          paymentId: `PAY-${counters.payments}`,
          dossierId,
          amountVnd: Math.max(1, Math.round((feeVnd || 30_000) / (pays > 1 ? 2 : 1))),
          route: rng.pick(['national_portal', 'provincial_gateway'] as const),
        });
        cover('payment.completed');
      }
    }
  }

  // ---------------------------------------------------------------- tasks
  const programmeCode: Record<Programme, string> = { nq57: 'NQ57', da06: 'DA06', province: 'TINH' };
  const deadlineAfter = (from: number) =>
    rng.chance(0.05)
      ? startOfDay(addDays(dayOf(from), rng.int(1, 30)))
      : startOfDay(addDays(dayOf(from), rng.int(1, 35))) + 17 * 3_600_000;
  for (let i = 0; i < taskCount; i++) {
    const programme = PROGRAMMES[i % PROGRAMMES.length]!;
    const taskId = `${programmeCode[programme]}-${String(i + 1).padStart(3, '0')}`;
    const assignedAt = timeOn(addDays(factsFrom, rng.int(0, Math.max(0, factDays - 3))));
    const recurring = rng.chance(0.15);
    let deadline: number | null = recurring ? null : deadlineAfter(assignedAt);
    if (recurring) cover('task.recurring');
    const neverAssigned = i === 1 || rng.chance(0.05);
    const assigned: EventOf<'task.assigned'> = {
      id: nextId('tasks'),
      type: 'task.assigned',
      source: 'tasks',
      at: iso(assignedAt),
      taskId,
      programme,
      level: rng.pick(['central', 'province'] as const),
      agency: rng.pick(agencies),
      title: `Nhiệm vụ chuyển đổi số ${i + 1}`,
      deadline: deadline === null ? null : iso(deadline),
    };
    if (neverAssigned) cover('task.neverAssigned');
    else {
      emit(assigned);
      cover('task.assigned');
    }

    // Completion first, so updates can fall before or after it.
    let completedAt: number | null = null;
    let completedEventAt: number | null = null;
    if (rng.chance(0.5) || (i >= 2 && i <= 6)) {
      completedAt = clampNow(assignedAt + rng.int(3_600_000, 30 * DAY_MS));
      const roll = i === 6 ? 0.9 : rng.next();
      // Reported when done, days later, or (rarely) a little ahead of the work's own completion time.
      completedEventAt =
        roll < 0.5
          ? completedAt
          : roll < 0.75
            ? clampNow(completedAt + rng.int(60_000, 2 * DAY_MS))
            : Math.max(assignedAt, completedAt - rng.int(60_000, 3 * 3_600_000));
      if (completedEventAt !== completedAt) cover('task.completed.atDiffers');
      if (completedEventAt < completedAt) cover('task.completed.afterAt');
      const withAgency = rng.chance(0.2);
      if (withAgency) cover('task.completed.withAgency');
      if (deadline !== null && completedAt > deadline) cover('task.completed.late');
      // `agency` on task.completed is part of the new contract (the schema of this branch may refuse it).
      const completed = {
        id: nextId('tasks'),
        type: 'task.completed',
        source: 'tasks',
        at: iso(completedEventAt),
        taskId,
        completedAt: iso(completedAt),
        ...(withAgency ? { agency: rng.pick(agencies) } : {}),
      } as EventOf<'task.completed'>;
      emit(completed);
      cover('task.completed');
    }

    const updates = rng.chance(0.4) || (i >= 2 && i <= 4) ? rng.int(1, 2) : 0;
    let lastUpdateAt = assignedAt;
    for (let u = 0; u < updates; u++) {
      let at = clampNow(lastUpdateAt + rng.int(3_600_000, 12 * DAY_MS));
      // Tasks 2 to 4 make sure every seed has each of these; the others draw them by chance.
      const when = u > 0 || i > 4 ? rng.pick(['later', 'later', 'later', 'before', 'sameAt', 'after']) : '';
      if ((i === 2 && u === 0) || (when === 'before' && rng.chance(0.3))) {
        at = assignedAt - rng.int(60_000, DAY_MS); // before the assignment: ignored when folded
        cover('task.updated.beforeAssigned');
      } else if (completedEventAt !== null && ((i === 3 && u === 0) || when === 'sameAt')) {
        at = completedEventAt; // same `at` as the completion: the event id decides the order
        cover('task.sameAt');
      } else if (completedEventAt !== null && ((i === 4 && u === 0) || when === 'after')) {
        at = clampNow(completedEventAt + rng.int(3_600_000, 2 * DAY_MS)); // after the completion
      }
      lastUpdateAt = Math.max(lastUpdateAt, at);
      if (completedEventAt !== null && at > completedEventAt) cover('task.updated.afterCompletion');
      const change: { agency?: string; deadline?: string | null } = {};
      const roll = rng.next();
      if (roll < 0.7 || rng.chance(0.3)) {
        const kind = rng.next();
        if (kind < 0.12) {
          change.deadline = null;
          deadline = null;
          cover('task.updated.deadlineNull');
        } else {
          const base = deadline ?? at;
          const moved =
            kind < 0.7
              ? startOfDay(addDays(dayOf(base), rng.int(2, 20))) + 17 * 3_600_000
              : startOfDay(addDays(dayOf(base), -rng.int(1, 10))) + 17 * 3_600_000;
          cover(
            deadline === null || moved > deadline
              ? 'task.updated.deadlineLater'
              : 'task.updated.deadlineEarlier',
          );
          change.deadline = iso(moved);
          deadline = moved;
        }
      }
      if (roll >= 0.7 || rng.chance(0.3)) {
        change.agency = rng.pick(agencies);
        cover('task.updated.agency');
      }
      emit({ id: nextId('tasks'), type: 'task.updated', source: 'tasks', at: iso(at), taskId, ...change });
      cover('task.updated');
    }
    if (!neverAssigned && (i === 5 || rng.chance(0.08))) {
      // Assigned again later: programme, agency and deadline are set anew, a completion is kept.
      const at = clampNow(assignedAt + rng.int(DAY_MS, 10 * DAY_MS));
      const again = deadlineAfter(at);
      emit({
        ...assigned,
        id: nextId('tasks'),
        at: iso(at),
        agency: rng.pick(agencies),
        deadline: iso(again),
      });
      cover('task.reassigned');
    }
  }

  // ---------------------------------------------------------------- heartbeats
  for (const source of SOURCES) {
    for (let i = rng.int(2, 4); i > 0; i--) {
      emit({
        id: nextId(source),
        type: 'source.heartbeat',
        source,
        at: iso(clampNow(timeOn(randomDay(), true))),
      });
      cover('heartbeat');
    }
  }
  if (heartbeatFirst) {
    // A heartbeat is the oldest word of all, a day before any fact: it alone decides dataFrom.
    emit({ id: nextId('one_stop'), type: 'source.heartbeat', source: 'one_stop', at: iso(timeOn(firstDay)) });
    cover('heartbeat.first');
  }

  for (const e of events) if (arrival.get(e)! > now) cover('postedToday.pastDay');
  const batches = toBatches(events, arrival, rng, cover);
  const oldest = Math.min(...events.map((e) => Date.parse(e.at)));
  return { seed, now, today, firstDay: dayOf(oldest), communes, agencies, events, batches, coverage };
}

/**
 * Splits events into POSTs the way the three source systems would send them: each source sends its
 * events in the order they happened to it (with the delays above), in batches of its own size, the
 * sources interleaved. Then the awkward parts of real networks: an event repeated in its own batch,
 * re-sent in a later one, a whole batch retried after a lost answer, and an id re-used for other content.
 */
function toBatches(
  events: readonly IocEvent[],
  arrival: ReadonlyMap<IocEvent, number>,
  rng: Rng,
  cover: (c: keyof Coverage) => void,
): Batch[] {
  const queues = new Map<Source, IocEvent[]>(
    SOURCES.map((s) => [
      s,
      events
        .filter((e) => e.source === s)
        .map((e) => ({ e, at: arrival.get(e)!, tie: rng.next() }))
        .sort((a, b) => a.at - b.at || a.tie - b.tie)
        .map((x) => x.e),
    ]),
  );
  // 5% of the events move to a random place of their queue: arrival order is only roughly by time.
  for (const q of queues.values()) {
    for (let k = Math.floor(q.length * 0.05); k > 0; k--) {
      const [e] = q.splice(rng.int(0, q.length - 1), 1);
      q.splice(rng.int(0, q.length), 0, e!);
    }
  }
  const batches: Batch[] = [];
  for (;;) {
    const ready = SOURCES.filter((s) => queues.get(s)!.length > 0);
    if (ready.length === 0) break;
    // The source whose next event is the oldest to send goes next.
    const source = ready.reduce((a, b) =>
      arrival.get(queues.get(a)![0]!)! <= arrival.get(queues.get(b)![0]!)! ? a : b,
    );
    // The task tracker sends little at a time; the one-stop system and the payment gateway send in bulk.
    const size = source === 'tasks' || rng.chance(0.2) ? rng.int(1, 20) : rng.int(50, MAX_BATCH - 100);
    batches.push({ source, events: queues.get(source)!.splice(0, size) });
  }

  const sameSource = (b: Batch) => batches.filter((x) => x.source === b.source);
  for (let i = 0; i < batches.length; i++) {
    const b = batches[i]!;
    if (rng.chance(0.4) || i === 0) {
      // The same event twice in one batch.
      const copy = rng.pick(b.events);
      b.events.splice(rng.int(0, b.events.length), 0, structuredClone(copy));
      cover('duplicate.withinBatch');
    }
    const earlier = sameSource(b).filter((x) => batches.indexOf(x) < i);
    if (earlier.length > 0 && (rng.chance(0.5) || i === batches.length - 1)) {
      // Re-sent in a later batch.
      for (let k = rng.int(1, 5); k > 0; k--) {
        b.events.splice(rng.int(0, b.events.length), 0, structuredClone(rng.pick(rng.pick(earlier).events)));
      }
      cover('duplicate.acrossBatches');
    }
  }
  // The same id with other content about the same dossier: ignored, whatever it says (the first one
  // POSTed stands). The dossier is one that was received, so counting it would show.
  const receivedIds = new Set(events.filter((e) => e.type === 'dossier.received').map((e) => e.dossierId));
  for (const source of ['payments', 'one_stop'] as const) {
    const own = batches.filter((b) => b.source === source);
    const originals = own
      .flatMap((b) => b.events)
      .filter(
        (e) =>
          (e.type === 'payment.completed' || e.type === 'dossier.resolved') && receivedIds.has(e.dossierId),
      );
    if (originals.length === 0) continue;
    const original = rng.pick(originals) as EventOf<'payment.completed' | 'dossier.resolved'>;
    const altered =
      original.type === 'payment.completed'
        ? { ...original, amountVnd: original.amountVnd + 999_000 }
        : { ...original, finishedAt: original.at };
    own.at(-1)!.events.push(altered);
    cover('duplicate.otherContent');
  }
  // A whole batch retried (its answer was lost): sent again at the end.
  const retried = rng.pick(batches);
  batches.push({ source: retried.source, events: retried.events.map((e) => structuredClone(e)) });
  cover('duplicate.batchRetried');
  for (const b of batches) {
    if (b.events.length > MAX_BATCH) throw new Error(`a generated batch holds ${b.events.length} events`);
  }
  return batches;
}

/** Every event of the batches, in POST order (duplicates included), for the reference model. */
export const postedEvents = (batches: readonly Batch[]): IocEvent[] => batches.flatMap((b) => b.events);

/** What `deliver` needs of a test app (startTestApp's answer). */
export interface Poster {
  baseUrl: string;
  post(body: unknown, key: string): Promise<{ status: number; body: Record<string, unknown> }>;
}

/**
 * POSTs the batches in order, each with the key of its source. Returns the events of the batches the
 * server accepted (in POST order, for the model) and a line for every batch it did not: a refused batch
 * stores nothing, so the model must not count it either, and the test fails on the refusal itself.
 */
export async function deliver(
  sut: Poster,
  batches: readonly Batch[],
): Promise<{ accepted: IocEvent[]; refusals: string[] }> {
  const accepted: IocEvent[] = [];
  const refusals: string[] = [];
  for (const [i, b] of batches.entries()) {
    const r = await sut.post(b.events, TEST_KEYS[b.source]);
    if (r.status === 202) accepted.push(...b.events);
    else
      refusals.push(
        `POST #${i + 1} (${b.events.length} ${b.source} events) answered ${r.status}: ${JSON.stringify(r.body).slice(0, 1500)}`,
      );
  }
  return { accepted, refusals };
}

/**
 * Waits until the aggregator has taken in every accepted event (applied, duplicate or rejected: at
 * least one of each per non-heartbeat event) and its figures have stopped moving. Returns null when
 * settled, else what is wrong (an event rejected after ingest, or a stall).
 */
export async function settled(
  baseUrl: string,
  accepted: readonly IocEvent[],
  ms = 30_000,
): Promise<string | null> {
  const expected = accepted.filter((e) => e.type !== 'source.heartbeat').length;
  const deadline = Date.now() + ms;
  let last = '';
  let stableSince = Date.now();
  for (;;) {
    const res = await fetch(`${baseUrl}/healthz`);
    const stats = ((await res.json()) as { aggregator?: Record<string, number> | null }).aggregator ?? {};
    const seen = (stats.applied ?? 0) + (stats.duplicates ?? 0) + (stats.rejected ?? 0);
    const now = JSON.stringify(stats);
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
    if (seen >= expected && Date.now() - stableSince >= 400) {
      return stats.rejected ? `the aggregator rejected ${stats.rejected} accepted event(s): ${now}` : null;
    }
    if (Date.now() > deadline)
      return `the aggregator did not take in ${expected} events within ${ms} ms: ${now}`;
    await new Promise((r) => setTimeout(r, 50));
  }
}
