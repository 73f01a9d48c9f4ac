import type { DayKey } from '../../shared/brand';
import { hourlyFromMinutes } from '../../shared/curves';
import type { SeriesPoint, SeriesResponse } from '../../shared/drill';
import type { DayCounter } from '../../shared/counters';
import { daysOf, periodRanges, type Period } from '../../shared/periods';
import type { Scope } from '../../shared/scope';
import { keys } from '../aggregate/keys';
import type { Store } from '../store/types';

/** Every resolution counts in exactly one of these, by its timing against the due date (KPIS.md). */
const RESOLVED_COUNTERS: readonly DayCounter[] = ['resolvedEarly', 'resolvedOnDue', 'resolvedLate'];

/**
 * The curves of a scope over a period, with the period before point for point: hours of one day from
 * the minute buckets for "today" (the same hours of the day before), days from the day counters
 * otherwise. One round trip: the same counters the numbers of /api/v1/kpis/period are summed from.
 */
export async function readSeries(
  store: Store,
  scope: Scope,
  period: Period,
  end: DayKey,
  now: number,
  dataFrom: DayKey | null,
): Promise<SeriesResponse> {
  const { current, previous } = periodRanges(period, end);
  const about = { scope, period, from: current.from, to: current.to, dataFrom, serverTime: now };
  const known = (day: DayKey) => dataFrom !== null && day >= dataFrom;
  if (period === 'today') {
    const [day, dayBefore] = await store.readHashes([
      keys.minutes(current.from, scope),
      keys.minutes(previous.from, scope),
    ]);
    return {
      ...about,
      granularity: 'hour',
      points: hourPoints(day!, known(current.from)),
      previous: hourPoints(dayBefore!, known(previous.from)),
    };
  }
  const days = daysOf(current);
  const daysBefore = daysOf(previous);
  const counters = await store.readHashes([...days, ...daysBefore].map((day) => keys.day(day, scope)));
  return {
    ...about,
    granularity: 'day',
    points: days.map((day, i) => dayPoint(day, counters[i]!, known(day))),
    previous: daysBefore.map((day, i) => dayPoint(day, counters[days.length + i]!, known(day))),
  };
}

const UNKNOWN = { received: null, resolved: null, payments: null, paymentsVnd: null };

/** 24 points, "00" to "23": the hours of Asia/Ho_Chi_Minh, as the minute buckets are. */
function hourPoints(minutes: Record<string, number>, known: boolean): SeriesPoint[] {
  const hours = hourlyFromMinutes(minutes);
  return hours.received.map((received, hour) => {
    const label = String(hour).padStart(2, '0');
    if (!known) return { label, ...UNKNOWN };
    return {
      label,
      received,
      resolved: hours.resolved[hour]!,
      payments: hours.payments[hour]!,
      paymentsVnd: hours.paymentsVnd[hour]!,
    };
  });
}

function dayPoint(day: DayKey, counters: Record<string, number>, known: boolean): SeriesPoint {
  if (!known) return { label: day, ...UNKNOWN };
  return {
    label: day,
    received: counters.received ?? 0,
    resolved: RESOLVED_COUNTERS.reduce((sum, field) => sum + (counters[field] ?? 0), 0),
    payments: counters.payments ?? 0,
    paymentsVnd: counters.paymentsVnd ?? 0,
  };
}
