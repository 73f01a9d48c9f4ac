import { describe, expect, it } from 'vitest';
import type { PeriodResponse } from '../../../../../shared/history';
import { kpiDef } from '../../../../../shared/kpis';
import type { KpiKey, WireKpi } from '../../../../../shared/socket';
import {
  dataViewOf,
  dataViewOfSearch,
  daysOfView,
  formatDays,
  isProvinceToday,
  periodReading,
  periodSources,
  periodValues,
  unitValues,
} from '../../../../../client/wall/state/view-data-map';
import type { DayKey } from '../../../../../shared/brand';

const day = (s: string) => s as DayKey;
const row = (id: string, value: number | null, numerator: number | null, denominator: number | null) => ({
  id,
  label: { vi: id, en: id },
  unit: 'dossier' as const,
  value,
  numerator,
  denominator,
  target: null,
  asOf: value === null ? null : '2026-12-07T09:30:00.000+07:00',
  dataFrom: day('2026-11-01'),
  previous: { value: null, numerator: null, denominator: null },
});
const answer: PeriodResponse = {
  scope: 'commune:00004',
  period: '7d',
  from: day('2026-12-01'),
  to: day('2026-12-07'),
  previous: { from: day('2026-11-24'), to: day('2026-11-30'), coverage: 'full' },
  coverage: 'full',
  dataFrom: day('2026-11-01'),
  serverTime: Date.UTC(2026, 11, 7, 2, 30),
  sources: { one_stop: Date.UTC(2026, 11, 7, 2, 29) },
  kpis: [
    row('received', 412, 412, null),
    row('onTimeRate', 0.9, 90, 100),
    row('avgResolutionHours', null, null, null),
  ],
};

describe('view data: which numbers a view names', () => {
  it('takes the commune, else the agency, else the province, with the period', () => {
    expect(dataViewOf({ commune: '00004', agency: null, period: '7d' })).toEqual({
      scope: 'commune:00004',
      period: '7d',
    });
    expect(dataViewOf({ commune: null, agency: 'so-tu-phap', period: 'today' })).toEqual({
      scope: 'agency:so-tu-phap',
      period: 'today',
    });
    expect(dataViewOf({ commune: null, period: 'month' })).toEqual({ scope: 'province', period: 'month' });
  });

  it('reads ?scope= and ?period= of the address, ignoring what is not valid', () => {
    expect(dataViewOfSearch('?kiosk=1')).toBeNull();
    expect(dataViewOfSearch('?scope=commune:00004&period=30d')).toEqual({
      scope: 'commune:00004',
      period: '30d',
    });
    expect(dataViewOfSearch('?scope=commune:4&period=decade')).toEqual({
      scope: 'province',
      period: 'today',
    });
  });

  it('keeps hourly curves to the province today', () => {
    expect(isProvinceToday({ scope: 'province', period: 'today' })).toBe(true);
    expect(isProvinceToday({ scope: 'province', period: '7d' })).toBe(false);
    expect(isProvinceToday({ scope: 'commune:00004', period: 'today' })).toBe(false);
  });
});

describe('view data: a period answer as the scenes read it', () => {
  it('gives each KPI its value as answered, unknown stays null (shown "—"), never 0', () => {
    const values = periodValues(answer);
    expect(values.get('province|received')).toEqual([412, 412, null]);
    expect(values.get('province|onTimeRate')).toEqual([0.9, 90, 100]);
    expect(values.get('province|avgResolutionHours')?.[0]).toBeNull();
    // No comparison day: a period's tile compares with nothing rather than with today's basis.
    expect([...values.keys()].some((k) => k.includes('basis'))).toBe(false);
  });

  it('makes readings dated by the answer, and sources from it', () => {
    expect(periodReading(answer, kpiDef('onTimeRate'))).toEqual({
      value: 0.9,
      num: 90,
      den: 100,
      asOf: Date.parse('2026-12-07T09:30:00.000+07:00'),
    });
    expect(periodReading(answer, kpiDef('avgResolutionHours'))).toEqual({
      value: null,
      num: 0,
      den: null,
      asOf: null,
    });
    expect(periodReading(answer, kpiDef('payments.count'))).toBeNull();
    expect(periodSources(answer)).toEqual({ one_stop: Date.UTC(2026, 11, 7, 2, 29) });
  });

  it('keys a unit of the units feed as the province', () => {
    const units = new Map<KpiKey, WireKpi>([
      ['commune:00004|received', [7, 7, null]],
      ['commune:00007|received', [9, 9, null]],
      ['agency:so-tu-phap|received', [3, 3, null]],
    ]);
    expect([...unitValues(units, 'commune:00004')]).toEqual([['province|received', [7, 7, null]]]);
    expect([...unitValues(units, 'agency:so-tu-phap')]).toEqual([['province|received', [3, 3, null]]]);
  });

  it('writes the days of the view', () => {
    expect(formatDays(daysOfView({ scope: 'commune:00004', period: '7d' }, 0, answer))).toBe(
      '01/12–07/12/2026',
    );
    const now = Date.UTC(2026, 11, 7, 3);
    expect(formatDays(daysOfView({ scope: 'province', period: 'today' }, now, null))).toBe('07/12/2026');
    expect(formatDays(daysOfView({ scope: 'province', period: '7d' }, now, null))).toBe('01/12–07/12/2026');
    expect(formatDays({ from: day('2025-12-29'), to: day('2026-01-04') })).toBe('29/12/2025–04/01/2026');
  });
});
