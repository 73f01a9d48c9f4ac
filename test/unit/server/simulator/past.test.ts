import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../../server/clock';
import { loadConfig } from '../../../../server/config/config';
import { wardsOf } from '../../../../server/geo/wards';
import { ruleProblems } from '../../../../server/ingest/event-rules';
import { dayKindOf, dayNumberOf, dayStartOf } from '../../../../server/simulator/calendar';
import { createBatchSender } from '../../../../server/simulator/http-sender';
import { buildDossierDayPlan } from '../../../../server/simulator/dossier-plan';
import { liveBackfillFrom, PastSource, pastWindow } from '../../../../server/simulator/past';
import { playPast } from '../../../../server/simulator/past-player';
import { progressLine, progressText } from '../../../../server/simulator/progress';
import type { BackfillProgress } from '../../../../server/simulator/simulator';
import { createSimulator } from '../../../../server/simulator/simulator';
import { PLAN_LOOKBACK_DAYS } from '../../../../server/simulator/timeline';
import { isoVn } from '../../../../server/simulator/wire';
import { createWorld } from '../../../../server/simulator/world';
import type { IocEvent } from '../../../../shared/events';
import { MAX_BATCH, validateEvents } from '../../../../shared/events';

const SEED = 2025;
const DAYS = 35;
/** A Wednesday morning: the past runs from Wednesday 22 October, five weeks before. */
const NOW = Date.parse('2026-11-26T10:30:00+07:00');
const TODAY = dayNumberOf(NOW);
const RULES = { communes: new Set(wardsOf('01').map((w) => w.code)), retentionDays: 800 };

/** A fake `send` that keeps every batch. */
function collector() {
  const batches: IocEvent[][] = [];
  return {
    batches,
    send: async (events: IocEvent[]) => void batches.push(events),
    events: () => batches.flat(),
  };
}

/** Starts a simulator at NOW with the past, waits for the whole backfill, and returns what it sent. */
async function backfill(pastDays = DAYS) {
  const clock = manualClock(NOW);
  const sink = collector();
  const reports: BackfillProgress[] = [];
  const sut = createSimulator({
    province: '01',
    clock,
    seed: SEED,
    send: sink.send,
    tickMs: 3_600_000,
    pastDays,
    onBackfillProgress: (p) => reports.push(p),
  });
  const started = performance.now();
  await sut.start();
  const elapsedMs = performance.now() - started;
  await sut.stop();
  return { sink, reports, elapsedMs, sent: sut.sent };
}

// One backfill for the tests that only read it: it is the expensive part.
let first: ReturnType<typeof backfill> | null = null;
const firstRun = () => (first ??= backfill());

/** The backfills below take a few seconds each, more on a busy machine. */
const SLOW = 90_000;

