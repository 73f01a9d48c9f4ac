import type { DayKey } from './brand';
import { formatChange, formatCount, formatKpiParts, type Change, type Lang } from './format';
import { weekdayOf, type WorkingCalendar } from './holidays';
import type { KpiDef } from './kpis';
import { addDays, dayNumber, dayOf, minuteOfDay } from './time';

/**
 * Which day a tile compares today with, at the same minute. Monday against Sunday says nothing (offices
 * are shut on Sunday), so a working day is compared with the previous working day (Monday with Friday,
 * the day after Tết with the last day before it); a weekend day or holiday with the same weekday last
 * week. When the previous working day is older than the minute buckets kept (`keptDays`, after a long
 * Tết), the same weekday last week stands in.
 */
export function comparisonDay(today: DayKey, calendar: WorkingCalendar, keptDays: number): DayKey {
  const lastWeek = addDays(today, -7);
  if (!calendar.isWorkingDay(today)) return lastWeek;
  const previous = calendar.previousWorkingDay(today, keptDays);
  return previous ?? lastWeek;
}

const WEEKDAY: Record<Lang, readonly string[]> = {
  vi: ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/** "so với 8:05 thứ Sáu", "so với 8:05 hôm qua", "vs last Mon 8:05": short, it shares a tile's line. */
export function basisWords(basisAt: number, now: number, lang: Lang): string {
  const m = minuteOfDay(basisAt);
  const time = `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
  const days = dayNumber(now) - dayNumber(basisAt);
  const weekday = WEEKDAY[lang][weekdayOf(dayOf(basisAt))] ?? '';
  if (lang === 'vi') {
    if (days === 1) return `so với ${time} hôm qua`;
    return days === 7 ? `so với ${time} ${weekday} tuần trước` : `so với ${time} ${weekday}`;
  }
  if (days === 1) return `vs ${time} yesterday`;
  return days === 7 ? `vs last ${weekday} ${time}` : `vs ${weekday} ${time}`;
}

/** Below this many, a count's relative change is noise: "3 → 52", not "▲ 1.633,3%". */
export const TINY_BASE = 20;

/**
 * A KPI against its comparison value. Rates move by points ("▲ 1,2 điểm %"); other KPIs by percent
 * ("▲ 12,5%"), except from a tiny base (under TINY_BASE, or zero) or by more than double, where a
 * percentage misleads: then the two values ("3 → 52").
 */
export function describeChange(
  def: Pick<KpiDef, 'unit'>,
  value: number | null,
  ref: number | null,
  lang: Lang,
): Change | null {
  if (value === null || ref === null || !Number.isFinite(value) || !Number.isFinite(ref)) return null;
  if (def.unit === 'percent') return formatChange(def, value, ref, lang);
  const relative = ref === 0 ? Infinity : Math.abs((value - ref) / ref);
  const tiny = (def.unit !== 'vnd' && ref < TINY_BASE) || relative >= 1;
  if (!tiny || value === ref) return formatChange(def, value, ref, lang);
  const direction = value > ref ? 'up' : 'down';
  const arrow = value > ref ? '▲' : '▼';
  if (def.unit !== 'vnd' && def.unit !== 'hour') {
    return { direction, text: `${arrow} ${formatCount(ref, lang)} → ${formatCount(value, lang)}` };
  }
  // The tile says the unit's currency already: "200 triệu → 1,5 tỷ", short enough for its line.
  const short = (n: number) => {
    const p = formatKpiParts(def, n, lang);
    return { number: p.number, unit: p.unit.replace(/\s*(đồng|VND)$/, '') };
  };
  const [a, b] = [short(ref), short(value)];
  const text =
    a.unit === b.unit
      ? `${a.number} → ${b.number} ${b.unit}`
      : `${a.number} ${a.unit} → ${b.number} ${b.unit}`;
  return { direction, text: `${arrow} ${text}` };
}
