import type { LexBound } from '../store/lex';

/**
 * The members of the due index (keys.due): "<due time, 15 digits>|<dossier id>". Fixed width, so byte
 * order is due-time order, then id order; every member scores 0 and the store reads them by lex ranges.
 */

const WIDTH = 15;
const SEPARATOR = '|';

/** A due time as the index spells it; times before 1970 (never met) sort first, as 0. */
export const dueKey = (dueAt: number): string => String(Math.max(0, Math.floor(dueAt))).padStart(WIDTH, '0');

export const dueMember = (dueAt: number, dossierId: string): string => dueKey(dueAt) + SEPARATOR + dossierId;

/**
 * The upper bound of the members due strictly before `t` (due times are whole ms): "(<key of t>" leaves
 * out every "<key of t>|id", and a fractional `t` rounds up, so a dossier due at 1000 is late at 1000.5.
 */
export const dueBefore = (t: number): LexBound => (t === Infinity ? '+' : `(${dueKey(Math.ceil(t))}`);

/** The dossier id and due time a member stands for; null for anything that is not a member. */
export function parseDueMember(member: string): { dueAt: number; dossierId: string } | null {
  if (member.length <= WIDTH + 1 || member[WIDTH] !== SEPARATOR) return null;
  const digits = member.slice(0, WIDTH);
  if (!/^\d+$/.test(digits)) return null;
  return { dueAt: Number(digits), dossierId: member.slice(WIDTH + 1) };
}
