import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock';
import { hashPassword, MAX_PASSWORD_LENGTH, verifyPassword } from './password';
import { SESSION_TTL_MS, type Sessions } from './sessions';
import { publicUser, type Users } from './users';
import { ipOf, type AuditLog } from '../audit/audit-log';
import type { TokenBuckets } from '../http/rate-limit';
import { SESSION_COOKIE, sessionRoom } from './guard';
import type { SocketGuard } from './socket-guard';
import { cookieValue, credentialCookie } from './tokens';

const signInBody = z.strictObject({
  login: z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters'),
  password: z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`),
});

/** The same words whether the login exists or not: the answer must not tell which logins are real. */
const WRONG = { error: 'Sai tên đăng nhập hoặc mật khẩu', errorEn: 'Wrong login or password' };

const sessionToken = (req: Request) => cookieValue(req.headers.cookie, SESSION_COOKIE);
const setCookie = (req: Request, res: Response, token: string, maxAgeMs: number) =>
  res.append('Set-Cookie', credentialCookie(SESSION_COOKIE, token, maxAgeMs, req.secure));

export interface SessionRouteDeps {
  users: Users;
  sessions: Sessions;
  clock: Clock;
  audit: AuditLog;
  sockets: SocketGuard;
  /** Sign-in attempts per address, whatever the login: guessing across many logins is slowed too. */
  signInLimit: TokenBuckets;
}

/**
 * POST /api/v1/session {login, password} signs in (a session cookie, httpOnly and SameSite=Strict);
 * GET /api/v1/session says who is signed in; DELETE /api/v1/session signs out. Failures in a row lock
 * the login for a while (Users.failedSignIn).
 */
export function sessionRouter(deps: SessionRouteDeps): Router {
  const router = express.Router();
  // A hash to check unknown logins against, so they take as long as real ones (made at first use).
  let decoy: Promise<string> | undefined;

  router.post('/api/v1/session', express.json({ limit: '4kb' }), async (req, res) => {
    const allowed = deps.signInLimit.take(ipOf(req) ?? 'unknown');
    if (!allowed.ok) return void limited(res, allowed.retryAfterMs);
    const parsed = signInBody.safeParse(req.body);
    if (!parsed.success) {
      return void res.status(400).json({
        error: 'invalid sign-in',
        errors: parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })),
      });
    }
    const { login, password } = parsed.data;
    const user = await deps.users.get(login);
    const now = deps.clock.now();
    const attempt = { who: null, actorName: login, target: login, ip: ipOf(req) };
    if (user?.lockedUntil !== undefined && user.lockedUntil > now) {
      await deps.audit.record({ ...attempt, action: 'session.locked', detail: 'refused while locked' });
      return void locked(res, user.lockedUntil - now);
    }
    const ok = await verifyPassword(
      password,
      user?.passwordHash ?? (await (decoy ??= hashPassword('decoy-password-never-used'))),
    );
    if (!user || !ok) {
      const lockedUntil = user ? await deps.users.failedSignIn(login) : null;
      await deps.audit.record({
        ...attempt,
        action: lockedUntil !== null ? 'session.locked' : 'session.sign-in-failed',
        detail: user ? 'wrong password' : 'unknown login',
      });
      if (lockedUntil !== null) return void locked(res, lockedUntil - now);
      return void res.status(401).json(WRONG);
    }
    await deps.users.signedIn(login);
    const visible = publicUser(user);
    const token = await deps.sessions.open({ login, name: visible.name, role: visible.role, createdAt: now });
    setCookie(req, res, token, SESSION_TTL_MS);
    await deps.audit.record({
      action: 'session.signed-in',
      who: { kind: 'user', login, name: visible.name, role: visible.role },
      target: login,
      ip: ipOf(req),
    });
    res.json({ user: visible });
  });

  router.get('/api/v1/session', async (req, res) => {
    const session = await deps.sessions.get(sessionToken(req));
    if (!session) return void res.status(401).json({ error: 'Chưa đăng nhập', errorEn: 'Not signed in' });
    res.json({ user: session });
  });

  router.delete('/api/v1/session', async (req, res) => {
    const token = sessionToken(req);
    const session = await deps.sessions.get(token);
    if (token) await deps.sessions.close(token);
    if (token && session) {
      // A wall opened with this session goes dark with it, now, on every process.
      deps.sockets.cutOff(sessionRoom(token));
      await deps.audit.record({
        action: 'session.signed-out',
        who: { kind: 'user', login: session.login, name: session.name, role: session.role },
        target: session.login,
        ip: ipOf(req),
      });
    }
    setCookie(req, res, '', 0);
    res.status(204).end();
  });
  return router;
}

function limited(res: Response, retryAfterMs: number): void {
  res
    .status(429)
    .set('Retry-After', String(Math.ceil(retryAfterMs / 1000)))
    .json({ error: 'Quá nhiều lần đăng nhập, thử lại sau ít phút', errorEn: 'Too many sign-in attempts' });
}

function locked(res: Response, remainingMs: number): void {
  const minutes = Math.ceil(remainingMs / 60_000);
  res
    .status(429)
    .set('Retry-After', String(Math.ceil(remainingMs / 1000)))
    .json({
      error: `Tài khoản tạm khoá do đăng nhập sai nhiều lần; thử lại sau ${minutes} phút`,
      errorEn: `Locked after repeated failed sign-ins; try again in ${minutes} min`,
    });
}
