import type { RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
import { requestOrigin, type TrustFn } from './proxy';

/**
 * Which browser pages may change state here: ALLOWED_ORIGINS, or by default the server's own origin
 * (the one the request was addressed to, as a trusted proxy relays it). SameSite=Strict cookies do not
 * cover another port or a sibling subdomain of the same site; the Origin header does.
 *
 * A request with no Origin header passes: browsers send Origin with every POST, PUT, PATCH and DELETE,
 * every cross-origin request and every WebSocket handshake, so a request without one does not come from a
 * page of another origin. It comes from a machine (a source system with its bearer key, a script, a
 * tool), whose calls no other site can make in someone's name. `Origin: null` (a sandboxed page, a
 * redirect across origins) is refused like any other stranger.
 */
export interface OriginPolicy {
  /** ALLOWED_ORIGINS, normalised (`https://wall.example.vn`); null: the server's own origin only. */
  allowed: readonly string[] | null;
  trust: TrustFn;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when the request's Origin, if any, may act here. */
export function originAllowed(req: IncomingMessage, policy: OriginPolicy): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const given = origin.toLowerCase();
  if (policy.allowed) return policy.allowed.includes(given);
  return given === requestOrigin(req, policy.trust);
}

/** Refuses (403) a state-changing request from a page of an origin not allowed. */
export function originCheck(
  policy: OriginPolicy,
  onRefused?: (req: IncomingMessage) => void,
): RequestHandler {
  return (req, res, next) => {
    if (!STATE_CHANGING.has(req.method) || originAllowed(req, policy)) return next();
    onRefused?.(req);
    res.status(403).json({ error: 'this origin may not change anything here (ALLOWED_ORIGINS)' });
  };
}

/** Socket.IO's allowRequest: the handshake of a page of an origin not allowed is refused. */
export const socketOriginCheck =
  (policy: OriginPolicy, onRefused?: (req: IncomingMessage) => void) =>
  (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    const ok = originAllowed(req, policy);
    if (!ok) onRefused?.(req);
    callback(ok ? null : 'origin not allowed', ok);
  };

/** Parses ALLOWED_ORIGINS (comma-separated origins); returns an error message when one is not an origin. */
export function parseAllowedOrigins(value: string | undefined): string[] | null | { error: string } {
  if (value === undefined || value.trim() === '') return null;
  const origins: string[] = [];
  for (const item of value.split(',').map((s) => s.trim())) {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      return { error: `not an origin: ${item}` };
    }
    if (
      !['http:', 'https:'].includes(url.protocol) ||
      url.pathname !== '/' ||
      url.search !== '' ||
      url.hash !== '' ||
      url.username !== ''
    )
      return { error: `an origin is scheme://host[:port] with nothing after it: ${item}` };
    origins.push(url.origin.toLowerCase());
  }
  return origins;
}
