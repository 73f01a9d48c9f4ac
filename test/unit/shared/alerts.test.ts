import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES, type AlertRules } from '../../../shared/alert-rules';
import {
  acknowledge,
  evaluateAlerts,
  hasCriticalUnacknowledged,
  type Alert,
  type AlertInput,
  type Alerts,
} from '../../../shared/alerts';
import type { KpiKey, SourceWords, WireKpi } from '../../../shared/socket';

const now = Date.parse('2025-11-12T14:30:00+07:00');
const MIN = 60_000;
/** Every source heard from just now: no silence alerts unless a test asks for one. */
const fresh: SourceWords = { one_stop: now, payments: now, tasks: now };
const COMMUNE = DEFAULT_ALERT_RULES.rules.find((r) => r.id === 'onTime.commune');
if (!COMMUNE) throw new Error('no commune rule');

/** The built-in rules, raising at once: most tests are not about the raise delay. */
const PROMPT: AlertRules = {
  ...DEFAULT_ALERT_RULES,
  rules: DEFAULT_ALERT_RULES.rules.map((r) => ({ ...r, raiseAfterSec: 0 })),
};
const sut = (kpis: Record<string, WireKpi>, more: Partial<AlertInput> = {}) =>
  evaluateAlerts({
    kpis: new Map(Object.entries(kpis) as [KpiKey, WireKpi][]),
    sources: fresh,
    now,
    previous: new Map(),
    rules: PROMPT,
    ...more,
  });
/** An on-time rate of `good` dossiers out of `den`. */
const rate = (good: number, den: number): WireKpi => [good / den, good, den];
const only = (alerts: Alerts): Alert => {
  expect(alerts.size).toBe(1);
  const [a] = alerts.values();
  if (!a) throw new Error('no alert');
  return a;
};
const ID = 'onTime.commune|commune:00004';

