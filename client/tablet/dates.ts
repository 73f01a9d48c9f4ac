import type { DayKey } from '../../shared/brand';
import { formatDate, type Lang } from '../../shared/format';
import { startOfDay } from '../../shared/time';

/** A range of days in words: "20/11/2025", or "01/11/2025 – 20/11/2025". */
export function rangeText(from: DayKey, to: DayKey, lang: Lang): string {
  const a = formatDate(startOfDay(from), lang);
  return from === to ? a : `${a} – ${formatDate(startOfDay(to), lang)}`;
}

/** One day in words: "20/11/2025". */
export const dayText = (day: DayKey, lang: Lang): string => formatDate(startOfDay(day), lang);
