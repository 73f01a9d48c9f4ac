import { describe, expect, it } from 'vitest';
import type { DayKey } from '../../../shared/brand';
import { basisWords, comparisonDay, describeChange } from '../../../shared/compare-basis';
import { WorkingCalendar } from '../../../shared/holidays';
import { KPI_BY_ID, type KpiDef } from '../../../shared/kpis';

const d = (s: string) => s as DayKey;
const calendar = new WorkingCalendar();
const t = (s: string) => Date.parse(`${s}+07:00`);
const def = (id: string) => KPI_BY_ID.get(id) as KpiDef;

describe(comparisonDay.name, () => {
  it('compares a working day with the previous working day', () => {
    expect(comparisonDay(d('2026-12-07'), calendar, 7)).toBe('2026-12-04'); // Monday with Friday
    expect(comparisonDay(d('2026-12-08'), calendar, 7)).toBe('2026-12-07');
  });

  it('compares a weekend day or holiday with the same weekday last week', () => {
    expect(comparisonDay(d('2026-12-06'), calendar, 7)).toBe('2026-11-29');
    expect(comparisonDay(d('2026-09-02'), calendar, 7)).toBe('2026-08-26');
  });

  it('falls back to the same weekday last week when the previous working day is no longer kept', () => {
    // The Monday after Tết 2026: the last working day before it (13 Feb) is 10 days back.
    expect(comparisonDay(d('2026-02-23'), calendar, 7)).toBe('2026-02-16');
    expect(comparisonDay(d('2026-02-23'), calendar, 10)).toBe('2026-02-13');
  });
});

describe(basisWords.name, () => {
  const monday = t('2026-12-07T08:05:30');
  it('writes the basis short, in Vietnamese and in English', () => {
    expect(basisWords(t('2026-12-04T08:05:00'), monday, 'vi')).toBe('so với 8:05 thứ Sáu');
    expect(basisWords(t('2026-12-04T08:05:00'), monday, 'en')).toBe('vs Fri 8:05');
    expect(basisWords(t('2026-12-07T14:30:00'), t('2026-12-08T14:30:00'), 'vi')).toBe('so với 14:30 hôm qua');
    expect(basisWords(t('2026-12-07T14:30:00'), t('2026-12-08T14:30:00'), 'en')).toBe('vs 14:30 yesterday');
    expect(basisWords(t('2026-11-29T10:00:00'), t('2026-12-06T10:00:00'), 'vi')).toBe(
      'so với 10:00 Chủ nhật tuần trước',
    );
    expect(basisWords(t('2026-11-29T10:00:00'), t('2026-12-06T10:00:00'), 'en')).toBe('vs last Sun 10:00');
  });
});

describe(describeChange.name, () => {
  it('shows the two values from a tiny base or beyond double, not a huge percentage', () => {
    expect(describeChange(def('received'), 52, 3, 'vi')).toEqual({ direction: 'up', text: '▲ 3 → 52' });
    expect(describeChange(def('received'), 1_552, 94, 'vi')).toEqual({
      direction: 'up',
      text: '▲ 94 → 1.552',
    });
    expect(describeChange(def('received'), 0, 40, 'vi')).toEqual({ direction: 'down', text: '▼ 40 → 0' });
  });

  it('keeps a percentage for a fair change of a count, and points for a rate', () => {
    expect(describeChange(def('received'), 110, 100, 'vi')).toEqual({ direction: 'up', text: '▲ 10%' });
    expect(describeChange(def('onlineShare'), 0.62, 0.6, 'vi')).toEqual({
      direction: 'up',
      text: '▲ 2 điểm %',
    });
    expect(describeChange(def('received'), 100, null, 'vi')).toBeNull();
  });

  it('writes money from a tiny base as two amounts', () => {
    const c = describeChange(def('payments.amount'), 1_500_000_000, 200_000_000, 'vi');
    expect(c?.direction).toBe('up');
    expect(c?.text).toBe('▲ 200 triệu → 1,5 tỷ');
    expect(describeChange(def('payments.amount'), 900_000_000, 200_000_000, 'en')?.text).toBe(
      '▲ 200 → 900 million',
    );
  });
});
