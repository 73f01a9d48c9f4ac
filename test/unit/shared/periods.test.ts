import { describe, expect, it } from 'vitest';
import type { DayKey } from '../../../shared/brand';
import { daysOf, isPeriod, periodRanges } from '../../../shared/periods';

const d = (s: string) => s as DayKey;

describe('periods and the period before each', () => {
  it('today against yesterday, across a month end', () => {
    expect(periodRanges('today', d('2026-12-01'))).toEqual({
      current: { from: '2026-12-01', to: '2026-12-01' },
      previous: { from: '2026-11-30', to: '2026-11-30' },
    });
  });

  it('7 and 30 days against the 7 and 30 just before, without overlap', () => {
    expect(periodRanges('7d', d('2026-11-24'))).toEqual({
      current: { from: '2026-11-18', to: '2026-11-24' },
      previous: { from: '2026-11-11', to: '2026-11-17' },
    });
    const { current, previous } = periodRanges('30d', d('2026-03-01'));
    expect(daysOf(current)).toHaveLength(30);
    expect(daysOf(previous)).toHaveLength(30);
    expect(current.from).toBe('2026-01-31');
    expect(previous.to).toBe('2026-01-30');
  });

  it('a month to date against the same stretch of the month before, cut at its end', () => {
    expect(periodRanges('month', d('2026-03-31'))).toEqual({
      current: { from: '2026-03-01', to: '2026-03-31' },
      previous: { from: '2026-02-01', to: '2026-02-28' },
    });
    expect(periodRanges('month', d('2026-01-15')).previous).toEqual({ from: '2025-12-01', to: '2025-12-15' });
  });

  it('a year to date against the same stretch of the year before; 29 February meets 28 February', () => {
    expect(periodRanges('year', d('2028-02-29'))).toEqual({
      current: { from: '2028-01-01', to: '2028-02-29' },
      previous: { from: '2027-01-01', to: '2027-02-28' },
    });
    expect(daysOf(periodRanges('year', d('2028-12-31')).current)).toHaveLength(366);
  });

  it('knows its period names and nothing else', () => {
    expect(['today', '7d', '30d', 'month', 'year'].every(isPeriod)).toBe(true);
    expect(isPeriod('week')).toBe(false);
    expect(isPeriod(undefined)).toBe(false);
  });
});
