import { z } from 'zod';
import type { DayKey } from './brand';
import { addDays, parseDay, startOfDay } from './time';

/**
 * The offices' calendar: which days are worked. Monday to Friday, except public holidays and the days
 * off given in exchange (a holiday on a weekend is taken on the next working day; a bridge day off is
 * paid back on a Saturday, which is then worked). The table is configuration (HOLIDAYS_FILE), because
 * the government fixes each year's days by notice; the built-in one covers 2025–2027.
 */

export const DAY_KINDS = ['holiday', 'compensatory', 'workday'] as const;
export interface CalendarDay {
  date: DayKey;
  /** holiday: offices closed; compensatory: a day off in exchange (closed too); workday: a weekend day worked. */
  kind: (typeof DAY_KINDS)[number];
  name: string;
}

const holiday = (date: string, name: string): CalendarDay => ({
  date: date as DayKey,
  kind: 'holiday',
  name,
});
const dayOff = (date: string, name: string): CalendarDay => ({
  date: date as DayKey,
  kind: 'compensatory',
  name,
});
const worked = (date: string, name: string): CalendarDay => ({ date: date as DayKey, kind: 'workday', name });
const span = (from: string, to: string, name: string): CalendarDay[] => {
  const out: CalendarDay[] = [];
  for (let d = from as DayKey; d <= to; d = addDays(d, 1)) out.push(holiday(d, name));
  return out;
};

/**
 * Viet Nam's public holidays for public offices, 2025–2027 (Labour Code 2019 art. 112: New Year, 5 days
 * of Tết, the Hùng Kings, 30/4, 1/5 and 2 days at National Day; the Ministry of Home Affairs' yearly
 * notices). Weekends inside a holiday need no entry. 2027's lunar dates are computed ahead of its notice:
 * check them against it and override with HOLIDAYS_FILE.
 */
export const DEFAULT_HOLIDAYS: readonly CalendarDay[] = [
  holiday('2025-01-01', 'Tết Dương lịch'),
  ...span('2025-01-27', '2025-01-31', 'Tết Ất Tỵ'),
  holiday('2025-04-07', 'Giỗ Tổ Hùng Vương'),
  holiday('2025-04-30', 'Ngày Giải phóng miền Nam'),
  holiday('2025-05-01', 'Quốc tế Lao động'),
  dayOff('2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4)'),
  worked('2025-04-26', 'Làm bù cho ngày 2/5'),
  ...span('2025-09-01', '2025-09-02', 'Quốc khánh'),
  holiday('2026-01-01', 'Tết Dương lịch'),
  ...span('2026-02-16', '2026-02-20', 'Tết Bính Ngọ'),
  // 10/3 lunar falls on Sunday 26 April: taken on the Monday.
  dayOff('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương'),
  holiday('2026-04-30', 'Ngày Giải phóng miền Nam'),
  holiday('2026-05-01', 'Quốc tế Lao động'),
  ...span('2026-09-01', '2026-09-02', 'Quốc khánh'),
  holiday('2027-01-01', 'Tết Dương lịch'),
  // Mùng 1 Tết Đinh Mùi is Saturday 6 February: the two weekend days of Tết are taken on 10 and 11.
  holiday('2027-02-05', 'Tết Đinh Mùi'),
  ...span('2027-02-08', '2027-02-09', 'Tết Đinh Mùi'),
  dayOff('2027-02-10', 'Nghỉ bù Tết Đinh Mùi'),
  dayOff('2027-02-11', 'Nghỉ bù Tết Đinh Mùi'),
  holiday('2027-04-16', 'Giỗ Tổ Hùng Vương'),
  holiday('2027-04-30', 'Ngày Giải phóng miền Nam'),
  // 1/5 falls on a Saturday: taken on the Monday.
  dayOff('2027-05-03', 'Nghỉ bù Quốc tế Lao động'),
  ...span('2027-09-02', '2027-09-03', 'Quốc khánh'),
];

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (day: DayKey): number => new Date(startOfDay(day) + 7 * 3_600_000).getUTCDay();

/** Which days offices work, from a holiday table. */
export class WorkingCalendar {
  readonly #days: ReadonlyMap<string, CalendarDay>;

  constructor(days: readonly CalendarDay[] = DEFAULT_HOLIDAYS) {
    this.#days = new Map(days.map((d) => [d.date, d]));
  }

  /** The table's entry for a day (a holiday, a day off in exchange, a weekend day worked), if any. */
  entry(day: DayKey): CalendarDay | undefined {
    return this.#days.get(day);
  }

  isWorkingDay(day: DayKey): boolean {
    const entry = this.#days.get(day);
    if (entry) return entry.kind === 'workday';
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  }

  /** The last working day before `day`, looking back at most `within` days; null if none. */
  previousWorkingDay(day: DayKey, within = 31): DayKey | null {
    for (let n = 1; n <= within; n++) {
      const d = addDays(day, -n);
      if (this.isWorkingDay(d)) return d;
    }
    return null;
  }
}

const fileSchema = z.strictObject({
  days: z
    .array(
      z.strictObject({
        date: z.string().refine((s) => parseDay(s) !== null, 'must be a calendar date YYYY-MM-DD'),
        kind: z.enum(DAY_KINDS, { message: `must be one of ${DAY_KINDS.join(', ')}` }),
        name: z.string().min(1, 'must name the day').max(120),
      }),
    )
    .max(2000),
});

/** Checks a holiday table (HOLIDAYS_FILE: `{ "days": [{ "date", "kind", "name" }] }`); problems named by field. */
export function parseHolidays(json: unknown): { days: CalendarDay[] } | { errors: string[] } {
  const r = fileSchema.safeParse(json);
  if (!r.success) {
    return {
      errors: r.error.issues.map(
        (i) =>
          `${
            i.path
              .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
              .join('')
              .replace(/^\./, '') || '(file)'
          }: ${i.message}`,
      ),
    };
  }
  const seen = new Set<string>();
  const errors: string[] = [];
  r.data.days.forEach((d, i) => {
    if (seen.has(d.date)) errors.push(`days[${i}].date: ${d.date} is listed twice`);
    seen.add(d.date);
  });
  return errors.length ? { errors } : { days: r.data.days as CalendarDay[] };
}