describe(evaluateAlerts.name, () => {
  it('raises nothing when every number meets its target and every source is fresh', () => {
    const alerts = sut({ 'commune:00004|onTimeRate': rate(99, 100), 'province|tasks.overdue': [0, 0, null] });
    expect(alerts.size).toBe(0);
  });

  describe('a commune off its on-time target (the default rule)', () => {
    it('raises nothing for 30 communes slightly under target on tiny samples', () => {
      const kpis: Record<string, WireKpi> = {};
      for (let i = 0; i < 30; i++) {
        // The demo's Monday morning: one late dossier out of 20–39 (95–97.5%), or one or two out of 10–19.
        const [den, late] = i < 20 ? [20 + i, 1] : [i - 10, 1 + (i % 2)];
        kpis[`commune:${String(i).padStart(5, '0')}|onTimeRate`] = rate(den - late, den);
      }
      expect(sut(kpis).size).toBe(0);
    });

    it('raises one commune far under target on a real sample, critical, with its figure', () => {
      const a = only(
        sut({ 'commune:00004|onTimeRate': rate(36, 45) }, { scopeName: () => 'Phường Ba Đình' }),
      );
      expect(a).toMatchObject({
        id: ID,
        kind: 'offTarget',
        severity: 'critical',
        scope: 'commune:00004',
        rule: 'onTime.commune',
        kpiId: 'onTimeRate',
        since: now,
        message: {
          vi: 'Phường Ba Đình · đúng hạn 80,0% (36/45)',
          en: 'Phường Ba Đình · on time 80.0% (36/45)',
        },
      });
      expect(a.parts.vi).toEqual([
        { text: 'Phường Ba Đình · đúng hạn' },
        { text: '80,0% (36/45)', figure: true },
      ]);
      expect(a.weight).toBeCloseTo(0.18 / COMMUNE.minGap);
    });

    it('needs the sample, the late count and the gap all at once', () => {
      // 3 points below (warning) over 100 dossiers, 5 late: raised.
      expect(only(sut({ 'commune:00004|onTimeRate': rate(95, 100) })).severity).toBe('warning');
      // The same gap over 19 dossiers: too few.
      expect(sut({ 'commune:00004|onTimeRate': [0.5, 9, 19] }).size).toBe(0);
      // Far below, but one late dossier only (1 of 20 → 95%, 3 points): no trend yet.
      expect(sut({ 'commune:00004|onTimeRate': rate(19, 20) }).size).toBe(0);
      // 2 points below on a large sample: under minGap.
      expect(sut({ 'commune:00004|onTimeRate': rate(960, 1000) }).size).toBe(0);
    });

    it('is critical at criticalGap exactly (floats notwithstanding)', () => {
      expect(only(sut({ 'commune:00004|onTimeRate': rate(88, 100) })).severity).toBe('critical');
      expect(only(sut({ 'commune:00004|onTimeRate': rate(89, 100) })).severity).toBe('warning');
    });

    it('does not alert without a value, nor for other KPIs or levels the rule does not name', () => {
      expect(
        sut({ 'commune:00004|onTimeRate': [null, 0, 0], 'commune:00004|onlineShare': [0.1, 1, 10] }).size,
      ).toBe(0);
    });

    it('uses a target configured on the server over the catalogue’s, and a rule’s own over both', () => {
      expect(sut({ 'commune:00004|onTimeRate': rate(93, 100) }, { targets: { onTimeRate: 0.95 } }).size).toBe(
        0,
      );
      const rules: AlertRules = { ...PROMPT, rules: [{ ...COMMUNE, raiseAfterSec: 0, target: 0.9 }] };
      expect(sut({ 'commune:00004|onTimeRate': rate(93, 100) }, { rules }).size).toBe(0);
      expect(sut({ 'commune:00004|onTimeRate': rate(86, 100) }, { rules }).size).toBe(1);
    });
  });

  describe('overdue tasks', () => {
    it('warns when the province has overdue tasks, the count first', () => {
      const a = only(sut({ 'province|tasks.overdue': [3, 3, null] }));
      expect(a).toMatchObject({
        id: 'tasks.overdue|province',
        severity: 'warning',
        message: { vi: '3 nhiệm vụ quá hạn', en: '3 overdue tasks' },
      });
      expect(a.parts.vi[0]).toEqual({ text: '3', figure: true });
    });

    it('is quiet at zero and ignores communes’ overdue tasks', () => {
      expect(
        sut({ 'province|tasks.overdue': [0, 0, null], 'commune:00004|tasks.overdue': [2, 2, null] }).size,
      ).toBe(0);
    });
  });

  describe('sourceSilent', () => {
    const silent = (source: keyof SourceWords, lastWord: number | null) =>
      only(sut({}, { sources: { ...fresh, [source]: lastWord } }));

    it('warns past the amber budget, with the age as its figure; critical past red', () => {
      expect(sut({}, { sources: { ...fresh, one_stop: now - 5 * MIN } }).size).toBe(0);
      const a = silent('one_stop', now - 6 * MIN);
      expect(a).toMatchObject({
        id: 'sourceSilent|province|one_stop',
        severity: 'warning',
        source: 'one_stop',
      });
      expect(a.parts.vi.at(-1)).toEqual({ text: '6 phút trước', figure: true });
      expect(silent('one_stop', now - 15 * MIN - 1).severity).toBe('critical');
      expect(silent('tasks', now - 61 * MIN)).toMatchObject({ severity: 'critical', source: 'tasks' });
    });

    it('is critical for a source never heard from, but silent about one not reported', () => {
      expect(silent('payments', null).severity).toBe('critical');
      expect(sut({}, { sources: {} }).size).toBe(0);
    });
  });

  describe('over time: hysteresis and hold-down', () => {
    const below = { 'commune:00004|onTimeRate': rate(90, 100) };
    const first = sut(below, { now: now - 10 * MIN });
    // Sources are not the point here: none reported.
    const later = (kpis: Record<string, WireKpi>, more: Partial<AlertInput>) =>
      sut(kpis, { sources: {}, ...more });
    const holdMs = COMMUNE.holdDownSec * 1000;

    it('raises only after raiseAfterSec off target; a dip shorter than that is forgotten', () => {
      const raiseMs = (COMMUNE.raiseAfterSec ?? 0) * 1000;
      expect(raiseMs).toBeGreaterThan(0);
      const rules = DEFAULT_ALERT_RULES;
      const pending = sut(below, { rules, sources: {} });
      expect(only(pending).pendingUntil).toBe(now + raiseMs);
      expect(hasCriticalUnacknowledged(sut({ 'commune:00004|onTimeRate': rate(50, 100) }, { rules }))).toBe(
        false,
      );
      // Back on target before the delay: gone without ever being shown.
      expect(
        later({ 'commune:00004|onTimeRate': rate(99, 100) }, { rules, previous: pending, now: now + 1000 })
          .size,
      ).toBe(0);
      const shown = only(later(below, { rules, previous: pending, now: now + raiseMs }));
      expect(shown.pendingUntil).toBeUndefined();
      expect(shown.since).toBe(now);
    });

    it('keeps `since` while an alert persists, even as its severity changes', () => {
      const later = sut({ 'commune:00004|onTimeRate': rate(80, 100) }, { previous: first });
      expect(only(later)).toMatchObject({ severity: 'critical', since: now - 10 * MIN });
    });

    it('keeps an alert between the clearing line and minGap (hysteresis), with its new figure', () => {
      // 2.5 points below: under minGap (3) but not under minGap − clearMargin (2): still in force.
      const a = only(sut({ 'commune:00004|onTimeRate': [0.955, 191, 200] }, { previous: first }));
      expect(a.clearingSince).toBeUndefined();
      expect(a.message.vi).toContain('95,5% (191/200)');
    });

    it('clears only once back inside the line for the hold-down time, and restarts if it dips again', () => {
      const back = { 'commune:00004|onTimeRate': rate(99, 100) };
      const clearing = sut(back, { previous: first });
      expect(only(clearing).clearingSince).toBe(now);
      const stillHeld = later(back, { previous: clearing, now: now + holdMs - 1 });
      expect(only(stillHeld).clearingSince).toBe(now);
      expect(later(back, { previous: stillHeld, now: now + holdMs }).size).toBe(0);
      // Dips again while clearing: the hold-down starts afresh next time it comes back.
      const dipped = later(below, { previous: clearing, now: now + MIN });
      expect(only(dipped).clearingSince).toBeUndefined();
      expect(only(dipped).since).toBe(now - 10 * MIN);
    });

    it('holds a scope whose value vanished, then clears it', () => {
      const gone = sut({}, { previous: first });
      expect(only(gone).clearingSince).toBe(now);
      expect(later({}, { previous: gone, now: now + holdMs }).size).toBe(0);
    });

    it('keeps an acknowledgement while the alert persists; flashes again when it becomes critical', () => {
      const acked = acknowledge(first, ID, 'operator-1', now - 5 * MIN);
      expect(only(sut(below, { previous: acked }))).toMatchObject({ acknowledgedBy: 'operator-1' });
      const worse = only(sut({ 'commune:00004|onTimeRate': rate(80, 100) }, { previous: acked }));
      expect(worse.acknowledgedAt).toBeUndefined();
    });
  });
});

