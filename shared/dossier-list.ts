import type { Scope } from './scope';

/**
 * The HTTP contract of the lists of dossiers a leader can still act on (leader and above):
 *
 *   GET /api/v1/dossiers?scope=…&state=late|dueSoon&hours=24&limit=50&cursor=…  -> DossierPage
 *
 * "late": open and past their due time now, the longest late first. "dueSoon": open and falling due
 * within the next `hours`, the soonest first. Pages follow `nextCursor` (opaque) until it is null; a
 * dossier that stays in the list is met exactly once however the list moves in between.
 */

export const DOSSIER_LIST_STATES = ['late', 'dueSoon'] as const;
export type DossierListState = (typeof DOSSIER_LIST_STATES)[number];

/** One dossier of a list: where it is, and when it is or was due. Times are epoch ms. */
export interface DossierRow {
  id: string;
  /** The procedure's name; null for a dossier recorded before lists named it. */
  procedure: string | null;
  agency: string;
  /** The commune's 5-digit code. */
  commune: string;
  receivedAt: number;
  dueAt: number;
  /** How long past due at `serverTime` (ms); negative while still due (how long is left). */
  lateMs: number;
}

export interface DossierPage {
  scope: Scope;
  state: DossierListState;
  /** The look-ahead of "dueSoon", in hours; null for "late". */
  hours: number | null;
  serverTime: number;
  /** How many dossiers the whole list holds now. */
  total: number;
  rows: DossierRow[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

export const DOSSIER_PAGE_DEFAULT = 50;
export const DOSSIER_PAGE_MAX = 500;
export const DUE_SOON_HOURS_DEFAULT = 24;
/** A week ahead at most: further than that is planning, not acting. */
export const DUE_SOON_HOURS_MAX = 168;

const LATENESS_STEPS = [
  { ms: 86_400_000, vi: 'ngày', en: 'd' },
  { ms: 3_600_000, vi: 'giờ', en: 'h' },
  { ms: 60_000, vi: 'phút', en: 'min' },
] as const;

/**
 * How late, or how long is left, in the two largest units: "trễ 3 ngày 4 giờ", "còn 5 giờ 20 phút"
 * (en: "3 d 4 h late", "5 h 20 min left"). Under a minute: "trễ 0 phút" / "còn 0 phút".
 */
export function formatLateness(lateMs: number, lang: 'vi' | 'en' = 'vi'): string {
  let rest = Math.abs(lateMs);
  const parts: string[] = [];
  for (const step of LATENESS_STEPS) {
    const n = Math.floor(rest / step.ms);
    rest -= n * step.ms;
    if (n > 0 || (parts.length > 0 && parts.length < 2)) parts.push(`${n} ${step[lang]}`);
    if (parts.length === 2) break;
  }
  if (parts.length === 0) parts.push(`0 ${LATENESS_STEPS[2][lang]}`);
  const amount = parts.join(' ');
  if (lateMs > 0) return lang === 'vi' ? `trễ ${amount}` : `${amount} late`;
  return lang === 'vi' ? `còn ${amount}` : `${amount} left`;
}