describe('the past (SIM_PAST_DAYS)', () => {
  it(
    'covers the 35 days before today: ≥ 1,000 dossiers received on every working day, most resolved, weekends quiet',
    async () => {
      const { sink, elapsedMs } = await firstRun();
      const events = sink.events();
      const receivedOn = new Map<number, Set<string>>();
      const resolvedOn = new Map<number, number>();
      const resolvedIds = new Set<string>();
      for (const e of events) {
        if (e.type === 'dossier.received') {
          const day = dayNumberOf(Date.parse(e.at));
          const ids = receivedOn.get(day) ?? new Set<string>();
          receivedOn.set(day, ids.add(e.dossierId));
        } else if (e.type === 'dossier.resolved') {
          resolvedIds.add(e.dossierId);
          const day = dayNumberOf(Date.parse(e.finishedAt));
          resolvedOn.set(day, (resolvedOn.get(day) ?? 0) + 1);
        }
      }
      const rows: string[] = [];
      let workingDays = 0;
      for (let day = TODAY - DAYS; day < TODAY; day++) {
        const received = receivedOn.get(day) ?? new Set<string>();
        const resolvedSince = [...received].filter((id) => resolvedIds.has(id)).length;
        const resolved = resolvedOn.get(day) ?? 0;
        rows.push(
          `${isoVn(dayStartOf(day)).slice(0, 10)}: ${received.size} received, ${resolvedSince} of them resolved by now, ${resolved} resolved that day`,
        );
        if (dayKindOf(day) === 'working') {
          workingDays++;
          expect(received.size, rows.at(-1)).toBeGreaterThanOrEqual(1000);
          // Most of the day's dossiers are resolved by now (nearly all after two weeks: the slow
          // procedures take 10–15 working days), and the day resolved about as many as it took in.
          expect(resolvedSince / received.size, rows.at(-1)).toBeGreaterThan(TODAY - day > 14 ? 0.95 : 0.5);
          expect(resolved, rows.at(-1)).toBeGreaterThan(0.8 * received.size);
        } else {
          expect(received.size, rows.at(-1)).toBeLessThan(1000);
        }
      }
      expect(workingDays).toBeGreaterThanOrEqual(24);
      console.info(rows.join('\n'));
      console.info(
        `backfill with ${DAYS} days of past: ${events.length} events in ${Math.round(elapsedMs)} ms`,
      );
    },
    SLOW,
  );

  it(
    'sends every event once, all valid for the server (schema, province, due times, clock, retention)',
    async () => {
      const { sink, sent } = await firstRun();
      const events = sink.events();
      expect(sent).toBe(events.length);
      expect(sink.batches.every((b) => b.length > 0 && b.length <= MAX_BATCH)).toBe(true);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      for (const batch of sink.batches) {
        const checked = validateEvents(batch);
        expect('errors' in checked ? checked.errors.slice(0, 3) : []).toEqual([]);
      }
      const broken = events.flatMap((e) =>
        ruleProblems(e, RULES, NOW).map((p) => `${e.id} ${p.field}: ${p.message}`),
      );
      expect(broken.slice(0, 5)).toEqual([]);
    },
    SLOW,
  );

  it(
    'sends whole lives: every dossier it speaks of has its receipt, and every step up to now',
    async () => {
      const { sink } = await firstRun();
      const ids = new Set(sink.events().map((e) => e.id));
      const received = new Set(
        sink.events().flatMap((e) => (e.type === 'dossier.received' ? [e.dossierId] : [])),
      );
      const orphans = sink.events().filter((e) => 'dossierId' in e && !received.has(e.dossierId));
      expect(orphans.slice(0, 3)).toEqual([]);
      // Against the plans: a dossier with any event in the past's days has all its events up to now.
      const world = createWorld('01', SEED);
      const from = dayStartOf(TODAY - DAYS) - 1;
      let checked = 0;
      const missing: string[] = [];
      for (let day = TODAY - DAYS - PLAN_LOOKBACK_DAYS; day <= TODAY; day++) {
        const plan = buildDossierDayPlan(world, day);
        plan.dossiers.forEach((d, seq) => {
          const life = plan.lifeIn(seq, -Infinity, Infinity);
          const upToNow = life.filter((x) => x.t <= NOW);
          if (!life.some((x) => x.t > from) || upToNow.length === 0) return;
          checked++;
          for (const { event } of upToNow)
            if (!ids.has(event.id)) missing.push(`${d.dossierId} ${event.type}`);
        });
      }
      expect(checked).toBeGreaterThan(75_000);
      expect(missing.slice(0, 5)).toEqual([]);
    },
    SLOW,
  );

  it(
    'is deterministic: the same seed sends the same events with the same ids',
    async () => {
      const first = (await firstRun()).sink.events();
      const second = (await backfill()).sink.events();
      const byId = (events: IocEvent[]) => new Map(events.map((e) => [e.id, e]));
      expect(second.length).toBe(first.length);
      const again = byId(second);
      expect(first.filter((e) => JSON.stringify(again.get(e.id)) !== JSON.stringify(e)).slice(0, 3)).toEqual(
        [],
      );
    },
    SLOW,
  );

  it('counts exactly what it sends, and reports its progress up to a last report with the total', async () => {
    const { sink, reports } = await firstRun();
    const last = reports.at(-1);
    expect(last?.done).toBe(true);
    expect(last?.sent).toBe(sink.events().length);
    expect(last?.total).toBe(sink.events().length);
    expect(reports.filter((r) => r.done)).toHaveLength(1);
    const sent = reports.map((r) => r.sent);
    expect(sent.every((n, i) => i === 0 || n >= (sent[i - 1] ?? 0))).toBe(true);
  });

  it(
    'leaves the past out with SIM_PAST_DAYS 0 or 1 (the backfill is yesterday and today, as before)',
    async () => {
      expect(pastWindow(NOW, 0)).toBeNull();
      expect(pastWindow(NOW, 1)).toBeNull();
      const { sink, reports } = await backfill(0);
      const oldest = Math.min(
        ...sink.events().flatMap((e) => (e.type === 'dossier.received' ? [] : [Date.parse(e.at)])),
      );
      // Apart from the receipts carried over and the task register, nothing before yesterday.
      const dossierEvents = sink.events().filter((e) => 'dossierId' in e && e.type !== 'dossier.received');
      expect(Math.min(...dossierEvents.map((e) => Date.parse(e.at)))).toBeGreaterThan(liveBackfillFrom(NOW));
      expect(oldest).toBeLessThan(liveBackfillFrom(NOW)); // the task register's history
      expect(reports.at(-1)).toMatchObject({ done: true, total: sink.events().length });
    },
    SLOW,
  );

  it('keeps to one plan day at a time: the batches are generated as they are taken', () => {
    const world = createWorld('01', SEED);
    const window = pastWindow(NOW, DAYS)!;
    const source = new PastSource(world, window);
    const batches = source.batches();
    let taken = 0;
    for (let i = 0; i < 5; i++) taken += batches.next().value?.length ?? 0;
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThanOrEqual(5 * MAX_BATCH);
  });
});

