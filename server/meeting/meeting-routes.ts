import express, { type Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../../shared/access';
import type { MeetingInfo } from '../../shared/meeting';
import type { AuditLog } from '../audit/audit-log';
import { principalOf, type Guard } from '../auth/guard';
import { fieldProblems } from '../validation';
import type { Meetings } from './meetings';

const newMeeting = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(160),
  chair: z.string().trim().min(1, 'must not be empty').max(160),
  startsAt: z.number().int().positive(),
  invited: z.array(z.string().max(32)).max(1_000).default([]),
});

/** At /api/v1/meetings: GET (leaders and up, to present), POST (operators create). */
export function meetingRouter(deps: { meetings: Meetings; guard: Guard; audit: AuditLog }): Router {
  const router = express.Router();
  router.get('/', deps.guard.need('leader'), async (_req, res) => {
    res.set('Cache-Control', 'no-store').json((await deps.meetings.store.list()) satisfies MeetingInfo[]);
  });
  router.post('/', deps.guard.need('operator'), express.json({ limit: '64kb' }), async (req, res) => {
    const parsed = newMeeting.safeParse(req.body);
    if (!parsed.success)
      return void res.status(400).json({ error: 'invalid meeting', errors: fieldProblems(parsed.error) });
    const createdBy = actorOf(principalOf(res));
    const info = await deps.meetings.store.create({ ...parsed.data, createdBy });
    await deps.audit.byRequest(req, {
      action: 'meeting.created',
      target: `meeting:${info.id}`,
      detail: `${info.title} (${info.invited.length} invited)`,
    });
    res.status(201).json(info satisfies MeetingInfo);
  });
  return router;
}
