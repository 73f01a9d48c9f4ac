import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../server/clock';
import type { Store } from '../../server/store/types';
import { DEFAULT_ALERT_RULES, type AlertRules } from '../../shared/alert-rules';
import type { Alert } from '../../shared/alerts';
import type { AlertList } from '../../shared/socket';
import type { Source } from '../../shared/vocabulary';
import { Users } from '../../server/auth/users';
import { wardsOf } from '../../server/geo/wards';
import { eventually, startTestApp, TEST_KEYS, TEST_TICK_MS, type TestSocket } from '../support/app';
import { heartbeat, received } from '../support/events';
import { STORES } from '../support/stores';

const t = (s: string) => Date.parse(s);
const START = t('2026-11-24T10:00:00+07:00');
const MIN = 60_000;
const belowTarget = (commune: string) => `onTime.commune|commune:${commune}`;
/** The default commune rule's sample floor. */
const MIN_SAMPLE = DEFAULT_ALERT_RULES.rules.find((r) => r.id === 'onTime.commune')?.minSample ?? NaN;
const SILENT_PAYMENTS = 'sourceSilent|province|payments';

/** Every alert:list a screen receives, in order, and a way to wait for one. */
function alertLists(socket: TestSocket) {
  const lists: AlertList[] = [];
  socket.on('alert:list', (l) => lists.push(l));
  return {
    lists,
    /** The first list where `check` holds, from the latest one received so far on. */
    until: (check: (alerts: Alert[]) => boolean, ms = 5000) => {
      const from = Math.max(0, lists.length - 1);
      return eventually(() => lists.slice(from).find((l) => check(l.alerts)), ms);
    },
    latest: () => lists.at(-1),
  };
}
/**
 * The ids of the alerts about communes and sources: the dossiers these tests send belong to one agency
 * and the province, whose own rules may raise alerts too (province and agency tests are in the unit tests).
 */
const ids = (alerts: Alert[]) =>
  alerts.filter((a) => a.rule === undefined || a.rule === 'onTime.commune').map((a) => a.id);
/**
 * The built-in rules, raising at once rather than after a minute off target: these tests are about the
 * wall's list, the raise delay is the unit tests' (test/unit/shared/alerts.test.ts).
 */
const PROMPT_RULES: AlertRules = {
  ...DEFAULT_ALERT_RULES,
  rules: DEFAULT_ALERT_RULES.rules.map((r) => ({ ...r, raiseAfterSec: 0 })),
};
const only = (alerts: Alert[], id: string) => alerts.filter((a) => a.id === id);

const PASSWORD = 'mật khẩu trực ban';

