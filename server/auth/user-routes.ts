import express, { type Router } from 'express';
import type { UserInfo } from '../../shared/admin';
import type { AuditLog } from '../audit/audit-log';
import { fieldProblems } from '../validation';
import type { Guard } from './guard';
import { publicUser, newUserRequest, type Users } from './users';

/** At /api/v1/users, admins list and add people, and unlock a sign-in locked out (shared/admin.ts). */
export function userRouter(deps: { users: Users; guard: Guard; audit: AuditLog }): Router {
  const router = express.Router();
  router.use(deps.guard.need('admin'));

  router.get('/', async (_req, res) => void res.json((await deps.users.list()) satisfies UserInfo[]));

  router.post('/', express.json({ limit: '4kb' }), async (req, res) => {
    const parsed = newUserRequest.safeParse(req.body ?? {});
    if (!parsed.success)
      return void res.status(400).json({ error: 'invalid user', errors: fieldProblems(parsed.error) });
    try {
      const created = await deps.users.add(parsed.data);
      await deps.audit.byRequest(req, {
        action: 'user.created',
        target: created.login,
        detail: `${created.name} (${created.role})`,
      });
      res.status(201).json(created satisfies UserInfo);
    } catch (err) {
      const message = (err as Error).message;
      if (!message.startsWith('login:')) throw err;
      res.status(409).json({ error: message, errors: [{ field: 'login', message: message.slice(7) }] });
    }
  });
  router.post('/:login/unlock', async (req, res) => {
    const unlocked = await deps.users.unlock(req.params.login ?? '');
    if (!unlocked)
      return void res.status(404).json({ error: 'Không có người dùng này', errorEn: 'No such user' });
    await deps.audit.byRequest(req, {
      action: 'user.unlocked',
      target: unlocked.login,
      detail: 'sign-in lock-outs ended, from every address',
    });
    res.json(publicUser(unlocked) satisfies UserInfo);
  });
  return router;
}
