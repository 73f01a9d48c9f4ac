import express, { type Router } from 'express';
import { z } from 'zod';
import type { AuditPage } from '../../shared/admin';
import type { Guard } from '../auth/guard';
import { problemOf } from '../validation';
import type { AuditLog } from './audit-log';

const ENTRY_ID = 'must be an entry id like 1732345678901-0';
const pageQuery = z.object({
  before: z
    .string({ error: ENTRY_ID })
    .regex(/^\d{1,16}-\d{1,10}$/, ENTRY_ID)
    .optional(),
});

/** At /api/v1/audit?before=<id>: the audit log for admins, newest first, a page at a time. */
export function auditRouter(deps: { audit: AuditLog; guard: Guard }): Router {
  const router = express.Router();
  router.get('/', deps.guard.need('admin'), async (req, res) => {
    const query = pageQuery.safeParse(req.query);
    if (!query.success) return void res.status(400).json({ error: problemOf(query.error) });
    res.set('Cache-Control', 'no-store').json((await deps.audit.page(query.data.before)) satisfies AuditPage);
  });
  return router;
}