describe.each(STORES)('alerts on every wall (%s store)', (name, makeStore) => {
  const clock = manualClock(START);
  let store: Store;
  let cleanup: () => Promise<void>;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  /** An operator's session cookie: only operators may acknowledge. */
  let operator: string;
  beforeEach(async () => {
    clock.set(START);
    ({ store, cleanup } = await makeStore(`alerts-${name}`));
    await new Users(store, clock).add({
      login: 'truc.ban',
      name: 'Trực ban',
      role: 'operator',
      password: PASSWORD,
    });
    sut = await startTestApp(store, { clock, alertRules: PROMPT_RULES });
    operator = await sut.signIn('truc.ban', PASSWORD);
  });
  afterEach(async () => {
    await sut.close();
    await cleanup();
  });

  const keyOf: Record<Source, string> = {
    one_stop: TEST_KEYS.one_stop,
    payments: TEST_KEYS.payments,
    tasks: TEST_KEYS.tasks,
  };
  /** The sources say they are alive at the clock's time. */
  async function heard(...sources: Source[]) {
    const at = new Date(clock.now()).toISOString();
    for (const source of sources)
      expect((await sut.post(heartbeat({ source, at }), keyOf[source])).status).toBe(202);
  }
  /** `n` dossiers of a commune, received at 08:00 and late since 09:00, still open: on-time rate 0. */
  async function lateDossiers(commune: string, n: number) {
    const batch = Array.from({ length: n }, (_, i) =>
      received({
        dossierId: `${commune}-${i}`,
        commune,
        at: '2026-11-24T08:00:00+07:00',
        dueAt: '2026-11-24T09:00:00+07:00',
      }),
    );
    expect((await sut.post(batch)).status).toBe(202);
  }

  it(`raises a commune below its on-time target over ${MIN_SAMPLE} dossiers, not one with fewer`, async () => {
    await heard('one_stop', 'payments', 'tasks');
    // The short commune first: by the time the other shows, it has been counted too (one stream, in order).
    await lateDossiers('00008', MIN_SAMPLE - 1);
    await lateDossiers('00004', MIN_SAMPLE);
    const screen = alertLists(sut.socket());
    const list = await screen.until((a) => ids(a).includes(belowTarget('00004')));
    expect(ids(list.alerts)).toEqual([belowTarget('00004')]);
    expect(only(list.alerts, belowTarget('00004'))).toEqual([
      expect.objectContaining({
        id: belowTarget('00004'),
        kind: 'offTarget',
        severity: 'critical',
        scope: 'commune:00004',
        since: START,
      }),
    ]);
  });

  /** A commune's `good` dossiers still in time and `late` ones past due (received 08:00, due 09:00). */
  async function dossiers(commune: string, good: number, late: number) {
    const batch = Array.from({ length: good + late }, (_, i) =>
      received({
        dossierId: `${commune}-m${i}`,
        commune,
        at: '2026-11-24T08:00:00+07:00',
        dueAt: i < good ? '2026-11-30T17:00:00+07:00' : '2026-11-24T09:00:00+07:00',
      }),
    );
    expect((await sut.post(batch)).status).toBe(202);
  }

  it('raises no alert for 30 communes slightly under target on tiny samples, one for a real backlog', async () => {
    await heard('one_stop', 'payments', 'tasks');
    const codes = wardsOf('01').map((w) => w.code);
    // One late dossier among 20–49 (95–97.5%), or among 10–19 (90–95%, too few to judge).
    for (let i = 0; i < 30; i++) await dossiers(codes[i] as string, i < 20 ? 19 + i : i - 11, 1);
    const far = codes[40] as string;
    await dossiers(far, 36, 9);
    const screen = alertLists(sut.socket());
    const list = await screen.until((a) => ids(a).includes(belowTarget(far)));
    expect(ids(list.alerts)).toEqual([belowTarget(far)]);
    expect(only(list.alerts, belowTarget(far))).toEqual([
      expect.objectContaining({
        id: belowTarget(far),
        severity: 'critical',
        message: expect.objectContaining({ vi: expect.stringContaining('80,0% (36/45)') }),
      }),
    ]);
  });

  it('folds 29 communes off target into one summary line an operator acknowledges as one', async () => {
    await heard('one_stop', 'payments', 'tasks');
    const codes = wardsOf('01')
      .map((w) => w.code)
      .slice(0, 29);
    for (const [i, code] of codes.entries()) await dossiers(code, 25 + i, 3);
    const screen = alertLists(sut.socket());
    const summaryId = 'summary|onTime.commune|warning';
    const list = await screen.until((a) => a.find((x) => x.id === summaryId)?.members?.length === 29);
    expect(ids(list.alerts)).toEqual([summaryId]);
    expect(only(list.alerts, summaryId)[0]?.message.vi).toMatch(
      /^29 xã\/phường dưới mục tiêu đúng hạn · thấp nhất: .+ 89,3% \(25\/28\)$/,
    );
    expect(await sut.socket(operator).timeout(5000).emitWithAck('alert:ack', { id: summaryId })).toEqual({
      data: null,
    });
    await screen.until((a) => only(a, summaryId)[0]?.acknowledgedBy === 'Trực ban');
  });

  it('gives a new screen the list right after the welcome', async () => {
    const socket = sut.socket();
    const order: string[] = [];
    socket.on('server:welcome', () => order.push('server:welcome'));
    socket.on('alert:list', () => order.push('alert:list'));
    await eventually(() => order.length >= 2);
    expect(order.slice(0, 2)).toEqual(['server:welcome', 'alert:list']);
  });

  it('shows an acknowledgement on every screen at once, and to screens that come later', async () => {
    await heard('one_stop', 'payments', 'tasks');
    await lateDossiers('00004', MIN_SAMPLE);
    const a = sut.socket(operator);
    const b = alertLists(sut.socket());
    const seenByA = alertLists(a);
    await seenByA.until((l) => ids(l).includes(belowTarget('00004')));
    await b.until((l) => ids(l).includes(belowTarget('00004')));

    clock.advance(MIN);
    const reply = await a.timeout(5000).emitWithAck('alert:ack', { id: belowTarget('00004') });
    expect(reply).toEqual({ data: null });
    // The acknowledging screen has the new list by the time its reply arrives.
    expect(seenByA.latest()?.alerts[0]).toMatchObject({
      acknowledgedAt: START + MIN,
      acknowledgedBy: 'Trực ban',
    });
    const acked = await b.until((l) => l[0]?.acknowledgedAt !== undefined);
    expect(acked.alerts[0]).toMatchObject({ id: belowTarget('00004'), acknowledgedAt: START + MIN });

    const later = alertLists(sut.socket());
    expect((await later.until((l) => l.length > 0)).alerts[0]?.acknowledgedBy).toBe('Trực ban');
  });

  it('refuses an unknown id and a malformed request, and changes nothing', async () => {
    await heard('one_stop', 'payments', 'tasks');
    await lateDossiers('00004', MIN_SAMPLE);
    const socket = sut.socket(operator);
    const screen = alertLists(socket);
    await screen.until((l) => ids(l).includes(belowTarget('00004')));
    const before = screen.lists.length;

    const ack = (req: unknown) => socket.timeout(5000).emitWithAck('alert:ack', req as { id: string });
    expect(await ack({ id: belowTarget('99999') })).toEqual({ error: 'no such alert' });
    for (const bad of [{ id: 42 }, { id: 'x'.repeat(201) }, { id: belowTarget('00004'), by: 'me' }, null]) {
      expect(await ack(bad)).toMatchObject({ error: expect.stringMatching(/^(id|request): /) });
    }
    // A few ticks pass: no list that went out (an age or a figure may move) has it acknowledged, and a new
    // screen sees it unacknowledged too.
    await new Promise((r) => setTimeout(r, 4 * TEST_TICK_MS));
    for (const l of screen.lists.slice(before)) {
      expect(l.alerts.find((a) => a.id === belowTarget('00004'))?.acknowledgedAt).toBeUndefined();
    }
    const fresh = alertLists(sut.socket());
    const list = await fresh.until((l) => l.length > 0);
    expect(list.alerts[0]?.acknowledgedAt).toBeUndefined();
  });

  it('warns of a silent source past amber, escalates past red and flashes again, most urgent first', async () => {
    await heard('one_stop', 'payments', 'tasks');
    const screen = alertLists(sut.socket());
    await eventually(() => screen.latest()?.alerts.length === 0);
    await lateDossiers('00008', MIN_SAMPLE);
    await screen.until((l) => ids(l).includes(belowTarget('00008')));

    // A minute later a second commune falls behind: same severity, so the older one stays first.
    clock.advance(MIN);
    await lateDossiers('00004', MIN_SAMPLE);
    await screen.until((l) => ids(l).includes(belowTarget('00004')));

    // Payments say nothing for just over 5 minutes while the others keep talking: a warning. Between the
    // clock's jump and the others' heartbeats a tick may find them silent too: the list after those.
    const othersSilent = (l: Alert[]) => l.some((a) => a.kind === 'sourceSilent' && a.id !== SILENT_PAYMENTS);
    clock.set(START + 5 * MIN + 1000);
    await heard('one_stop', 'tasks');
    const amber = await screen.until((l) => ids(l).includes(SILENT_PAYMENTS) && !othersSilent(l));
    expect(ids(amber.alerts)).toEqual([belowTarget('00008'), belowTarget('00004'), SILENT_PAYMENTS]);
    expect(only(amber.alerts, SILENT_PAYMENTS)[0]).toMatchObject({
      severity: 'warning',
      since: START + 5 * MIN + 1000,
    });

    // Acknowledged alerts go last.
    expect(
      await sut.socket(operator).timeout(5000).emitWithAck('alert:ack', { id: SILENT_PAYMENTS }),
    ).toEqual({
      data: null,
    });
    expect(
      await sut
        .socket(operator)
        .timeout(5000)
        .emitWithAck('alert:ack', { id: belowTarget('00008') }),
    ).toEqual({
      data: null,
    });
    const acked = await screen.until((l) => l.filter((a) => a.acknowledgedAt !== undefined).length === 2);
    expect(ids(acked.alerts)).toEqual([belowTarget('00004'), belowTarget('00008'), SILENT_PAYMENTS]);

    // Past 15 minutes it is critical: the operator has not seen that, so it flashes again.
    clock.set(START + 15 * MIN + 1000);
    await heard('one_stop', 'tasks');
    const red = await screen.until(
      (l) => l.some((a) => a.id === SILENT_PAYMENTS && a.severity === 'critical') && !othersSilent(l),
    );
    // A silent source ranks first among criticals: it puts every number in doubt.
    expect(ids(red.alerts)).toEqual([SILENT_PAYMENTS, belowTarget('00004'), belowTarget('00008')]);
    expect(red.alerts[0]).toMatchObject({ id: SILENT_PAYMENTS, since: START + 5 * MIN + 1000 });
    expect(red.alerts[0]?.acknowledgedAt).toBeUndefined();
  });
});
