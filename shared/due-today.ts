import { dayOf, endOfDay } from './time';

/**
 * The wall's "Sắp trễ hạn" scene (GET /api/v1/due-today, any screen that may watch): the open dossiers
 * falling due between now and the end of today, by agency. Counts only, no dossier ids or names: a wall
 * in a lobby may show it, where the lists of dossiers themselves are for leaders.
 */

/** One agency with dossiers falling due today. */
export interface DueTodayRow {
  agency: string;
  /** Open dossiers of the agency due in [serverTime, until). */
  count: number;
  /** The soonest of them (epoch ms). */
  earliestDueAt: number;
}

export interface DueToday {
  /** When the counts were read (server time, epoch ms). */
  serverTime: number;
  /** The end of today in Asia/Ho_Chi_Minh: the window is [serverTime, until). */
  until: number;
  /** Open dossiers of the whole province falling due today. */
  total: number;
  /** The near window, in hours ("trong 2 giờ tới"). */
  soonHours: number;
  /** Of `total`, those due within the next `soonHours` (and still today). */
  soon: number;
  /** Agencies with at least one, the most first (then the soonest due, then the id); at most DUE_TODAY_ROWS. */
  agencies: DueTodayRow[];
  /** Agencies with dossiers due today that the list leaves out. */
  moreAgencies: number;
}

export const DUE_TODAY_ROWS = 12;
export const DUE_TODAY_SOON_HOURS = 2;

/** The end of the Asia/Ho_Chi_Minh day containing t, exclusive (00:00 of the next day). */
export const dueTodayUntil = (t: number): number => endOfDay(dayOf(t)) + 1;

/** Ranks agencies for the scene: the most dossiers first, then the soonest due, then the id. */
export function rankDueToday(rows: readonly DueTodayRow[], limit = DUE_TODAY_ROWS): DueTodayRow[] {
  return rows
    .filter((r) => r.count > 0)
    .sort(
      (a, b) =>
        b.count - a.count ||
        a.earliestDueAt - b.earliestDueAt ||
        (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0),
    )
    .slice(0, limit);
}
