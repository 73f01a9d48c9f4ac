import express, { type Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../../shared/access';
import { ipOf, type AuditLog } from '../audit/audit-log';
import { principalOf, type Guard } from '../auth/guard';
import type { Meetings } from './meetings';

const newMeeting = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(160),
  startsAt: z.number().int().positive(),
  invited: z.array(z.string().max(32)).max(1_000).default([]),
});

/** POST /api/v1/meetings (operators create), GET /api/v1/meetings (leaders and up, to present). */
export function meetingRouter(deps: { meetings: Meetings; guard: Guard; audit: AuditLog }): Router {
  const router = express.Router();
  router.get('/api/v1/meetings', deps.guard.need('leader'), async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await deps.meetings.store.list());
  });
  router.post(
    '/api/v1/meetings',
    deps.guard.need('operator'),
    express.json({ limit: '64kb' }),
    async (req, res) => {
      const parsed = newMeeting.safeParse(req.body);
      if (!parsed.success)
        return void res.status(400).json({
          error: 'invalid meeting',
          errors: parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })),
        });
      const who = principalOf(res)!;
      const info = await deps.meetings.store.create({ ...parsed.data, createdBy: actorOf(who) });
      await deps.audit.record({
        action: 'meeting.created',
        who,
        target: `meeting:${info.id}`,
        ip: ipOf(req),
        detail: `${info.title} (${info.invited.length} invited)`,
      });
      res.status(201).json(info);
    },
  );
  return router;
}
