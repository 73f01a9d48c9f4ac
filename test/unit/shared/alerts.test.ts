import { describe, expect, it } from 'vitest';
import {
  acknowledge,
  evaluateAlerts,
  hasCriticalUnacknowledged,
  MIN_SAMPLE,
  type Alert,
  type AlertInput,
  type Alerts,
} from '../../../shared/alerts';
import type { KpiKey, SourceWords, WireKpi } from '../../../shared/socket';

const now = Date.parse('2025-11-12T14:30:00+07:00');
const MIN = 60_000;
/** Every source heard from just now: no silence alerts unless a test asks for one. */
const fresh: SourceWords = { one_stop: now, payments: now, tasks: now };

const sut = (kpis: Record<string, WireKpi>, more: Partial<AlertInput> = {}) =>
  evaluateAlerts({
    kpis: new Map(Object.entries(kpis) as [KpiKey, WireKpi][]),
    sources: fresh,
    now,
    previous: new Map(),
    ...more,
  });
/** A rate over `den` dossiers; by default just enough of them to count. */
const rate = (v: number | null, den = MIN_SAMPLE): WireKpi => [
  v,
  v === null ? 0 : v * den,
  v === null ? 0 : den,
];
const only = (alerts: Alerts): Alert => {
  expect(alerts.size).toBe(1);
  const [a] = alerts.values();
  if (!a) throw new Error('no alert');
  return a;
};

