import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../../server/clock';
import { dayNumberOf, dayStartOf } from '../../../../server/simulator/calendar';
import type { PlannedDossier } from '../../../../server/simulator/dossiers';
import { createHttpSender } from '../../../../server/simulator/http-sender';
import { createSimulator } from '../../../../server/simulator/simulator';
import { createTimeline } from '../../../../server/simulator/timeline';
import { createWorld } from '../../../../server/simulator/world';
import type { IocEvent, Source } from '../../../../shared/events';
import { MAX_BATCH, validateEvents } from '../../../../shared/events';
import { AGENCY_ID_RE } from '../../../../shared/scope';
import { minuteOfDay } from '../../../../shared/time';

const SEED = 2025;
const at = (s: string) => Date.parse(s);
const dayOfDate = (date: string) => dayNumberOf(at(`${date}T12:00:00+07:00`));
const WORKING_WEEK = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
const TET_DAY = '2026-02-17';

// One world and timeline for the plan tests: building plans is the expensive part.
const world = createWorld('01', SEED);
const timeline = createTimeline(world);
const dossiersOf = (date: string) => timeline.dossierPlan(dayOfDate(date)).dossiers;
const share = (part: number, whole: number) => part / whole;

/** Weekday (0 = Sunday) of an instant in Asia/Ho_Chi_Minh. */
const vnWeekday = (t: number) => new Date(t + 7 * 3_600_000).getUTCDay();
const inSession = (t: number, sessions: number) => {
  const minute = minuteOfDay(t);
  const morning = minute >= 7 * 60 + 30 && minute < 11 * 60 + 30;
  const afternoon = minute >= 13 * 60 && minute < 17 * 60;
  return sessions === 2 ? morning || afternoon : morning;
};

/** A fake `send` that records every batch and checks nothing is sent ahead of the clock. */
function collector(clock: { now(): number }) {
  const batches: IocEvent[][] = [];
  const future: IocEvent[] = [];
  const send = async (events: IocEvent[]) => {
    const now = clock.now();
    future.push(...events.filter((e) => Date.parse(e.at) > now));
    batches.push(events);
  };
  return { send, batches, future, events: () => batches.flat() };
}

