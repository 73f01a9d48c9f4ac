import type { DayKey } from '../../shared/brand';
import type { Coverage, UnknownReason } from '../../shared/history';
import type { DayRange } from '../../shared/periods';
import { addDays, dayOf } from '../../shared/time';
import type { Store } from '../store/types';

/** Where the store's history begins, as of today. */
export interface History {
  /** The day of the earliest event ever committed: stock moves are summed from there. */
  firstDay: DayKey | null;
  /** The first day whose numbers can be known: firstDay, or the oldest day retention keeps if later. */
  dataFrom: DayKey | null;
}

export async function readHistory(store: Store, today: DayKey, retentionDays: number): Promise<History> {
  const earliest = await store.readEarliest();
  if (earliest === null) return { firstDay: null, dataFrom: null };
  const firstDay = dayOf(earliest);
  const oldestKept = addDays(today, -retentionDays);
  return { firstDay, dataFrom: firstDay > oldestKept ? firstDay : oldestKept };
}

/** Why a day cannot be known, or null when it can (it is on or after dataFrom). */
export function unknownReason(h: History, day: DayKey): UnknownReason | null {
  if (h.dataFrom === null || h.firstDay === null) return 'noData';
  if (day >= h.dataFrom) return null;
  return day < h.firstDay ? 'beforeData' : 'beforeRetention';
}

/** How much of a range has data: all of it, its days from dataFrom on, or none. */
export function coverageOf(h: History, range: DayRange): { coverage: Coverage; from: DayKey } {
  if (h.dataFrom === null || range.to < h.dataFrom) return { coverage: 'none', from: range.from };
  if (range.from < h.dataFrom) return { coverage: 'partial', from: h.dataFrom };
  return { coverage: 'full', from: range.from };
}
