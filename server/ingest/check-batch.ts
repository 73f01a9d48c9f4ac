import type { ApiErrorBody } from '../../shared/admin';
import { validateEvents, type EventType, type FieldError, type IocEvent } from '../../shared/events';
import type { KeyGrant } from './api-keys';
import { ruleProblems, type EventRules } from './event-rules';

/** What a batch check needs of a key's grant (a worker thread gets it as plain data). */
export type BatchGrant = Pick<KeyGrant, 'source'> & { types: ReadonlySet<EventType> };

/** A batch fit to store, or the answer refusing it (nothing of it is stored). */
export type BatchVerdict =
  | { ok: true; events: IocEvent[] }
  | { ok: false; status: 400 | 403; body: ApiErrorBody & { errors?: FieldError[] } };

const INVALID = 'invalid events: nothing of this batch was stored';

/**
 * The whole check of one POSTed body, in the order a sender should fix things: the schema (every bad
 * field of every event, with its index), then what the key may send, then the rules of the province and
 * the clock. The ingest route runs it in-process, the ingest worker threads run it off the main thread:
 * one function, so both answer the same.
 */
export function checkBatch(body: unknown, grant: BatchGrant, rules: EventRules, now: number): BatchVerdict {
  const checked = validateEvents(body);
  if ('errors' in checked)
    return { ok: false, status: 400, body: { error: INVALID, errors: checked.errors } };

  const forbidden: FieldError[] = [];
  const broken: FieldError[] = [];
  checked.events.forEach((e, index) => {
    if (e.source !== grant.source) {
      forbidden.push({
        index,
        field: 'source',
        message: `this key sends for "${grant.source}", not "${e.source}"`,
      });
    } else if (!grant.types.has(e.type)) {
      forbidden.push({ index, field: 'type', message: `this key may not send "${e.type}"` });
    }
    for (const p of ruleProblems(e, rules, now)) broken.push({ index, ...p });
  });
  if (forbidden.length) {
    const error = 'event types not allowed for this key: nothing was stored';
    return { ok: false, status: 403, body: { error, errors: forbidden } };
  }
  if (broken.length) return { ok: false, status: 400, body: { error: INVALID, errors: broken } };
  return { ok: true, events: checked.events };
}