/** Waits until the simulator has sent everything up to the clock (a heartbeat closes every 30 s slot). */
async function caughtUp(sink: { events(): IocEvent[] }, clock: { now(): number }): Promise<void> {
  const lastSlotEnd = Math.floor(clock.now() / 30_000) * 30_000;
  await waitFor(() => Date.parse(sink.events().at(-1)?.at ?? '') >= lastSlotEnd);
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function expectValid(events: readonly IocEvent[]) {
  for (let i = 0; i < events.length; i += MAX_BATCH) {
    const result = validateEvents(events.slice(i, i + MAX_BATCH));
    expect('errors' in result ? result.errors.slice(0, 3) : []).toEqual([]);
  }
}

describe('the day plan', () => {
  it('is the same for the same seed and day, and different for another day or seed', () => {
    const day = dayOfDate('2026-11-24');
    const again = createTimeline(createWorld('01', SEED)).dossierPlan(day).dossiers;
    expect(again).toEqual(timeline.dossierPlan(day).dossiers);
    const otherDay = dossiersOf('2026-11-25');
    expect(otherDay.map((d) => d.dossierId)).not.toEqual(again.map((d) => d.dossierId));
    const otherSeed = createTimeline(createWorld('01', SEED + 1)).dossierPlan(day).dossiers;
    expect(otherSeed.map((d) => d.receivedAt)).not.toEqual(again.map((d) => d.receivedAt));
  });

  it('is cheap to generate: a day of the province in well under a second of CPU', () => {
    // CPU time of this thread, not the wall clock: other work on a shared machine must not fail it.
    // About 0.1 s here; the bound catches a plan that became ten times costlier, not a busy machine.
    const fresh = createTimeline(world);
    fresh.dossierPlan(dayOfDate('2026-10-05')); // warm the JIT
    const started = process.cpuUsage();
    fresh.dossierPlan(dayOfDate('2026-10-06'));
    const { user, system } = process.cpuUsage(started);
    expect((user + system) / 1000).toBeLessThan(1_000);
  });

  it.each(WORKING_WEEK)(
    'gives Hà Nội 2,000–5,000 dossiers on %s, 20–40% online, 15–25% full-online',
    (date) => {
      const dossiers = dossiersOf(date);
      expect(dossiers.length).toBeGreaterThanOrEqual(2000);
      expect(dossiers.length).toBeLessThanOrEqual(5000);
      const online = share(dossiers.filter((d) => d.channel === 'online').length, dossiers.length);
      expect(online).toBeGreaterThanOrEqual(0.2);
      expect(online).toBeLessThanOrEqual(0.4);
      const fullOnline = share(dossiers.filter((d) => d.onlineLevel === 'full').length, dossiers.length);
      expect(fullOnline).toBeGreaterThanOrEqual(0.15);
      expect(fullOnline).toBeLessThanOrEqual(0.25);
    },
  );

  it('spreads dossiers over the real wards of the province, unevenly, and over 15–25 valid agencies', () => {
    const dossiers = WORKING_WEEK.flatMap(dossiersOf);
    const wardCodes = new Set(world.wards.map((w) => w.code));
    expect(dossiers.every((d) => wardCodes.has(d.commune))).toBe(true);
    const perWard = new Map<string, number>();
    for (const d of dossiers) perWard.set(d.commune, (perWard.get(d.commune) ?? 0) + 1);
    const counts = [...perWard.values()].sort((a, b) => a - b);
    expect(perWard.size).toBe(126);
    expect(counts[counts.length - 1] ?? 0).toBeGreaterThan(3 * (counts[0] ?? 0));
    const agencies = new Set(dossiers.map((d) => d.agency));
    expect(agencies.size).toBeGreaterThanOrEqual(15);
    expect(agencies.size).toBeLessThanOrEqual(25);
    expect([...agencies].every((a) => AGENCY_ID_RE.test(a))).toBe(true);
    expect(dossiers[0]?.dossierId).toMatch(/^H01\.\d{2}(\.\d{5})?-261123-\d{4}$/);
    expect(new Set(dossiers.map((d) => d.dossierId)).size).toBe(dossiers.length);
  });

  it('receives in person and by post only in office hours: Mon–Fri 7:30–11:30, 13:00–17:00, some Saturday mornings', () => {
    const days = Array.from({ length: 28 }, (_, i) => dayOfDate('2026-11-02') + i);
    const counter = days
      .flatMap((day) => timeline.dossierPlan(day).dossiers)
      .filter((d) => d.channel !== 'online');
    expect(counter.length).toBeGreaterThan(20_000);
    const misplaced = counter.filter((d) => {
      const weekday = vnWeekday(d.receivedAt);
      if (weekday >= 1 && weekday <= 5) return !inSession(d.receivedAt, 2);
      return weekday === 0 || !inSession(d.receivedAt, 1);
    });
    expect(misplaced).toEqual([]);
    const saturdays = new Set(
      counter.filter((d) => vnWeekday(d.receivedAt) === 6).map((d) => dayNumberOf(d.receivedAt)),
    );
    expect(saturdays.size).toBeGreaterThan(0);
    expect(saturdays.size).toBeLessThan(4);
  });

  it('receives online around the clock, with a daytime peak', () => {
    const online = WORKING_WEEK.flatMap(dossiersOf).filter((d) => d.channel === 'online');
    const night = online.filter((d) => minuteOfDay(d.receivedAt) < 5 * 60).length;
    const morning = online.filter(
      (d) => minuteOfDay(d.receivedAt) >= 8 * 60 && minuteOfDay(d.receivedAt) < 11 * 60,
    ).length;
    expect(night).toBeGreaterThan(0);
    expect(morning).toBeGreaterThan(5 * night);
  });

  it('closes the counters on a Tết day but keeps taking online submissions', () => {
    const dossiers = dossiersOf(TET_DAY);
    expect(dossiers.filter((d) => d.channel !== 'online')).toEqual([]);
    expect(dossiers.length).toBeGreaterThan(50);
    expect(dossiers.length).toBeLessThan(600);
  });

  it.each(WORKING_WEEK)('makes 800–1,500 online payments worth 0.5–0.9 billion VND on %s', (date) => {
    const payments = dossiersOf(date).flatMap((d) => (d.payment ? [d.payment] : []));
    expect(payments.length).toBeGreaterThanOrEqual(800);
    expect(payments.length).toBeLessThanOrEqual(1500);
    const total = payments.reduce((sum, p) => sum + p.amountVnd, 0);
    expect(total).toBeGreaterThanOrEqual(0.5e9);
    expect(total).toBeLessThanOrEqual(0.9e9);
    expect(payments.every((p) => Number.isInteger(p.amountVnd) && p.amountVnd > 0)).toBe(true);
  });

  it('charges a fee on ~40% of dossiers, heavy-tailed around a mean of ~567,000 VND, paid online within minutes', () => {
    const dossiers = WORKING_WEEK.flatMap(dossiersOf);
    const withFee = dossiers.filter((d) => d.feeVnd > 0);
    expect(share(withFee.length, dossiers.length)).toBeGreaterThan(0.35);
    expect(share(withFee.length, dossiers.length)).toBeLessThan(0.45);
    const amounts = withFee.map((d) => d.feeVnd).sort((a, b) => a - b);
    const mean = amounts.reduce((sum, a) => sum + a, 0) / amounts.length;
    const median = amounts[Math.floor(amounts.length / 2)] ?? 0;
    expect(mean).toBeGreaterThan(450_000);
    expect(mean).toBeLessThan(700_000);
    expect(median).toBeLessThan(mean / 2);
    expect(amounts[amounts.length - 1]).toBeGreaterThan(20_000_000);
    const paid = withFee.filter((d) => d.payment);
    expect(share(paid.length, withFee.length)).toBeGreaterThan(0.97);
    expect(
      paid.every(
        (d) => d.payment && d.payment.at > d.receivedAt && d.payment.at - d.receivedAt < 30 * 60_000,
      ),
    ).toBe(true);
  });

  it('resolves 95–99.5% on time, digitises ~86% and issues ~88% of results electronically', () => {
    const dossiers = WORKING_WEEK.flatMap(dossiersOf);
    const rate = (pick: (d: PlannedDossier) => boolean) =>
      share(dossiers.filter(pick).length, dossiers.length);
    expect(rate((d) => d.finishedAt <= d.dueAt)).toBeGreaterThan(0.95);
    expect(rate((d) => d.finishedAt <= d.dueAt)).toBeLessThan(0.995);
    expect(rate((d) => d.synced)).toBeGreaterThan(0.99);
    expect(rate((d) => d.digitisedAt !== null)).toBeCloseTo(0.86, 1);
    expect(rate((d) => d.reused) / rate((d) => d.digitisedAt !== null)).toBeCloseTo(0.55, 1);
    expect(rate((d) => d.electronic)).toBeCloseTo(0.88, 1);
    expect(rate((d) => d.feedbackAt !== null)).toBeGreaterThan(0.03);
    expect(
      dossiers.every(
        (d) => d.receivedAt < d.dueAt && d.receivedAt < d.finishedAt && d.finishedAt <= d.resultAt,
      ),
    ).toBe(true);
  });
});

describe('the task register', () => {
  const now = at('2026-11-24T15:20:00+07:00');
  const events = timeline.collect(now - 60_000, now, { withTaskHistory: true }).map((e) => e.event);

  it('holds about 190 nq57, 40 da06 and 80 province tasks, some recurring', () => {
    const assigned = events.flatMap((e) => (e.type === 'task.assigned' ? [e] : []));
    const count = (programme: string) => assigned.filter((t) => t.programme === programme).length;
    expect(count('nq57')).toBeGreaterThan(140);
    expect(count('nq57')).toBeLessThan(240);
    expect(count('da06')).toBeGreaterThan(25);
    expect(count('da06')).toBeLessThan(60);
    expect(count('province')).toBeGreaterThan(50);
    expect(count('province')).toBeLessThan(110);
    expect(assigned.some((t) => t.deadline === null)).toBe(true);
    expect(new Set(assigned.map((t) => t.level))).toEqual(new Set(['central', 'province']));
  });

  it('has tasks done on time, done late, in progress and overdue', () => {
    const deadline = new Map<string, number | null>();
    const done = new Map<string, number>();
    for (const e of events) {
      if (e.type === 'task.assigned') deadline.set(e.taskId, e.deadline ? Date.parse(e.deadline) : null);
      if (e.type === 'task.updated' && e.deadline) deadline.set(e.taskId, Date.parse(e.deadline));
      if (e.type === 'task.completed') done.set(e.taskId, Date.parse(e.completedAt));
    }
    const statuses = new Map<string, number>();
    for (const [taskId, due] of deadline) {
      const completedAt = done.get(taskId);
      const status =
        completedAt !== undefined
          ? due === null || completedAt <= due
            ? 'doneOnTime'
            : 'doneLate'
          : due === null
            ? 'recurring'
            : due >= now
              ? 'inProgress'
              : 'overdue';
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    const total = deadline.size;
    expect(share(statuses.get('doneOnTime') ?? 0, total)).toBeGreaterThan(0.3);
    expect(share(statuses.get('doneLate') ?? 0, total)).toBeGreaterThan(0.03);
    expect(share(statuses.get('inProgress') ?? 0, total)).toBeGreaterThan(0.15);
    expect(share(statuses.get('overdue') ?? 0, total)).toBeGreaterThan(0.03);
    expect(share(statuses.get('overdue') ?? 0, total)).toBeLessThan(0.25);
  });
});

describe('generated events', () => {
  it('all pass validateEvents, with unique ids of the form sim-01-yyyymmdd-kind-sequence', () => {
    const day = dayOfDate('2026-11-24');
    const events = timeline
      .collect(dayStartOf(day - 1), dayStartOf(day + 1), {
        withCarriedOverReceipts: true,
        withTaskHistory: true,
      })
      .map((e) => e.event);
    expect(events.length).toBeGreaterThan(20_000);
    expectValid(events);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.find((e) => e.type === 'dossier.received')?.id).toMatch(/^sim-01-\d{8}-r-\d{6}$/);
  });

  it('replaying a window twice, even from a fresh process, yields identical events', () => {
    const from = at('2026-11-24T09:00:00+07:00');
    const to = at('2026-11-24T10:00:00+07:00');
    const first = timeline.collect(from, to).map((e) => e.event);
    const second = createTimeline(createWorld('01', SEED))
      .collect(from, to)
      .map((e) => e.event);
    expect(first.length).toBeGreaterThan(500);
    expect(second).toEqual(first);
  });
});

describe(createSimulator.name, () => {
  const start = at('2026-11-24T15:20:00+07:00');

  it('backfills yesterday and today so far, with carried-over receipts and the task register, in order of at', async () => {
    const clock = manualClock(start);
    const sink = collector(clock);
    const sut = createSimulator({ province: '01', clock, seed: SEED, send: sink.send, tickMs: 60_000 });
    // CPU time of this thread (the plans are built here), not the wall clock: a busy machine must not fail it.
    const started = process.cpuUsage();
    await sut.start();
    const { user, system } = process.cpuUsage(started);
    const cpuMs = (user + system) / 1000;
    await sut.stop();
    const events = sink.events();
    expect(events.length).toBeGreaterThan(25_000);
    expect(events.length).toBeLessThan(45_000);
    expect(cpuMs).toBeLessThan(10_000);
    expect(sut.sent).toBe(events.length);
    expect(sink.batches.every((b) => b.length > 0 && b.length <= MAX_BATCH)).toBe(true);
    const times = events.map((e) => Date.parse(e.at));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true);
    expect(sink.future).toEqual([]);
    // Every resolution in the window belongs to a dossier whose receipt was sent too.
    const receivedIds = new Set(events.flatMap((e) => (e.type === 'dossier.received' ? [e.dossierId] : [])));
    expect(events.filter((e) => e.type === 'dossier.resolved' && !receivedIds.has(e.dossierId))).toEqual([]);
    const carriedOver = events.filter(
      (e) => e.type === 'dossier.received' && Date.parse(e.at) < dayStartOf(dayNumberOf(start) - 1),
    );
    expect(carriedOver.length).toBeGreaterThan(500);
    expect(events.filter((e) => e.type === 'task.assigned').length).toBeGreaterThan(200);
    console.info(`backfill: ${events.length} events in ${Math.round(cpuMs)} ms of CPU`);
  });

  it('plays the events whose at the clock has passed, in order, never ahead of the clock, with heartbeats', async () => {
    const clock = manualClock(at('2026-11-24T02:00:00+07:00'));
    const sink = collector(clock);
    const sut = createSimulator({ province: '01', clock, seed: SEED, send: sink.send, tickMs: 5 });
    await sut.start();
    const backfilled = sut.sent;
    // Uneven steps: some ticks see several slots, some none, some land mid-slot.
    for (let i = 0; i < 40; i++) {
      clock.advance(1_000 + (i % 4) * 45_000);
      await new Promise((resolve) => setTimeout(resolve, i % 3 === 0 ? 15 : 1));
    }
    await caughtUp(sink, clock);
    await sut.stop();
    const played = sink.events().slice(backfilled);
    expect(played.length).toBeGreaterThan(100);
    expect(sink.future).toEqual([]);
    const times = sink.events().map((e) => Date.parse(e.at));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true);
    expectValid(played);
    // At night the task tracker is silent: it says so every 30 s of simulated time.
    const taskBeats = played.filter((e) => e.type === 'source.heartbeat' && e.source === 'tasks');
    expect(taskBeats.length).toBeGreaterThanOrEqual(90);
    expect(taskBeats[0]?.id).toMatch(/^sim-01-20261124-hb-tasks-\d{6}$/);
    expect(new Set(sink.events().map((e) => e.id)).size).toBe(sink.events().length);
  });

  it('replays the same ids after a restart', async () => {
    const clock = manualClock(at('2026-11-24T09:00:00+07:00'));
    const firstRun = collector(clock);
    const first = createSimulator({ province: '01', clock, seed: SEED, send: firstRun.send, tickMs: 5 });
    await first.start();
    const backfilled = first.sent;
    clock.advance(20 * 60_000);
    await caughtUp(firstRun, clock);
    await first.stop();
    const played = firstRun.events().slice(backfilled);

    const restarted = collector(clock);
    const second = createSimulator({
      province: '01',
      clock,
      seed: SEED,
      send: restarted.send,
      tickMs: 60_000,
    });
    await second.start();
    await second.stop();
    const replayed = new Map(restarted.events().map((e) => [e.id, e]));
    const notHeartbeats = played.filter((e) => e.type !== 'source.heartbeat');
    expect(notHeartbeats.length).toBeGreaterThan(100);
    expect(notHeartbeats.filter((e) => !replayed.has(e.id))).toEqual([]);
    expect(notHeartbeats.map((e) => replayed.get(e.id))).toEqual(notHeartbeats);
  });

  it('retries a failed batch until it goes through, without dropping or reordering', async () => {
    const clock = manualClock(at('2026-11-22T20:00:00+07:00'));
    const reference = collector(clock);
    const calm = createSimulator({ province: '01', clock, seed: SEED, send: reference.send, tickMs: 60_000 });
    await calm.start();
    await calm.stop();

    const delivered = collector(clock);
    let failures = 0;
    const flaky = async (events: IocEvent[]) => {
      if (delivered.batches.length === 2 && failures < 2) {
        failures++;
        throw new Error('503 Service Unavailable');
      }
      await delivered.send(events);
    };
    const sut = createSimulator({ province: '01', clock, seed: SEED, send: flaky, tickMs: 60_000 });
    const warn = console.warn;
    console.warn = () => {};
    try {
      await sut.start();
    } finally {
      console.warn = warn;
      await sut.stop();
    }
    expect(failures).toBe(2);
    expect(delivered.events().map((e) => e.id)).toEqual(reference.events().map((e) => e.id));
  });
});

