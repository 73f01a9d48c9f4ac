import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { cookieValue, newToken } from '../auth/tokens';

/** The cookie the server's own Chromium carries while it renders a report or a snapshot. */
export const RENDER_COOKIE = 'ioc_render';
/** A pass outlives its render only briefly: a render times out well before. */
export const RENDER_PASS_MS = 60_000;

/**
 * Short-lived credentials for the pages the server renders itself (a PDF, a wall snapshot). The page
 * Chromium opens must read the numbers, but never with the leader's session that asked for it (that
 * would let a rendered page act as the leader): a random pass, kept in this process's memory only,
 * valid a minute, admitted only for reads (GET, HEAD) made from this machine and not relayed by a
 * proxy. It makes a watch-only principal: it cannot steer, acknowledge, pair or read leaders' routes.
 */
export class RenderPasses {
  readonly #passes = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** A new pass; revoke it when the render ends. */
  issue(): string {
    this.#forgetExpired();
    const token = newToken();
    this.#passes.set(token, this.now() + RENDER_PASS_MS);
    return token;
  }

  revoke(token: string): void {
    this.#passes.delete(token);
  }

  /** Whether the request carries a live pass, reads, and comes straight from this machine. */
  admits(req: IncomingMessage): boolean {
    if (this.#passes.size === 0) return false;
    const given = cookieValue(req.headers.cookie, RENDER_COOKIE);
    if (!given || (req.method !== 'GET' && req.method !== 'HEAD') || !straightFromLoopback(req)) return false;
    const now = this.now();
    for (const [token, until] of this.#passes) {
      // Compared in constant time: the pass must not leak through timing, however briefly it lives.
      if (
        until > now &&
        token.length === given.length &&
        timingSafeEqual(Buffer.from(token), Buffer.from(given))
      )
        return true;
    }
    return false;
  }

  #forgetExpired(): void {
    const now = this.now();
    for (const [token, until] of this.#passes) if (until <= now) this.#passes.delete(token);
  }
}

/** Loopback and no forwarding header: a reverse proxy on the same host also connects from loopback. */
function straightFromLoopback(req: IncomingMessage): boolean {
  const h = req.headers;
  if (h['x-forwarded-for'] || h.forwarded || h['x-real-ip']) return false;
  const a = req.socket.remoteAddress ?? '';
  return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
}
