import express, { type Router } from 'express';
import { viewerOf } from '../../shared/access';
import type { NewUserRequest } from '../../shared/admin';
import { ipOf, type AuditLog } from '../audit/audit-log';
import { principalOf, type Guard } from './guard';
import { newUserProblems, type Users } from './users';

/** GET /api/v1/me for everyone; people managed by admins: GET/POST /api/v1/users. */
export function userRouter(deps: { users: Users; guard: Guard; audit: AuditLog }): Router {
  const router = express.Router();
  const admin = deps.guard.need('admin');

  router.get('/api/v1/me', deps.guard.need('watch'), (_req, res) => {
    res.set('Cache-Control', 'no-store').json(viewerOf(principalOf(res)!));
  });

  router.get('/api/v1/users', admin, async (_req, res) => void res.json(await deps.users.list()));

  router.post('/api/v1/users', admin, express.json({ limit: '4kb' }), async (req, res) => {
    const b = (req.body ?? {}) as Partial<Record<keyof NewUserRequest, unknown>>;
    const u = {
      login: typeof b.login === 'string' ? b.login : '',
      name: typeof b.name === 'string' ? b.name : '',
      role: typeof b.role === 'string' ? b.role : '',
      password: typeof b.password === 'string' ? b.password : '',
    };
    const problems = newUserProblems(u);
    if (problems.length)
      return void res.status(400).json({
        error: 'invalid user',
        errors: problems.map((p) => ({
          field: p.slice(0, p.indexOf(':')),
          message: p.slice(p.indexOf(':') + 2),
        })),
      });
    try {
      const created = await deps.users.add(u);
      await deps.audit.record({
        action: 'user.created',
        who: principalOf(res),
        target: created.login,
        ip: ipOf(req),
        detail: `${created.name} (${created.role})`,
      });
      res.status(201).json(created);
    } catch (err) {
      const message = (err as Error).message;
      if (!message.startsWith('login:')) throw err;
      res.status(409).json({ error: message, errors: [{ field: 'login', message: message.slice(7) }] });
    }
  });
  return router;
}
