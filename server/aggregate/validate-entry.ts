import { iocEvent, type IocEvent } from '../../shared/events';
import { describeProblems, ruleProblems, type EventRules } from '../ingest/event-rules';
import type { StreamEntry } from '../store/types';

/** Reasons kept in the dead-letter stream are cut to this length: a stray writer cannot fill Redis. */
const MAX_REASON_LENGTH = 500;

/**
 * A stream entry may have been written by anyone who can XADD, so the aggregator holds it to the same
 * contract as the ingest API. Returns the event, or the reason it was rejected.
 */
export function validateEntry(
  entry: StreamEntry,
  now: number,
  rules: EventRules,
): { event: IocEvent } | { reason: string } {
  if (!entry.raw) return { reason: 'entry has no "event" field' };
  let data: unknown;
  try {
    data = JSON.parse(entry.raw);
  } catch {
    return { reason: 'field "event" is not valid JSON' };
  }
  const r = iocEvent.safeParse(data);
  if (!r.success) {
    const reason = r.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ');
    return { reason: reason.slice(0, MAX_REASON_LENGTH) };
  }
  const problems = ruleProblems(r.data, rules, now);
  return problems.length
    ? { reason: describeProblems(problems).slice(0, MAX_REASON_LENGTH) }
    : { event: r.data };
}