describe(acknowledge.name, () => {
  const alerts = sut({ 'province|tasks.overdue': [2, 2, null] });
  const id = 'tasks.overdue|province';

  it('marks the alert acknowledged by whom and when, keeps the first, ignores unknown ids', () => {
    const acked = acknowledge(alerts, id, 'operator-1', now);
    expect(acked.get(id)).toMatchObject({ acknowledgedAt: now, acknowledgedBy: 'operator-1' });
    expect(alerts.get(id)?.acknowledgedAt).toBeUndefined();
    expect(acknowledge(acked, id, 'operator-2', now + MIN).get(id)?.acknowledgedBy).toBe('operator-1');
    expect(acknowledge(alerts, 'nope', 'operator-1', now)).toEqual(alerts);
  });
});

describe(hasCriticalUnacknowledged.name, () => {
  const critical = sut({ 'commune:00004|onTimeRate': rate(50, 100) });

  it('is true while a critical alert is unacknowledged, false once acknowledged or for warnings', () => {
    expect(hasCriticalUnacknowledged(critical)).toBe(true);
    expect(hasCriticalUnacknowledged(acknowledge(critical, ID, 'operator-1', now))).toBe(false);
    expect(hasCriticalUnacknowledged(sut({ 'commune:00004|onTimeRate': rate(95, 100) }))).toBe(false);
  });
});
