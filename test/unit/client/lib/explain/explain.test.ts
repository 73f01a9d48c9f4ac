import { describe, expect, it } from 'vitest';
import { explainKpi, shareText, shownValue, verdictOf } from '../../../../../client/lib/explain/explain';
import {
  periodReading,
  periodSources,
  periodSubject,
  periodWords,
} from '../../../../../client/lib/explain/period-subject';
import type { DayKey } from '../../../../../shared/brand';
import type { PeriodResponse } from '../../../../../shared/history';
import { kpiDef } from '../../../../../shared/kpis';

const lateNow = kpiDef('open.late');
const onTime = kpiDef('onTimeRate');
const now = Date.UTC(2026, 11, 7, 3, 30);

describe('no verdict without a value', () => {
  it('shows "—" and no "Đạt" for a count of 0 from sources that never spoke', () => {
    const reading = { value: 0, num: 0, den: null, asOf: null };
    const value = shownValue(lateNow, reading, {});
    expect(value).toBeNull();
    expect(verdictOf(lateNow, value, false)).toBeNull();
  });

  it('gives no verdict while the source is silent, even on a value kept from before', () => {
    expect(verdictOf(lateNow, 0, true)).toBeNull();
  });

  it('judges a known value of live sources against the target', () => {
    const reading = { value: 0, num: 0, den: null, asOf: now };
    const value = shownValue(lateNow, reading, { one_stop: now });
    expect(value).toBe(0);
    expect(verdictOf(lateNow, value, false)).toBe(true);
    expect(verdictOf(onTime, 0.9, false)).toBe(false);
  });

  it('needs every source of a KPI made of two', () => {
    const paid = kpiDef('onlinePaymentRate');
    const reading = { value: 0.7, num: 7, den: 10, asOf: now };
    expect(shownValue(paid, reading, { one_stop: now })).toBeNull();
    expect(shownValue(paid, reading, { one_stop: now, payments: now })).toBe(0.7);
  });
});

describe(shareText.name, () => {
  it('writes a share as numerator/denominator dossiers', () => {
    expect(shareText(onTime, { value: 12 / 13, num: 12, den: 13, asOf: now }, 'vi')).toBe('12/13 hồ sơ');
    expect(shareText(onTime, { value: null, num: 0, den: 0, asOf: now }, 'vi')).toBeNull();
    expect(shareText(lateNow, { value: 3, num: 3, den: null, asOf: now }, 'vi')).toBeNull();
  });
});

describe(explainKpi.name, () => {
  it('says the formula, numerator, denominator, target, 766 points, as-of and each source', () => {
    const e = explainKpi(
      onTime,
      { value: 0.95, num: 95, den: 100, asOf: now - 60_000 },
      { one_stop: now - 60_000 },
      now,
      'vi',
    );
    const row = (key: string) => e.rows.find((r) => r.key === key)?.text;
    expect(e.title).toBe('Vì sao có con số này');
    expect(row('formula')).toContain('÷');
    expect(row('numerator')).toBe('95');
    expect(row('denominator')).toBe('100');
    expect(row('target')).toBe('≥ 98,0%');
    expect(row('points766')).toMatch(/\/ 20$/);
    expect(row('asOf')).toMatch(/\d{2}:\d{2}/);
    expect(row('sources')).toContain('đang cập nhật');
  });

  it('says a silent source never spoke, and shows no numerator for an unknown value', () => {
    const e = explainKpi(onTime, { value: 1, num: 1, den: 1, asOf: null }, {}, now, 'en');
    expect(e.rows.find((r) => r.key === 'value')?.text).toBe('—');
    expect(e.rows.some((r) => r.key === 'numerator')).toBe(false);
    expect(e.rows.find((r) => r.key === 'sources')?.text).toContain('never heard from');
  });
});

describe('explaining a period value (tablet, presenter)', () => {
  const answer: PeriodResponse = {
    scope: 'commune:00004',
    period: '7d',
    from: '2026-12-01' as DayKey,
    to: '2026-12-07' as DayKey,
    previous: { from: '2026-11-24' as DayKey, to: '2026-11-30' as DayKey, coverage: 'full' },
    coverage: 'full',
    dataFrom: '2026-11-01' as DayKey,
    serverTime: now,
    sources: { one_stop: now - 5_000 },
    kpis: [
      {
        id: 'onTimeRate',
        label: { vi: onTime.vi, en: onTime.en },
        unit: 'percent',
        value: 39 / 41,
        numerator: 39,
        denominator: 41,
        target: 0.95,
        asOf: new Date(now - 5_000).toISOString(),
        dataFrom: '2026-11-01' as DayKey,
        previous: { value: 1, numerator: 10, denominator: 10 },
      },
    ],
  };

  it("says the place and the days, and uses the period's numbers and the server's target", () => {
    const subject = periodSubject(
      () => answer,
      'onTimeRate',
      () => 'Phường Ba Đình',
      'vi',
    );
    expect(subject).not.toBeNull();
    const e = explainKpi(
      subject!.def,
      subject!.reading(),
      subject!.sources(),
      subject!.now(),
      'vi',
      subject!.context?.(),
    );
    const row = (key: string) => e.rows.find((r) => r.key === key)?.text;
    expect(e.rows.map((r) => r.key)).toEqual([
      'value',
      'scope',
      'period',
      'formula',
      'numerator',
      'denominator',
      'target',
      'points766',
      'asOf',
      'sources',
    ]);
    expect(row('value')).toBe('95,1%');
    expect(row('scope')).toBe('Phường Ba Đình');
    expect(row('period')).toBe('7 ngày: 01/12/2026 – 07/12/2026');
    expect(row('numerator')).toBe('39');
    expect(row('denominator')).toBe('41');
    // The server's target for this place (95%) is the one met: full points.
    expect(row('target')).toBe('≥ 95,0%');
    expect(row('points766')).toBe('20 / 20');
    expect(row('sources')).toBe('Hệ thống một cửa: đang cập nhật · vừa xong');
  });

  it('reads a value with no data as unknown, and an older answer without sources by its as-of', () => {
    const unknown = { ...answer.kpis[0]!, value: null, numerator: null, denominator: null, asOf: null };
    expect(periodReading(unknown)).toEqual({ value: null, num: 0, den: null, asOf: null });
    const { sources: _sources, ...older } = answer;
    expect(periodSources(older, answer.kpis[0]!)).toEqual({ one_stop: now - 5_000 });
    expect(
      periodSubject(
        () => answer,
        'no-such-kpi',
        () => '',
        'vi',
      ),
    ).toBeNull();
  });

  it('words a single day without a range', () => {
    expect(periodWords({ period: 'today', from: answer.to, to: answer.to }, 'vi')).toBe(
      'Hôm nay: 07/12/2026',
    );
  });
});
