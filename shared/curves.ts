import { BASIS_AT_KEY } from './compare';
import type { KpiKey } from './socket';
import { MINUTE_COUNTERS, type MinuteCounter } from './counters';
import type { Lang } from './format';
import { weekdayOf } from './holidays';
import { dayNumber, dayOf } from './time';

/**
 * Today's hourly curves of the province (dossiers received and resolved, online payments and their
 * amount) and the comparison day's, for the wall's charts. The comparison day is the one the tiles
 * compare with (the previous working day, or the same weekday last week: shared/compare-basis.ts), so
 * a chart never says "yesterday" on a Monday while its tiles say Friday. They travel in the province feed
 * as ordinary keys, one per hour and series ("province|curve.today.received.14" = dossiers received
 * 14:00–14:59 today; "province|curve.basis.received.14" the same hour of the comparison day), so a frame
 * carries only the hour that moved, and resume and snapshots work for them unchanged.
 */
export const CURVE_SERIES = MINUTE_COUNTERS;
export type CurveSeries = MinuteCounter;
export type CurveDay = 'today' | 'basis';

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

const WEEKDAY: Record<Lang, readonly string[]> = {
  vi: ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/**
 * The comparison day named for a chart's title and legend, as an operator says it: "hôm qua", "thứ Sáu"
 * (a Monday's previous working day), "thứ Hai tuần trước" (a weekend or holiday's same weekday), "thứ Sáu
 * 13/2" when it lies further back (after Tết). `basisAt` is the feed's BASIS_AT_KEY; null (not sent yet)
 * names no day.
 */
export function basisDayName(basisAt: number | null, now: number, lang: Lang): string {
  if (basisAt === null || !Number.isFinite(basisAt)) return lang === 'vi' ? 'ngày so sánh' : 'comparison day';
  const day = dayOf(basisAt);
  const days = dayNumber(now) - dayNumber(basisAt);
  const weekday = WEEKDAY[lang][weekdayOf(day)] ?? '';
  if (days === 1) return lang === 'vi' ? 'hôm qua' : 'yesterday';
  if (days === 7) return lang === 'vi' ? `${weekday} tuần trước` : `last ${weekday}`;
  if (days > 1 && days < 7) return weekday;
  const [, month, date] = day.split('-').map(Number);
  return `${weekday} ${date}/${month}`;
}

/** The same name starting a legend's line: "Thứ Sáu", "Hôm qua". */
export const basisDayLabel = (basisAt: number | null, now: number, lang: Lang): string => {
  const name = basisDayName(basisAt, now, lang);
  return name.charAt(0).toUpperCase() + name.slice(1);
};

/** The instant the comparison day's values stand for (BASIS_AT_KEY), or null before the server sends it. */
export const basisAtOf = (
  values: ReadonlyMap<KpiKey, readonly [number | null, ...unknown[]]>,
): number | null => values.get(BASIS_AT_KEY)?.[0] ?? null;
