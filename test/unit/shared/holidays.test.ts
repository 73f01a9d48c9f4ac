import { describe, expect, it } from 'vitest';
import type { DayKey } from '../../../shared/brand';
import { DEFAULT_HOLIDAYS, parseHolidays, weekdayOf, WorkingCalendar } from '../../../shared/holidays';

const d = (s: string) => s as DayKey;
const calendar = new WorkingCalendar();

describe(WorkingCalendar.name, () => {
  it('works Monday to Friday and rests at the weekend', () => {
    expect(weekdayOf(d('2026-12-07'))).toBe(1);
    expect(calendar.isWorkingDay(d('2026-12-07'))).toBe(true); // Monday
    expect(calendar.isWorkingDay(d('2026-12-04'))).toBe(true); // Friday
    expect(calendar.isWorkingDay(d('2026-12-05'))).toBe(false); // Saturday
    expect(calendar.isWorkingDay(d('2026-12-06'))).toBe(false); // Sunday
    expect(calendar.previousWorkingDay(d('2026-12-07'))).toBe('2026-12-04');
    expect(calendar.previousWorkingDay(d('2026-12-08'))).toBe('2026-12-07');
  });

  it('rests through Tết: the first day back compares with the last day before it', () => {
    for (const day of ['2026-02-16', '2026-02-17', '2026-02-20'])
      expect(calendar.isWorkingDay(d(day))).toBe(false);
    expect(calendar.isWorkingDay(d('2026-02-13'))).toBe(true);
    expect(calendar.previousWorkingDay(d('2026-02-23'))).toBe('2026-02-13');
  });

  it('rests on a public holiday and on a compensatory day off, works a Saturday given in exchange', () => {
    expect(calendar.isWorkingDay(d('2026-09-02'))).toBe(false); // Quốc khánh
    expect(calendar.isWorkingDay(d('2026-04-27'))).toBe(false); // Hùng Kings, taken on the Monday
    expect(calendar.previousWorkingDay(d('2026-04-28'))).toBe('2026-04-24');
    expect(calendar.isWorkingDay(d('2025-04-26'))).toBe(true); // a Saturday worked for 2 May
    expect(calendar.previousWorkingDay(d('2025-04-28'))).toBe('2025-04-26');
    expect(calendar.isWorkingDay(d('2025-05-02'))).toBe(false);
  });

  it('follows the table it is given, not the built-in one', () => {
    const own = new WorkingCalendar([{ date: d('2026-12-04'), kind: 'holiday', name: 'Ngày riêng' }]);
    expect(own.previousWorkingDay(d('2026-12-07'))).toBe('2026-12-03');
    expect(own.isWorkingDay(d('2026-09-02'))).toBe(true);
  });

  it('ships every year 2025–2027 with New Year, Tết, 30/4, 1/5 and National Day', () => {
    for (const year of ['2025', '2026', '2027']) {
      const names = new Set(
        DEFAULT_HOLIDAYS.filter((h) => h.date.startsWith(year)).map((h) => h.name.split(' ')[0]),
      );
      for (const prefix of ['Tết', 'Quốc', 'Ngày'])
        expect(
          [...names].some((n) => n?.startsWith(prefix)),
          `${year} ${prefix}`,
        ).toBe(true);
    }
  });
});

describe(parseHolidays.name, () => {
  it('reads a table and names every bad field', () => {
    expect(parseHolidays({ days: [{ date: '2026-12-24', kind: 'holiday', name: 'Nghỉ' }] })).toEqual({
      days: [{ date: '2026-12-24', kind: 'holiday', name: 'Nghỉ' }],
    });
    expect(
      parseHolidays({
        days: [
          { date: '2026-02-30', kind: 'holiday', name: 'x' },
          { date: '2026-12-24', kind: 'vacation', name: '' },
          { date: '2026-12-24', kind: 'holiday', name: 'y' },
        ],
      }),
    ).toEqual({
      errors: [
        'days[0].date: must be a calendar date YYYY-MM-DD',
        'days[1].kind: must be one of holiday, compensatory, workday',
        'days[1].name: must name the day',
      ],
    });
    expect(
      parseHolidays({
        days: [
          { date: '2026-12-24', kind: 'holiday', name: 'x' },
          { date: '2026-12-24', kind: 'holiday', name: 'y' },
        ],
      }),
    ).toEqual({ errors: ['days[1].date: 2026-12-24 is listed twice'] });
  });
});
