import express, { type Router } from 'express';
import type { Guard } from '../auth/guard';
import type { AuditLog } from './audit-log';

const STREAM_ID_RE = /^\d{1,16}-\d{1,10}$/;

/** GET /api/v1/audit?before=<id>: the audit log for admins, newest first, a page at a time. */
export function auditRouter(deps: { audit: AuditLog; guard: Guard }): Router {
  const router = express.Router();
  router.get('/api/v1/audit', deps.guard.need('admin'), async (req, res) => {
    const before = req.query.before;
    if (before !== undefined && (typeof before !== 'string' || !STREAM_ID_RE.test(before)))
      return void res.status(400).json({ error: `before: must be an entry id like 1732345678901-0` });
    res.set('Cache-Control', 'no-store').json(await deps.audit.page(before));
  });
  return router;
}
