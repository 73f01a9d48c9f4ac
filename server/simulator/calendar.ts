import type { DayKey } from '../../shared/brand';
import { DAY_MS, VN_OFFSET_MS, dayOf } from '../../shared/time';

/**
 * The civil-service calendar of Asia/Ho_Chi_Minh: which days offices work, their hours, and deadlines
 * counted in working time (a "5 working days" procedure skips nights, weekends and holidays).
 * Days are handled as integer day numbers (days since 1970-01-01 in Vietnam) because plans compute
 * thousands of deadlines and string dates would dominate the cost.
 */

/** Counter hours, in minutes after midnight: 7:30–11:30 and 13:00–17:00. */
export const OFFICE_SESSIONS: readonly (readonly [number, number])[] = [
  [7 * 60 + 30, 11 * 60 + 30],
  [13 * 60, 17 * 60],
];
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
/** Office time in one working day (8 hours). */
export const WORKING_DAY_MS = 8 * HOUR_MS;

function dayRange(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * Public holidays on which offices close (Labour Code art. 112 and the government's yearly notices).
 * Tết 2026 (14–22 February) is the one the design names; the others keep the demo plausible around them.
 */
const HOLIDAYS = new Set<string>([
  ...dayRange('2025-01-25', '2025-02-02'), // Tết Ất Tỵ
  '2025-04-07', // Hùng Kings (observed)
  ...dayRange('2025-04-30', '2025-05-01'),
  ...dayRange('2025-09-01', '2025-09-02'),
  '2026-01-01',
  ...dayRange('2026-02-14', '2026-02-22'), // Tết Bính Ngọ
  '2026-04-27', // Hùng Kings (observed on Monday)
  ...dayRange('2026-04-30', '2026-05-01'),
  ...dayRange('2026-09-01', '2026-09-02'),
  '2027-01-01',
  ...dayRange('2027-02-05', '2027-02-11'), // Tết Đinh Mùi (approximate)
  ...dayRange('2027-04-30', '2027-05-01'),
  ...dayRange('2027-09-01', '2027-09-02'),
]);

/** The Vietnamese day number of the instant t (0 = 1970-01-01). */
export const dayNumberOf = (t: number): number => Math.floor((t + VN_OFFSET_MS) / DAY_MS);
/** 00:00 Asia/Ho_Chi_Minh of a day number, as an instant. */
export const dayStartOf = (day: number): number => day * DAY_MS - VN_OFFSET_MS;
/** The "YYYY-MM-DD" key of a day number. */
export const dayKeyOf = (day: number): DayKey => dayOf(dayStartOf(day));
/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

export type DayKind = 'working' | 'saturday' | 'sunday' | 'holiday';

export function dayKindOf(day: number): DayKind {
  if (HOLIDAYS.has(dayKeyOf(day))) return 'holiday';
  const weekday = weekdayOf(day);
  if (weekday === 0) return 'sunday';
  if (weekday === 6) return 'saturday';
  return 'working';
}

const workingCache = new Map<number, boolean>();
/** Monday–Friday and not a public holiday; memoised because deadline arithmetic asks constantly. */
export function isWorkingDay(day: number): boolean {
  let working = workingCache.get(day);
  if (working === undefined) {
    working = dayKindOf(day) === 'working';
    if (workingCache.size > 20_000) workingCache.clear();
    workingCache.set(day, working);
  }
  return working;
}

/** The instant `ms` of office time after t: how statutory deadlines are counted. */
export function addWorkingTime(t: number, ms: number): number {
  let day = dayNumberOf(t);
  let into = t - dayStartOf(day);
  let remaining = ms;
  // Bounded: even the longest deadline fits in a few hundred calendar days.
  for (let guard = 0; guard < 2000; guard++, day++, into = 0) {
    if (!isWorkingDay(day)) continue;
    for (const [open, close] of OFFICE_SESSIONS) {
      const closeMs = close * MINUTE_MS;
      if (into >= closeMs) continue;
      const start = Math.max(into, open * MINUTE_MS);
      const available = closeMs - start;
      if (remaining <= available) return dayStartOf(day) + start + remaining;
      remaining -= available;
      into = closeMs;
    }
  }
  throw new Error('addWorkingTime: no working time found');
}