describe(evaluateAlerts.name, () => {
  it('raises nothing when every number meets its target and every source is fresh', () => {
    const alerts = sut({ 'commune:00004|onTimeRate': rate(0.99), 'province|tasks.overdue': [0, 0, null] });
    expect(alerts.size).toBe(0);
  });

  describe('belowTarget', () => {
    it('warns when a commune’s on-time rate is below its target', () => {
      const a = only(sut({ 'commune:00004|onTimeRate': rate(0.955) }));
      expect(a).toEqual({
        id: 'belowTarget|commune:00004|onTimeRate',
        kind: 'belowTarget',
        severity: 'warning',
        scope: 'commune:00004',
        kpiId: 'onTimeRate',
        since: now,
        message: {
          vi: 'Xã/phường 00004 dưới mục tiêu xử lý đúng hạn: 95,5% < 98,0%',
          en: 'Commune 00004 below its on-time target: 95.5% < 98.0%',
        },
      });
    });

    it('names the commune when the server knows its name', () => {
      const names: Record<string, string> = { '00004': 'Phường Ba Đình' };
      const a = only(sut({ 'commune:00004|onTimeRate': rate(0.955) }, { communeName: (c) => names[c] }));
      expect(a.message.vi).toBe('Phường Ba Đình dưới mục tiêu xử lý đúng hạn: 95,5% < 98,0%');
      expect(a.message.en).toBe('Phường Ba Đình below its on-time target: 95.5% < 98.0%');
    });

    it('is critical only when more than 5 points below target', () => {
      expect(only(sut({ 'commune:00004|onTimeRate': rate(0.93) })).severity).toBe('warning');
      expect(only(sut({ 'commune:00004|onTimeRate': rate(0.9299) })).severity).toBe('critical');
    });

    it('does not alert at the target exactly, nor without a value', () => {
      expect(
        sut({ 'commune:00004|onTimeRate': rate(0.98), 'commune:00007|onTimeRate': rate(null) }).size,
      ).toBe(0);
    });

    it(`needs at least MIN_SAMPLE (${MIN_SAMPLE}) dossiers behind the rate: a few are noise`, () => {
      expect(sut({ 'commune:00004|onTimeRate': rate(0.5, MIN_SAMPLE - 1) }).size).toBe(0);
      expect(sut({ 'commune:00004|onTimeRate': [2 / 3, 2, 3] }).size).toBe(0);
      expect(only(sut({ 'commune:00004|onTimeRate': rate(0.5, MIN_SAMPLE) })).severity).toBe('critical');
    });

    it('clears an alert whose commune falls back under the sample floor', () => {
      const first = sut({ 'commune:00004|onTimeRate': rate(0.9, 40) });
      expect(first.size).toBe(1);
      expect(sut({ 'commune:00004|onTimeRate': rate(0.9, 10) }, { previous: first }).size).toBe(0);
    });

    it('applies only to communes, not the province or agencies', () => {
      expect(sut({ 'province|onTimeRate': rate(0.5), 'agency:sotn|onTimeRate': rate(0.5) }).size).toBe(0);
    });

    it('ignores other KPIs of a commune', () => {
      expect(sut({ 'commune:00004|onlineShare': rate(0.1) }).size).toBe(0);
    });

    it('uses a target configured on the server over the catalogue’s', () => {
      const alerts = sut({ 'commune:00004|onTimeRate': rate(0.96) }, { targets: { onTimeRate: 0.95 } });
      expect(alerts.size).toBe(0);
      const a = only(sut({ 'commune:00004|onTimeRate': rate(0.94) }, { targets: { onTimeRate: 0.95 } }));
      expect(a.message.vi).toContain('94,0% < 95,0%');
    });
  });

  describe('taskOverdue', () => {
    it('warns when the province has overdue tasks, with the count', () => {
      const a = only(sut({ 'province|tasks.overdue': [3, 3, null] }));
      expect(a).toMatchObject({
        id: 'taskOverdue|province|tasks.overdue',
        kind: 'taskOverdue',
        severity: 'warning',
        scope: 'province',
        kpiId: 'tasks.overdue',
        message: { vi: '3 nhiệm vụ quá hạn', en: '3 overdue tasks' },
      });
    });

    it('writes one task in the singular in English', () => {
      expect(only(sut({ 'province|tasks.overdue': [1, 1, null] })).message.en).toBe('1 overdue task');
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

    it('warns when a source is silent past its amber budget', () => {
      expect(sut({}, { sources: { ...fresh, one_stop: now - 5 * MIN } }).size).toBe(0);
      const a = silent('one_stop', now - 5 * MIN - 1);
      expect(a).toMatchObject({
        id: 'sourceSilent|province|one_stop',
        kind: 'sourceSilent',
        severity: 'warning',
        scope: 'province',
        source: 'one_stop',
      });
      expect(a.message.vi).toMatch(/^Hệ thống một cửa im lặng/);
    });

    it('is critical past its red budget', () => {
      expect(silent('one_stop', now - 15 * MIN).severity).toBe('warning');
      expect(silent('one_stop', now - 15 * MIN - 1).severity).toBe('critical');
    });

    it('uses each source’s own budget', () => {
      expect(sut({}, { sources: { ...fresh, tasks: now - 10 * MIN } }).size).toBe(0);
      expect(silent('tasks', now - 61 * MIN)).toMatchObject({ severity: 'critical', source: 'tasks' });
    });

    it('is critical for a source never heard from, but silent about one not reported', () => {
      expect(silent('payments', null)).toMatchObject({
        severity: 'critical',
        message: {
          vi: 'Thanh toán trực tuyến: chưa nhận được dữ liệu',
          en: 'Online payments: no data received yet',
        },
      });
      expect(sut({}, { sources: {} }).size).toBe(0);
    });
  });

  describe('over time', () => {
    const below = { 'commune:00004|onTimeRate': rate(0.95) };
    const first = sut(below, { now: now - 10 * MIN });

    it('keeps `since` while an alert persists, even as its severity changes', () => {
      const later = sut({ 'commune:00004|onTimeRate': rate(0.9) }, { previous: first });
      expect(only(later)).toMatchObject({ severity: 'critical', since: now - 10 * MIN });
    });

    it('drops an alert that cleared, and starts afresh if it comes back', () => {
      const cleared = sut({ 'commune:00004|onTimeRate': rate(0.99) }, { previous: first });
      expect(cleared.size).toBe(0);
      expect(only(sut(below, { previous: cleared })).since).toBe(now);
    });

    it('keeps an acknowledgement while the alert persists', () => {
      const acked = acknowledge(first, 'belowTarget|commune:00004|onTimeRate', 'operator-1', now - 5 * MIN);
      const a = only(sut(below, { previous: acked }));
      expect(a).toMatchObject({ acknowledgedAt: now - 5 * MIN, acknowledgedBy: 'operator-1' });
    });

    it('forgets an acknowledgement when the alert clears', () => {
      const acked = acknowledge(first, 'belowTarget|commune:00004|onTimeRate', 'operator-1', now - 5 * MIN);
      const cleared = sut({}, { previous: acked });
      expect(only(sut(below, { previous: cleared })).acknowledgedAt).toBeUndefined();
    });

    it('flashes again when an acknowledged warning becomes critical', () => {
      const acked = acknowledge(first, 'belowTarget|commune:00004|onTimeRate', 'operator-1', now - 5 * MIN);
      const a = only(sut({ 'commune:00004|onTimeRate': rate(0.9) }, { previous: acked }));
      expect(a.acknowledgedAt).toBeUndefined();
      expect(a.acknowledgedBy).toBeUndefined();
    });
  });
});

describe(acknowledge.name, () => {
  const alerts = sut({ 'province|tasks.overdue': [2, 2, null] });
  const id = 'taskOverdue|province|tasks.overdue';

  it('marks the alert acknowledged by whom and when, leaving the input untouched', () => {
    const acked = acknowledge(alerts, id, 'operator-1', now);
    expect(acked.get(id)).toMatchObject({ acknowledgedAt: now, acknowledgedBy: 'operator-1' });
    expect(alerts.get(id)?.acknowledgedAt).toBeUndefined();
  });

  it('keeps the first acknowledgement', () => {
    const twice = acknowledge(acknowledge(alerts, id, 'operator-1', now), id, 'operator-2', now + MIN);
    expect(twice.get(id)).toMatchObject({ acknowledgedAt: now, acknowledgedBy: 'operator-1' });
  });

  it('changes nothing for an unknown id', () => {
    expect(acknowledge(alerts, 'nope', 'operator-1', now)).toEqual(alerts);
  });
});

describe(hasCriticalUnacknowledged.name, () => {
  const critical = sut({ 'commune:00004|onTimeRate': rate(0.5) });
  const id = 'belowTarget|commune:00004|onTimeRate';

  it('is true while a critical alert is unacknowledged', () => {
    expect(hasCriticalUnacknowledged(critical)).toBe(true);
  });

  it('is false once it is acknowledged', () => {
    expect(hasCriticalUnacknowledged(acknowledge(critical, id, 'operator-1', now))).toBe(false);
  });

  it('ignores warnings and an empty set', () => {
    expect(hasCriticalUnacknowledged(sut({ 'commune:00004|onTimeRate': rate(0.95) }))).toBe(false);
    expect(hasCriticalUnacknowledged(new Map())).toBe(false);
  });
});
