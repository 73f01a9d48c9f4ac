import type { IncomingMessage } from 'node:http';
import type { RequestHandler, Response } from 'express';
import { allows, type Need, type Principal } from '../../shared/access';
import type { AuditLog } from '../audit/audit-log';
import { deviceRoom, sessionRoom } from '../hub/rooms';
import type { Devices } from './devices';
import type { Session, Sessions } from './sessions';
import { cookieValue } from './tokens';

export const SESSION_COOKIE = 'ioc_session';
export const DEVICE_COOKIE = 'ioc_device';

/** The credential a principal was recognised by, so a connected screen can be checked again later. */
export type Credential = { kind: 'session' | 'device'; token: string } | null;
export interface Identity {
  principal: Principal;
  credential: Credential;
  /** The sign-in session a person was recognised by (GET /api/v1/session answers with it). */
  session?: Session;
}

export interface GuardOptions {
  sessions: Sessions;
  devices: Devices;
  audit: AuditLog;
  /** Screens on the server's own machine may watch without credentials (the demo's default). */
  loopbackWatch: boolean;
  /** The server's own Chromium rendering a report: watch-only, reads only (render/render-pass.ts). */
  renderPasses?: { admits(req: IncomingMessage): boolean };
}

/**
 * The one place that decides who a request or a socket is, for every HTTP route and the Socket.IO
 * handshake alike: a sign-in session, then a paired display, then (if allowed) a screen on loopback.
 * It throws when the store cannot answer, so a store outage is never mistaken for "not allowed":
 * a wall told "unauthorized" would drop to its pairing screen, one told "unavailable" keeps retrying.
 */
export class Guard {
  constructor(private readonly opts: GuardOptions) {}

  async identify(req: IncomingMessage): Promise<Identity | null> {
    const cookies = req.headers.cookie;
    const session = cookieValue(cookies, SESSION_COOKIE);
    if (session) {
      const s = await this.opts.sessions.get(session);
      if (s)
        return {
          principal: { kind: 'user', login: s.login, name: s.name, role: s.role },
          credential: { kind: 'session', token: session },
          session: s,
        };
    }
    const device = cookieValue(cookies, DEVICE_COOKIE);
    if (device) {
      const d = await this.opts.devices.principal(device);
      if (d) return { principal: d, credential: { kind: 'device', token: device } };
    }
    if (this.opts.renderPasses?.admits(req)) return { principal: { kind: 'loopback' }, credential: null };
    if (this.opts.loopbackWatch && fromThisMachine(req))
      return { principal: { kind: 'loopback' }, credential: null };
    return null;
  }

  /** Whether the credential a screen connected with still holds (signed out, expired, revoked?). */
  async stillValid(identity: Identity): Promise<boolean> {
    const c = identity.credential;
    if (!c) return true;
    if (c.kind === 'session') return (await this.opts.sessions.get(c.token)) !== null;
    const p = identity.principal;
    return p.kind === 'device' && this.opts.devices.stillPaired(p.id, c.token);
  }

  /** Express: puts the request's identity (or null) in res.locals (principalOf, identityOf); 503 if the store fails. */
  identifyHttp(): RequestHandler {
    return (req, res, next) => {
      this.identify(req).then(
        (id) => {
          res.locals.identity = id;
          res.locals.principal = id?.principal ?? null;
          next();
        },
        (err: unknown) =>
          res.status(503).json({ error: `cannot check credentials now: ${(err as Error).message}` }),
      );
    };
  }

  /** Express: refuses with 401 (no credentials) or 403 (not enough role); refusals of steering are audited. */
  need(need: Need): RequestHandler {
    return (req, res, next) => {
      const p = principalOf(res);
      if (allows(p, need)) return next();
      if (!p)
        return void res.status(401).json({
          error: 'Cần đăng nhập hoặc thiết bị đã ghép nối',
          errorEn: 'Sign-in or a paired device needed',
        });
      // The full path: a router mounted at a prefix sees only the rest of it in req.path.
      const path = req.originalUrl.split('?')[0];
      void this.opts.audit.byRequest(req, {
        action: 'access.refused',
        target: `${req.method} ${path}`,
        detail: `needs ${need}`,
      });
      res.status(403).json({ error: `Cần quyền ${need}`, errorEn: `Needs the ${need} role` });
    };
  }

  /** The room of everything connected with one credential, to cut it off at once from any process. */
  static room(identity: Identity): string | null {
    const { principal: p, credential: c } = identity;
    if (p.kind === 'device') return deviceRoom(p.id);
    return c?.kind === 'session' ? sessionRoom(c.token) : null;
  }
}

/** The principal the guard put on a response (null when the request carries no credential). */
export const principalOf = (res: Response): Principal | null =>
  (res.locals.principal as Principal | null | undefined) ?? null;

/** The identity the guard put on a response: the principal, and the session it came from if any. */
export const identityOf = (res: Response): Identity | null =>
  (res.locals.identity as Identity | null | undefined) ?? null;

/**
 * A request made on this machine and not relayed: a reverse proxy on the same host also connects from
 * loopback, so anything carrying a forwarding header is treated as coming from elsewhere.
 */
function fromThisMachine(req: IncomingMessage): boolean {
  const h = req.headers;
  if (h['x-forwarded-for'] || h.forwarded || h['x-real-ip']) return false;
  const a = req.socket.remoteAddress ?? '';
  return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
}
