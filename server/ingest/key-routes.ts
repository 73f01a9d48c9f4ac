import express, { type Router } from 'express';
import { actorOf } from '../../shared/access';
import type { NewSourceKeyRequest } from '../../shared/admin';
import { ipOf, type AuditLog } from '../audit/audit-log';
import { principalOf, type Guard } from '../auth/guard';
import { sourceKeyProblems, type SourceKeys } from './source-keys';

/** Admins manage the ingest keys of source systems: GET/POST /api/v1/keys, DELETE /api/v1/keys/:id. */
export function keyRouter(deps: { keys: SourceKeys; guard: Guard; audit: AuditLog }): Router {
  const router = express.Router();
  const admin = deps.guard.need('admin');

  router.get('/api/v1/keys', admin, async (_req, res) => void res.json(await deps.keys.list()));

  router.post('/api/v1/keys', admin, express.json({ limit: '4kb' }), async (req, res) => {
    const errors = sourceKeyProblems(req.body);
    if (errors.length) return void res.status(400).json({ error: 'invalid source key', errors });
    const who = principalOf(res)!;
    const created = await deps.keys.create(req.body as NewSourceKeyRequest, actorOf(who));
    await deps.audit.record({
      action: 'key.created',
      who,
      target: `key:${created.key.id}`,
      ip: ipOf(req),
      detail: `${created.key.name} (${created.key.source}: ${created.key.types.join(', ')})`,
    });
    // The secret leaves the server here, once; it is not kept and cannot be shown again.
    res.status(201).set('Cache-Control', 'no-store').json(created);
  });

  router.delete('/api/v1/keys/:id', admin, async (req, res) => {
    const who = principalOf(res)!;
    const key = await deps.keys.revoke(String(req.params.id), actorOf(who));
    if (!key) return void res.status(404).json({ error: `no source key "${String(req.params.id)}"` });
    await deps.audit.record({
      action: 'key.revoked',
      who,
      target: `key:${key.id}`,
      ip: ipOf(req),
      detail: key.name,
    });
    res.json(key);
  });
  return router;
}
