import { iocEvent, type IocEvent } from '../../shared/events';
import { describeProblems, ruleProblems, type EventRules } from '../ingest/event-rules';
import { EVENTS_PER_ENTRY } from '../store/entry-pack';
import type { StreamEntry } from '../store/types';

/** Reasons kept in the dead-letter stream are cut to this length: a stray writer cannot fill Redis. */
const MAX_REASON_LENGTH = 500;

/** What one stream entry holds: its good events, and the rejects with the text each is parked as. */
export interface EntryVerdict {
  events: IocEvent[];
  rejects: { raw: string; reason: string }[];
}

/**
 * A stream entry may have been written by anyone who can XADD, so the aggregator holds it to the same
 * contract as the ingest API. An entry of one event is good or rejected whole; in an entry of several
 * (field `events`, entry-pack.ts) each event is judged alone, as the stream would judge them written
 * one by one, unless the entry itself cannot be read (not a JSON array, or too long): then all of it
 * is rejected.
 */
export function checkEntry(entry: StreamEntry, now: number, rules: EventRules): EntryVerdict {
  const whole = (reason: string): EntryVerdict => ({ events: [], rejects: [{ raw: entry.raw, reason }] });
  const field = entry.packed ? 'events' : 'event';
  if (!entry.raw) return whole(entry.packed ? 'field "events" is empty' : 'entry has no "event" field');
  let data: unknown;
  try {
    data = JSON.parse(entry.raw);
  } catch {
    return whole(`field "${field}" is not valid JSON`);
  }
  if (!entry.packed) {
    const r = checkEvent(data, now, rules);
    return 'event' in r ? { events: [r.event], rejects: [] } : whole(r.reason);
  }
  if (!Array.isArray(data) || data.length === 0) return whole('field "events" is not a JSON array of events');
  if (data.length > EVENTS_PER_ENTRY)
    return whole(`field "events" holds ${data.length} events; an entry holds at most ${EVENTS_PER_ENTRY}`);
  const verdict: EntryVerdict = { events: [], rejects: [] };
  data.forEach((item: unknown, i) => {
    const r = checkEvent(item, now, rules);
    if ('event' in r) verdict.events.push(r.event);
    else
      verdict.rejects.push({
        raw: JSON.stringify(item),
        reason: `events[${i}]: ${r.reason}`.slice(0, MAX_REASON_LENGTH),
      });
  });
  return verdict;
}

function checkEvent(data: unknown, now: number, rules: EventRules): { event: IocEvent } | { reason: string } {
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
