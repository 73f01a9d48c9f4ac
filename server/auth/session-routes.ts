import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock';
import { hashPassword, MAX_PASSWORD_LENGTH, verifyPassword } from './password';
import { SESSION_TTL_MS, type Sessions } from './sessions';
import { publicUser, type Users } from './users';

export const SESSION_COOKIE = 'ioc_session';

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

/** The session token from the request's cookies, if any. */
export function sessionToken(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

function setCookie(req: Request, res: Response, token: string, maxAgeMs: number): void {
  const attributes = [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.floor(maxAgeMs / 1000)}`,
  ];
  // Secure only behind HTTPS: a control room on plain http on its own network must still sign in.
  if (req.secure) attributes.push('Secure');
  res.append('Set-Cookie', attributes.join('; '));
}

/**
 * POST /api/v1/session {login, password} signs in (a session cookie, httpOnly and SameSite=Strict);
 * GET /api/v1/session says who is signed in; DELETE /api/v1/session signs out. Failures in a row lock
 * the login for a while (Users.failedSignIn).
 */
export function sessionRouter(deps: { users: Users; sessions: Sessions; clock: Clock }): Router {
  const router = express.Router();
  // A hash to check unknown logins against, so they take as long as real ones (made at first use).
  let decoy: Promise<string> | undefined;

  router.post('/api/v1/session', express.json({ limit: '4kb' }), async (req, res) => {
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
    if (user?.lockedUntil !== undefined && user.lockedUntil > now)
      return void locked(res, user.lockedUntil - now);
    const ok = await verifyPassword(
      password,
      user?.passwordHash ?? (await (decoy ??= hashPassword('decoy-password-never-used'))),
    );
    if (!user || !ok) {
      const lockedUntil = user ? await deps.users.failedSignIn(login) : null;
      if (lockedUntil !== null) return void locked(res, lockedUntil - now);
      return void res.status(401).json(WRONG);
    }
    await deps.users.signedIn(login);
    const visible = publicUser(user);
    const token = await deps.sessions.open({ login, name: visible.name, role: visible.role, createdAt: now });
    setCookie(req, res, token, SESSION_TTL_MS);
    res.json({ user: visible });
  });

  router.get('/api/v1/session', async (req, res) => {
    const session = await deps.sessions.get(sessionToken(req));
    if (!session) return void res.status(401).json({ error: 'Chưa đăng nhập', errorEn: 'Not signed in' });
    res.json({ user: session });
  });

  router.delete('/api/v1/session', async (req, res) => {
    const token = sessionToken(req);
    if (token) await deps.sessions.close(token);
    setCookie(req, res, '', 0);
    res.status(204).end();
  });
  return router;
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
