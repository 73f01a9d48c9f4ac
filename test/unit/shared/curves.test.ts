import { describe, expect, it } from 'vitest';
import { basisDayLabel, basisDayName, curveKey, curveOf, hourlyFromMinutes } from '../../../shared/curves';
import type { KpiKey, WireKpi } from '../../../shared/socket';

describe(hourlyFromMinutes.name, () => {
  it('sums each series of minute buckets into its hour of the day', () => {
    const h = hourlyFromMinutes({
      '0.received': 2,
      '59.received': 1,
      '60.received': 4,
      '1439.paymentsVnd': 500_000,
      '845.payments': 3,
      '61.online': 2,
    });
    expect(h.received.slice(0, 2)).toEqual([3, 4]);
    expect(h.paymentsVnd[23]).toBe(500_000);
    expect(h.payments[14]).toBe(3);
    expect(h.online[1]).toBe(2);
    expect(h.resolved).toEqual(new Array(24).fill(0));
  });

  it('has one curve per minute counter', () => {
    expect(Object.keys(hourlyFromMinutes({})).sort()).toEqual(
      ['online', 'payments', 'paymentsVnd', 'received', 'resolved'].sort(),
    );
  });

  it('ignores fields that are not a minute of the day and a known series', () => {
    const h = hourlyFromMinutes({ '1440.received': 1, 'x.received': 1, '10.unknown': 1 });
    expect(h.received.reduce((a, b) => a + b, 0)).toBe(0);
  });
});

describe(curveOf.name, () => {
  it("reads a day's curve back from feed values, 0 where an hour was never sent", () => {
    const values = new Map<KpiKey, WireKpi>([[curveKey('today', 'received', 9), [12, 12, null]]]);
    const curve = curveOf(values, 'today', 'received');
    expect(curve).toHaveLength(24);
    expect(curve[9]).toBe(12);
    expect(curve[10]).toBe(0);
  });
});

describe(basisDayName.name, () => {
  const at = (s: string) => Date.parse(s);
  const monday = at('2026-11-30T08:05:00+07:00');
  it('names the comparison day as the tiles do: yesterday, a weekday, last week, or a date further back', () => {
    expect(basisDayName(at('2026-11-27T08:05:00+07:00'), monday, 'vi')).toBe('thứ Sáu');
    expect(basisDayName(at('2026-11-27T08:05:00+07:00'), monday, 'en')).toBe('Friday');
    expect(basisDayName(at('2026-11-29T08:05:00+07:00'), monday, 'vi')).toBe('hôm qua');
    expect(basisDayName(at('2026-11-23T08:05:00+07:00'), monday, 'vi')).toBe('thứ Hai tuần trước');
    expect(basisDayName(at('2026-11-23T08:05:00+07:00'), monday, 'en')).toBe('last Monday');
    // After Tết 2026 (14–22 February): Monday 23 compares with Friday 13.
    expect(basisDayName(at('2026-02-13T08:05:00+07:00'), at('2026-02-23T08:05:00+07:00'), 'vi')).toBe(
      'thứ Sáu 13/2',
    );
    expect(basisDayName(null, monday, 'vi')).toBe('ngày so sánh');
    expect(basisDayLabel(at('2026-11-27T08:05:00+07:00'), monday, 'vi')).toBe('Thứ Sáu');
  });
});
