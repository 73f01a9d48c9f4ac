import { DAY_MS } from '../../shared/time';
import { dayNumberOf, dayStartOf, isWorkingDay } from '../simulator/calendar';

const HOUR = 3_600_000;
/** Hours in which a province's offices are busy enough for a demo to move every second. */
const BUSY: readonly [number, number][] = [
  [8 * HOUR, 11 * HOUR],
  [13.5 * HOUR, 16.5 * HOUR],
];

/**
 * Where the demo's clock starts. A real province at 3 a.m. or on a Sunday is nearly silent, and a
 * newcomer opening the demo then would see nothing move; so outside busy office hours the demo plays
 * from 09:00 of the latest working day instead. The page says the data is simulated (Welcome.simulated),
 * and real deployments (no simulator) always run on the real clock.
 */
export function demoStart(now: number): number {
  const day = dayNumberOf(now);
  const sinceMidnight = now - dayStartOf(day);
  if (isWorkingDay(day) && BUSY.some(([a, b]) => sinceMidnight >= a && sinceMidnight < b)) return now;
  let d = day;
  while (!isWorkingDay(d) && day - d < 30) d--;
  return dayStartOf(d) + 9 * HOUR;
}

/** Parses SIM_START: "auto" (the demo rule above), "now", or an ISO 8601 instant. */
export function simStart(spec: string, now: number): number | { error: string } {
  if (spec === 'auto') return demoStart(now);
  if (spec === 'now') return now;
  const t = Date.parse(spec);
  if (Number.isNaN(t) || !/\d{4}-\d{2}-\d{2}T/.test(spec))
    return { error: `SIM_START: must be "auto", "now" or an ISO date-time, got "${spec}"` };
  return Math.abs(t - now) > 400 * DAY_MS ? { error: 'SIM_START: must be within 400 days of today' } : t;
}
