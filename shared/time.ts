import type { DayKey, EpochMs } from './brand';

/**
 * Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving since 1975), so day arithmetic is a fixed
 * offset. Never use the machine's or the screen's time zone: signage players are often set wrong.
 */
export const VN_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

const dayNames = new Map<number, DayKey>();

/** The Asia/Ho_Chi_Minh calendar day that contains the instant t. */
export function dayOf(t: number): DayKey {
  // Called for every event on the aggregator's hot path: name each day once, not per call.
  const n = Math.floor((t + VN_OFFSET_MS) / DAY_MS);
  let name = dayNames.get(n);
  if (name === undefined) {
    if (dayNames.size > 4096) dayNames.clear();
    name = new Date(n * DAY_MS).toISOString().slice(0, 10) as DayKey;
    dayNames.set(n, name);
  }
  return name;
}

/** 00:00 Asia/Ho_Chi_Minh of the given day, as an instant. */
export function startOfDay(day: DayKey): EpochMs {
  return (Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS) as EpochMs;
}

/** The last millisecond of the given day. */
export function endOfDay(day: DayKey): EpochMs {
  return (startOfDay(day) + DAY_MS - 1) as EpochMs;
}

/** Minutes since 00:00 Asia/Ho_Chi_Minh (0..1439). */
export function minuteOfDay(t: number): number {
  return Math.floor(((((t + VN_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}

/** The day before or after `day` by `n` days. */
export function addDays(day: DayKey, n: number): DayKey {
  return dayOf(startOfDay(day) + n * DAY_MS);
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
/** A valid "YYYY-MM-DD" calendar date, or null. */
export function parseDay(s: string): DayKey | null {
  if (!DAY_RE.test(s)) return null;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== s ? null : (s as DayKey);
}

/** The number of the Asia/Ho_Chi_Minh day containing t (days since 1970-01-01 there): for day differences. */
export function dayNumber(t: number): number {
  return Math.floor((t + VN_OFFSET_MS) / DAY_MS);
}
