import { z } from 'zod';
import { AGENCY_ID_RE, COMMUNE_RE } from './scope';

/**
 * The ingest contract (KPIS.md "Events the wall is fed with"). Every source system, the simulator and
 * direct XADD writers are held to these schemas. Objects are strict: an unknown field is a typo until
 * proven otherwise, and a typo must not silently drop a fact.
 */

import { CHANNELS, PROGRAMMES, SOURCES, type Source } from './vocabulary';

export { CHANNELS, PROGRAMMES, SOURCES };
export type { Channel, Programme, Source } from './vocabulary';

/** Money never exceeds this per event; sums of a year stay far inside Number.MAX_SAFE_INTEGER. */
const MAX_VND = 10_000_000_000_000;

const isoInstant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset' });
const id = z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters');
const communeCode = z.string().regex(COMMUNE_RE, 'must be a 5-digit commune code');
const agencyId = z.string().regex(AGENCY_ID_RE, 'must be an agency id (letters, digits, . _ -)');
const integerVnd = (min: number) => z.number().int('must be an integer number of VND').min(min).max(MAX_VND);

const common = { id, at: isoInstant };
const located = { commune: communeCode, agency: agencyId };
const dossierRef = { dossierId: id, commune: communeCode.optional(), agency: agencyId.optional() };

const dossierReceived = z.strictObject({
  ...common,
  type: z.literal('dossier.received'),
  source: z.literal('one_stop'),
  ...located,
  dossierId: id,
  procedure: z.string().min(1).max(200),
  channel: z.enum(CHANNELS),
  onlineLevel: z.enum(['full', 'partial', 'none']),
  dueAt: isoInstant,
  synced: z.boolean(),
  feeVnd: integerVnd(0),
});
const dossierResolved = z.strictObject({
  ...common,
  type: z.literal('dossier.resolved'),
  source: z.literal('one_stop'),
  ...dossierRef,
  finishedAt: isoInstant,
});
const dossierResultIssued = z.strictObject({
  ...common,
  type: z.literal('dossier.resultIssued'),
  source: z.literal('one_stop'),
  ...dossierRef,
  electronic: z.boolean(),
});
const dossierDigitised = z.strictObject({
  ...common,
  type: z.literal('dossier.digitised'),
  source: z.literal('one_stop'),
  ...dossierRef,
  reused: z.boolean(),
});
const feedbackRated = z.strictObject({
  ...common,
  type: z.literal('feedback.rated'),
  source: z.literal('one_stop'),
  ...dossierRef,
  liked: z.boolean(),
});
const paymentCompleted = z.strictObject({
  ...common,
  type: z.literal('payment.completed'),
  source: z.literal('payments'),
  ...located,
  paymentId: id,
  dossierId: id,
  amountVnd: integerVnd(1),
  route: z.enum(['national_portal', 'provincial_gateway']),
});
const taskAssigned = z.strictObject({
  ...common,
  type: z.literal('task.assigned'),
  source: z.literal('tasks'),
  taskId: id,
  programme: z.enum(PROGRAMMES),
  level: z.enum(['central', 'province']),
  agency: agencyId,
  title: z.string().min(1).max(500),
  deadline: isoInstant.nullable(),
});
const taskUpdated = z
  .strictObject({
    ...common,
    type: z.literal('task.updated'),
    source: z.literal('tasks'),
    taskId: id,
    agency: agencyId.optional(),
    deadline: isoInstant.nullable().optional(),
    title: z.string().min(1).max(500).optional(),
  })
  .refine((e) => e.agency !== undefined || e.deadline !== undefined || e.title !== undefined, {
    message: 'task.updated must change at least one of agency, deadline, title',
    path: ['agency'],
  });
const taskCompleted = z.strictObject({
  ...common,
  type: z.literal('task.completed'),
  source: z.literal('tasks'),
  taskId: id,
  /** The task's lead agency, as the tracker knows it; the task's own facts decide where it counts. */
  agency: agencyId.optional(),
  completedAt: isoInstant,
});
const sourceHeartbeat = z.strictObject({
  ...common,
  type: z.literal('source.heartbeat'),
  source: z.enum(SOURCES),
});

export const iocEvent = z.discriminatedUnion('type', [
  dossierReceived,
  dossierResolved,
  dossierResultIssued,
  dossierDigitised,
  feedbackRated,
  paymentCompleted,
  taskAssigned,
  taskUpdated,
  taskCompleted,
  sourceHeartbeat,
]);

export type IocEvent = z.infer<typeof iocEvent>;
export type EventType = IocEvent['type'];
export type EventOf<T extends EventType> = Extract<IocEvent, { type: T }>;
export type DossierEvent = EventOf<
  'dossier.received' | 'dossier.resolved' | 'dossier.resultIssued' | 'dossier.digitised' | 'feedback.rated'
>;
export type TaskEvent = EventOf<'task.assigned' | 'task.updated' | 'task.completed'>;

/** Which event types each source may send; an API key of that source is limited to these. */
export const TYPES_BY_SOURCE: Record<Source, readonly EventType[]> = {
  one_stop: [
    'dossier.received',
    'dossier.resolved',
    'dossier.resultIssued',
    'dossier.digitised',
    'feedback.rated',
    'source.heartbeat',
  ],
  payments: ['payment.completed', 'source.heartbeat'],
  tasks: ['task.assigned', 'task.updated', 'task.completed', 'source.heartbeat'],
};

/** The most events one POST may carry. */
export const MAX_BATCH = 1000;

/** One problem with one event of a batch, as answered by the ingest API. */
export interface FieldError {
  index: number;
  field: string;
  message: string;
}

/** POST /api/v1/events, 202: the batch was stored whole (repeated ids are counted once later). */
export interface IngestAccepted {
  accepted: number;
}

/** Validates one event or a batch: all good, or every problem found (nothing is half-accepted). */
export function validateEvents(body: unknown): { events: IocEvent[] } | { errors: FieldError[] } {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0) return { errors: [{ index: 0, field: '', message: 'the batch is empty' }] };
  if (items.length > MAX_BATCH) {
    return {
      errors: [{ index: MAX_BATCH, field: '', message: `a batch holds at most ${MAX_BATCH} events` }],
    };
  }
  const events: IocEvent[] = [];
  const errors: FieldError[] = [];
  items.forEach((item, index) => {
    const r = iocEvent.safeParse(item);
    if (r.success) events.push(r.data);
    else
      for (const issue of r.error.issues) {
        // An unknown key has no path of its own: name the key itself so the sender sees the typo.
        const field = issue.code === 'unrecognized_keys' ? issue.keys.join(',') : issue.path.join('.');
        errors.push({ index, field, message: issue.message });
      }
  });
  return errors.length ? { errors } : { events };
}