describe(createHttpSender.name, () => {
  it('posts each source’s events with that source’s key, and throws with the answer on a non-2xx', async () => {
    const keys: Record<Source, string> = { one_stop: 'k-one', payments: 'k-pay', tasks: 'k-task' };
    const calls: { url: string; auth: string; ids: string[] }[] = [];
    const realFetch = globalThis.fetch;
    let status = 202;
    globalThis.fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      const body = JSON.parse(String(init?.body)) as IocEvent[];
      calls.push({
        url: String(input),
        auth: headers.get('authorization') ?? '',
        ids: body.map((e) => e.id),
      });
      return new Response(status === 202 ? '{}' : 'bad key', { status });
    };
    try {
      const send = createHttpSender({ baseUrl: 'http://wall.test/', keys });
      const events = timeline
        .collect(at('2026-11-24T09:00:00+07:00'), at('2026-11-24T09:05:00+07:00'))
        .map((e) => e.event);
      await send(events);
      expect(calls.map((c) => c.url)).toEqual(calls.map(() => 'http://wall.test/api/v1/events'));
      expect(new Set(calls.map((c) => c.auth))).toEqual(new Set(['Bearer k-one', 'Bearer k-pay']));
      for (const call of calls) {
        const source = call.auth === 'Bearer k-one' ? 'one_stop' : 'payments';
        expect(call.ids).toEqual(events.filter((e) => e.source === source).map((e) => e.id));
      }
      status = 401;
      await expect(send(events)).rejects.toThrow(/401: bad key/);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