describe(playPast.name, () => {
  it('sends with several requests in flight and retries a failed batch without dropping it', async () => {
    const events = Array.from({ length: 10 }, (_, i) => [{ id: `e${i}` } as unknown as IocEvent]);
    let inFlight = 0;
    let most = 0;
    let failures = 0;
    const delivered: string[] = [];
    const player = playPast({
      batches: events,
      inFlight: 3,
      firstRetryMs: 1,
      send: async ([e]) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        if (e?.id === 'e4' && failures < 2) {
          failures++;
          throw new Error('503');
        }
        delivered.push(e?.id ?? '');
      },
      onRetry: () => {},
    });
    await player.done;
    expect(most).toBe(3);
    expect(failures).toBe(2);
    expect(player.sent).toBe(10);
    expect(delivered.sort()).toEqual(events.map(([e]) => e?.id).sort());
  });
});

describe(createBatchSender.name, () => {
  it('posts each source’s events with its key over kept-alive connections, and throws with the answer on a non-2xx', async () => {
    const calls: { auth: string; ids: string[]; socket: unknown }[] = [];
    let status = 202;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const events = JSON.parse(body) as IocEvent[];
        calls.push({
          auth: req.headers.authorization ?? '',
          ids: events.map((e) => e.id),
          socket: req.socket,
        });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 202 ? '{"accepted":1}' : '{"error":"bad key"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const keys = { one_stop: 'k-one', payments: 'k-pay', tasks: 'k-task' };
      const send = createBatchSender({ baseUrl: `http://127.0.0.1:${port}`, keys });
      const source = new PastSource(createWorld('01', SEED), pastWindow(NOW, 3)!);
      const [first, second] = [...source.batches()].slice(0, 2);
      await send(first!);
      await send(second!);
      expect(calls.map((c) => c.ids)).toEqual([first!.map((e) => e.id), second!.map((e) => e.id)]);
      expect(calls.map((c) => c.auth)).toEqual([first, second].map((b) => `Bearer ${keys[b![0]!.source]}`));
      expect(calls[1]?.socket).toBe(calls[0]?.socket);
      status = 401;
      await expect(send(first!)).rejects.toThrow(/401: \{"error":"bad key"\}/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the progress line', () => {
  const p = (sent: number, total: number | null, elapsedMs: number, done = false) => ({
    sent,
    total,
    elapsedMs,
    done,
  });

  it('says how far the backfill is, its rate, and at the end the total and the time it took', () => {
    expect(progressText(35, p(152_301, 371_884, 5_000))).toBe(
      'demo: playing the last 35 days … 40% (152,301 of 371,884 events, 30,460 events/s)',
    );
    expect(progressText(35, p(12_000, null, 1_000))).toBe(
      'demo: playing the last 35 days … (12,000 events, 12,000 events/s)',
    );
    expect(progressText(35, p(371_884, 371_884, 14_200, true))).toBe(
      'demo: played the last 35 days: 371,884 events in 14.2 s (26,189 events/s)',
    );
    expect(progressText(0, p(30_000, 30_000, 2_000, true))).toBe(
      'demo: played yesterday and today: 30,000 events in 2.0 s (15,000 events/s)',
    );
  });

  it('rewrites one line on a terminal and prints plain lines every few seconds in a log', () => {
    const tty: string[] = [];
    const onTty = progressLine({ days: 35, tty: true, everyMs: 200, write: (t) => void tty.push(t) });
    onTty(p(10, 100, 0));
    onTty(p(20, 100, 100)); // too soon
    onTty(p(30, 100, 300));
    onTty(p(100, 100, 400, true));
    expect(tty).toHaveLength(3);
    expect(tty.every((t) => t.startsWith('\r'))).toBe(true);
    expect(tty.at(-1)).toMatch(/played the last 35 days: 100 events in 0\.4 s .*\n$/);

    const log: string[] = [];
    const inLog = progressLine({ days: 35, tty: false, write: (t) => void log.push(t) });
    for (let ms = 0; ms <= 12_000; ms += 250) inLog(p(ms, 12_000, ms));
    inLog(p(12_000, 12_000, 12_100, true));
    expect(log).toHaveLength(4);
    expect(log.every((t) => t.endsWith('\n') && !t.includes('\r'))).toBe(true);
  });
});

describe('SIM_PAST_DAYS', () => {
  it('defaults to 35 days, takes 0 for none, and refuses a bad value or a past older than the history kept', () => {
    expect(loadConfig({}).simPastDays).toBe(35);
    expect(loadConfig({ SIM_PAST_DAYS: '0' }).simPastDays).toBe(0);
    expect(() => loadConfig({ SIM_PAST_DAYS: 'many' })).toThrow(/SIM_PAST_DAYS/);
    expect(() => loadConfig({ SIM_PAST_DAYS: '-1' })).toThrow(/SIM_PAST_DAYS/);
    expect(() => loadConfig({ SIM_PAST_DAYS: '2.5' })).toThrow(/SIM_PAST_DAYS/);
    expect(() => loadConfig({ SIM_PAST_DAYS: '1000' })).toThrow(/SIM_PAST_DAYS/);
    expect(() => loadConfig({ SIM_PAST_DAYS: '100', RETENTION_DAYS: '100' })).toThrow(
      /SIM_PAST_DAYS: at most RETENTION_DAYS - 35 = 65/,
    );
  });
});

describe(isoVn.name, () => {
  it('writes the same text as Date.toISOString in Vietnamese time, for any second', () => {
    const start = Date.parse('2025-01-01T00:00:00Z');
    for (let i = 0; i < 5000; i++) {
      const t = start + Math.floor(((i * 7919) % 1000) * 86_400_000 + i * 1_234_567);
      const expected = `${new Date(t + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
      expect(isoVn(t)).toBe(expected);
    }
  });
});
