import type { DayKey } from '../../shared/brand';
import type { Coverage, UnknownReason } from '../../shared/history';
import type { KpiDef } from '../../shared/kpis';
import type { DayRange } from '../../shared/periods';
import { addDays, dayOf } from '../../shared/time';
import { SOURCES, type Source } from '../../shared/vocabulary';
import type { Store } from '../store/types';

/**
 * Where the store's history begins, as of today. Each source has its own start: a task register that
 * goes back a year says nothing about dossiers before the one-stop system's first event, so a number is
 * known from the first word of every source it is made of (KPI `sources`), and unknown (null) before.
 */
export interface History {
  /** The day of the earliest event of any source: stock moves are summed from there. */
  firstDay: DayKey | null;
  /** The first day anything can be known: the earliest source's start, or the oldest day kept. */
  dataFrom: DayKey | null;
  /** Per source: the first day its numbers can be known (its first event, or the oldest day kept). */
  bySource: Partial<Record<Source, DayKey>>;
  /** The first day declared complete (HISTORY_FROM), if any: earlier days read as before the data. */
  completeFrom: DayKey | null;
}

/** What bounds the history that can be known, besides the events themselves. */
export interface HistoryPolicy {
  /** Days of history kept (RETENTION_DAYS). */
  retentionDays: number;
  /**
   * The first day whose numbers are complete (HISTORY_FROM), when the operator knows it: events about
   * earlier days may exist (the receipts of dossiers still open when the sources were connected) and
   * count in the stocks, but those days are incomplete, so they read as unknown.
   */
  completeFrom?: DayKey | null;
}

export async function readHistory(store: Store, today: DayKey, policy: HistoryPolicy): Promise<History> {
  const earliest = await store.readEarliest();
  const kept = addDays(today, -policy.retentionDays);
  const oldestKept = policy.completeFrom && policy.completeFrom > kept ? policy.completeFrom : kept;
  const bySource: Partial<Record<Source, DayKey>> = {};
  let firstDay: DayKey | null = null;
  for (const s of SOURCES) {
    const at = earliest[s];
    if (at === undefined) continue;
    const first = dayOf(at);
    bySource[s] = first > oldestKept ? first : oldestKept;
    if (firstDay === null || first < firstDay) firstDay = first;
  }
  const dataFrom = firstDay === null ? null : firstDay > oldestKept ? firstDay : oldestKept;
  return { firstDay, dataFrom, bySource, completeFrom: policy.completeFrom ?? null };
}

/** The first day a KPI can be known: the latest start among its sources; null if one never spoke. */
export function kpiDataFrom(h: History, def: Pick<KpiDef, 'sources'>): DayKey | null {
  let from: DayKey | null = null;
  for (const s of def.sources) {
    const start = h.bySource[s];
    if (start === undefined) return null;
    if (from === null || start > from) from = start;
  }
  return from;
}

/** Why nothing at all can be known of a day (no source had spoken by then), or null when something can. */
export function unknownReason(h: History, day: DayKey): UnknownReason | null {
  if (h.dataFrom === null || h.firstDay === null) return 'noData';
  if (day >= h.dataFrom) return null;
  const beforeData = day < h.firstDay || (h.completeFrom !== null && day < h.completeFrom);
  return beforeData ? 'beforeData' : 'beforeRetention';
}

/** How much of a range has data from `from` on: all of it, its days from `from` on, or none. */
export function coverageFrom(from: DayKey | null, range: DayRange): Coverage {
  if (from === null || range.to < from) return 'none';
  return range.from < from ? 'partial' : 'full';
}
