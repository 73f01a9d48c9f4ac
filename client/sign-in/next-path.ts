import type { Role } from '../../shared/roles';

/** Paths are parsed against an empty file: base, which has no host, so any host in the result came from the input. */
const BASE = 'file:///';
const onThisSite = (url: URL) => url.protocol === 'file:' && url.host === '';

/**
 * Where `?next=` may send someone after sign-in: a path on this site ("/admin", "/tablet?x=1#y"), never
 * another site. "//evil.example", "/\\evil.example", full URLs with a scheme, "javascript:…" and anything with
 * whitespace or control characters (which browsers strip before parsing) are refused: null.
 * The sign-in page itself is refused too, so signing in never lands back on it.
 */
export function safeNext(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2_000) return null;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f\\]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (!onThisSite(url)) return null;
  if (url.pathname.replace(/\/+$/, '') === '/login') return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where a person lands after sign-in when no `next` was asked: leaders read, operators manage. */
export const landingFor = (role: Role): string =>
  role === 'operator' || role === 'admin' ? '/admin' : '/tablet';
