import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { viewerOf, type SessionResponse, type SignInResponse } from '../../shared/access';
import type { Clock } from '../clock';
import { ipOf, type AuditLog } from '../audit/audit-log';
import { rateLimit, retryAfterSeconds, type RateLimit } from '../http/rate-limit';
import { sessionRoom } from '../hub/rooms';
import { fieldProblems } from '../validation';
import { identityOf, SESSION_COOKIE } from './guard';
import { hashPassword, MAX_PASSWORD_LENGTH, verifyPassword } from './password';
import type { Store } from '../store/types';
import { LockOuts, type LockOutRule } from './lockouts';
import { SESSION_TTL_MS, type Sessions } from './sessions';
import type { SocketGuard } from './socket-guard';
import { cookieValue, credentialCookie } from './tokens';
import { publicUser, type Users } from './users';

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
const NOT_SIGNED_IN = { error: 'Chưa đăng nhập', errorEn: 'Not signed in' };
const TOO_MANY = {
  error: 'Quá nhiều lần đăng nhập, thử lại sau ít phút',
  errorEn: 'Too many sign-in attempts',
};

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
  signInLimit: RateLimit;
  /** Where the limits and lock-outs are counted (Redis: every process together). */
  store: Pick<Store, 'limiter'>;
  /** Failures per login and address that lock the pair (default LOCK_OUT; tests shorten the lock). */
  lockOut?: LockOutRule;
}

/**
 * At /api/v1/session, open to anyone (each route checks what it needs): POST {login, password} signs in
 * (a session cookie, httpOnly and SameSite=Strict); GET says who is there, person or screen; DELETE signs
 * out. Failures in a row lock that login from that address for a while (lockouts.ts); a real login
 * and an unknown one get the same answers, after the same work (scrypt against a decoy hash).
 */
export function sessionRouter(deps: SessionRouteDeps): Router {
  const router = express.Router();
  // A hash to check unknown logins against, so they take as long as real ones (made at first use).
  let decoy: Promise<string> | undefined;
  const lockOuts = new LockOuts(deps.store, deps.lockOut);
  const limit = rateLimit({
    ...deps.signInLimit,
    store: deps.store,
    key: (req) => ipOf(req) ?? 'unknown',
    refusal: () => TOO_MANY,
  });

  router.post('/', limit, express.json({ limit: '4kb' }), async (req, res) => {
    const parsed = signInBody.safeParse(req.body);
    if (!parsed.success)
      return void res.status(400).json({ error: 'invalid sign-in', errors: fieldProblems(parsed.error) });
    const { login, password } = parsed.data;
    const user = await deps.users.get(login);
    const now = deps.clock.now();
    // A failed attempt is nobody's: the login typed is named, not whoever the request otherwise is.
    const audited = { who: null, actorName: login, target: login };
    // Real and unknown logins take the same path, step for step: only the audit log tells them apart.
    const attempt = { login, address: ipOf(req) ?? 'unknown', unlocks: user?.unlocks ?? 0 };
    const lockedFor = await lockOuts.lockedFor(attempt);
    if (lockedFor !== null) {
      await deps.audit.byRequest(req, {
        ...audited,
        action: 'session.locked',
        detail: 'refused while locked',
      });
      return void locked(res, lockedFor);
    }
    const ok = await verifyPassword(
      password,
      user?.passwordHash ?? (await (decoy ??= hashPassword('decoy-password-never-used'))),
    );
    if (!user || !ok) {
      const lockMs = await lockOuts.failed(attempt);
      if (lockMs !== null && user) await deps.users.noteLocked(login, Date.now() + lockMs);
      await deps.audit.byRequest(req, {
        ...audited,
        action: lockMs !== null ? 'session.locked' : 'session.sign-in-failed',
        detail: `${user ? 'wrong password' : 'unknown login'}${lockMs !== null ? '; locked from this address' : ''}`,
      });
      if (lockMs !== null) return void locked(res, lockMs);
      return void res.status(401).json(WRONG);
    }
    await lockOuts.succeeded(attempt);
    const visible = publicUser(user);
    const token = await deps.sessions.open({ login, name: visible.name, role: visible.role, createdAt: now });
    setCookie(req, res, token, SESSION_TTL_MS);
    const who = { kind: 'user', login, name: visible.name, role: visible.role } as const;
    await deps.audit.byRequest(req, { action: 'session.signed-in', who, target: login });
    res.json({ user: visible } satisfies SignInResponse);
  });

  router.get('/', (_req, res) => {
    const identity = identityOf(res);
    if (!identity) return void res.status(401).json(NOT_SIGNED_IN);
    const s = identity.session;
    const body: SessionResponse = {
      viewer: viewerOf(identity.principal),
      user: s ? { login: s.login, name: s.name, role: s.role, createdAt: s.createdAt } : null,
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  router.delete('/', async (req, res) => {
    const token = sessionToken(req);
    const session = await deps.sessions.get(token);
    if (token) await deps.sessions.close(token);
    if (token && session) {
      // A wall opened with this session goes dark with it, now, on every process.
      deps.sockets.cutOff(sessionRoom(token));
      const who = { kind: 'user', login: session.login, name: session.name, role: session.role } as const;
      await deps.audit.byRequest(req, { action: 'session.signed-out', who, target: session.login });
    }
    setCookie(req, res, '', 0);
    res.status(204).end();
  });
  return router;
}

function locked(res: Response, remainingMs: number): void {
  const minutes = Math.ceil(remainingMs / 60_000);
  res
    .status(429)
    .set('Retry-After', String(retryAfterSeconds(remainingMs)))
    .json({
      error: `Tài khoản tạm khoá do đăng nhập sai nhiều lần; thử lại sau ${minutes} phút`,
      errorEn: `Locked after repeated failed sign-ins; try again in ${minutes} min`,
    });
}
