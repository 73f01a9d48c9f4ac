import type { KpiKey } from './socket';
import { MINUTE_COUNTERS, type MinuteCounter } from './counters';

/**
 * Today's and yesterday's hourly curves of the province (dossiers received and resolved, online payments
 * and their amount), for the wall's charts. They travel in the province feed as ordinary keys, one per
 * hour and series ("province|curve.today.received.14" = dossiers received 14:00–14:59 today), so a frame
 * carries only the hour that moved, and resume and snapshots work for them unchanged.
 */
export const CURVE_SERIES = MINUTE_COUNTERS;
export type CurveSeries = MinuteCounter;
export type CurveDay = 'today' | 'yesterday';

export const curveKey = (day: CurveDay, series: CurveSeries, hour: number): KpiKey =>
  `province|curve.${day}.${series}.${hour}`;

/** Sums per-minute counters ("<minute>.<series>" -> n) into 24 hourly values per series. */
export function hourlyFromMinutes(minutes: Record<string, number>): Record<CurveSeries, number[]> {
  const out = Object.fromEntries(CURVE_SERIES.map((s) => [s, new Array<number>(24).fill(0)])) as Record<
    CurveSeries,
    number[]
  >;
  for (const [field, n] of Object.entries(minutes)) {
    const dot = field.indexOf('.');
    const minute = Number(field.slice(0, dot));
    const series = out[field.slice(dot + 1) as CurveSeries];
    if (series && minute >= 0 && minute < 1440) series[Math.floor(minute / 60)]! += n;
  }
  return out;
}

/** Reads a curve back from a feed's values: 24 numbers (0 where nothing was sent). */
export function curveOf(
  values: ReadonlyMap<KpiKey, readonly [number | null, ...unknown[]]>,
  day: CurveDay,
  series: CurveSeries,
): number[] {
  return Array.from({ length: 24 }, (_, h) => values.get(curveKey(day, series, h))?.[0] ?? 0);
}
