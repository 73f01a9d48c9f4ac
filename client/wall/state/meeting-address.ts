/** What a follower reads from its page: the meeting and point named in the address, and its storage. */

const MAX_DELEGATES = 100_000;

/** One parameter of an address, read once at load: nothing reactive about it. */
const param = (search: string, name: string) => new URLSearchParams(search).get(name)?.trim();

/** The meeting code of a wall's address (`/?meeting=K7M4QX`), or null. */
export function meetingCodeOf(search: string): string | null {
  const code = param(search, 'meeting');
  return code ? code.slice(0, 16) : null;
}
/** The bridge point's own name from the address (`&point=UBND xã Phú Cát`), or null. */
export function pointNameOf(search: string): string | null {
  const name = param(search, 'point');
  return name ? name.slice(0, 80) : null;
}
/** A typed delegates count as a whole number the server accepts. */
export const clampDelegates = (n: number): number =>
  Number.isFinite(n) ? Math.min(MAX_DELEGATES, Math.max(0, Math.round(n))) : 0;

/** localStorage, or null where the page may not use it (a locked-down kiosk profile throws on access). */
export function pageStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
