import express, { type Router } from 'express';
import { actorOf } from '../../shared/access';
import type { NewSourceKey, SourceKeyInfo } from '../../shared/admin';
import type { AuditLog } from '../audit/audit-log';
import { principalOf, type Guard } from '../auth/guard';
import { fieldProblems } from '../validation';
import { newSourceKeyRequest, type SourceKeys } from './source-keys';

/** At /api/v1/keys, admins manage the ingest keys of source systems: GET, POST, DELETE /:id. */
export function keyRouter(deps: { keys: SourceKeys; guard: Guard; audit: AuditLog }): Router {
  const router = express.Router();
  router.use(deps.guard.need('admin'));

  router.get('/', async (_req, res) => void res.json((await deps.keys.list()) satisfies SourceKeyInfo[]));

  router.post('/', express.json({ limit: '4kb' }), async (req, res) => {
    const parsed = newSourceKeyRequest.safeParse(req.body ?? {});
    if (!parsed.success)
      return void res.status(400).json({ error: 'invalid source key', errors: fieldProblems(parsed.error) });
    const created = await deps.keys.create(parsed.data, actorOf(principalOf(res)));
    await deps.audit.byRequest(req, {
      action: 'key.created',
      target: `key:${created.key.id}`,
      detail: `${created.key.name} (${created.key.source}: ${created.key.types.join(', ')})`,
    });
    // The secret leaves the server here, once; it is not kept and cannot be shown again.
    res
      .status(201)
      .set('Cache-Control', 'no-store')
      .json(created satisfies NewSourceKey);
  });

  router.delete('/:id', async (req, res) => {
    const key = await deps.keys.revoke(String(req.params.id), actorOf(principalOf(res)));
    if (!key) return void res.status(404).json({ error: `no source key "${String(req.params.id)}"` });
    await deps.audit.byRequest(req, { action: 'key.revoked', target: `key:${key.id}`, detail: key.name });
    res.json(key satisfies SourceKeyInfo);
  });
  return router;
}
