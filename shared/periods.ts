import type { DayKey } from './brand';
import { addDays } from './time';

/**
 * The periods a leader reads numbers over, each compared with the period before it of the same length
 * (a month or a year to date against the same stretch of the one before, not against a whole month).
 * Days are calendar days of Asia/Ho_Chi_Minh (DayKey "YYYY-MM-DD"); a range includes both ends.
 */
export const PERIODS = ['today', '7d', '30d', 'month', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export const isPeriod = (s: unknown): s is Period => (PERIODS as readonly unknown[]).includes(s);

export interface DayRange {
  from: DayKey;
  to: DayKey;
}

/** The longest range a period can span (a leap year), so a reader can bound its work. */
const MAX_PERIOD_DAYS = 366;

const parts = (day: DayKey) => day.split('-').map(Number) as [number, number, number];
const dayKey = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as DayKey;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The days of the period ending with `end` (usually today), and the period before it. */
export function periodRanges(period: Period, end: DayKey): { current: DayRange; previous: DayRange } {
  const [y, m, d] = parts(end);
  switch (period) {
    case 'today':
      return { current: { from: end, to: end }, previous: { from: addDays(end, -1), to: addDays(end, -1) } };
    case '7d':
    case '30d': {
      const n = period === '7d' ? 7 : 30;
      const from = addDays(end, -(n - 1));
      return { current: { from, to: end }, previous: { from: addDays(from, -n), to: addDays(from, -1) } };
    }
    case 'month': {
      // 31 March against 1–28 February: the same stretch, cut at the shorter month's end.
      const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
      return {
        current: { from: dayKey(y, m, 1), to: end },
        previous: { from: dayKey(py, pm, 1), to: dayKey(py, pm, Math.min(d, daysInMonth(py, pm))) },
      };
    }
    case 'year':
      // 29 February against 28 February of the year before.
      return {
        current: { from: dayKey(y, 1, 1), to: end },
        previous: { from: dayKey(y - 1, 1, 1), to: dayKey(y - 1, m, Math.min(d, daysInMonth(y - 1, m))) },
      };
  }
}

/** Every day of a range, oldest first. */
export function daysOf(range: DayRange): DayKey[] {
  const out: DayKey[] = [];
  for (let day = range.from; day <= range.to && out.length <= MAX_PERIOD_DAYS; day = addDays(day, 1))
    out.push(day);
  return out;
}
