import { iocEvent, type IocEvent } from '../../shared/events';
import type { StreamEntry } from '../store/types';

/** How far ahead of the server clock an event's `at` may be (source clocks drift a little). */
export const FUTURE_TOLERANCE_MS = 2 * 60_000;

/**
 * A stream entry may have been written by anyone who can XADD, so the aggregator holds it to the same
 * contract as the ingest API. Returns the event, or the reason it was rejected.
 */
export function validateEntry(entry: StreamEntry, now: number): { event: IocEvent } | { reason: string } {
  if (!entry.raw) return { reason: 'entry has no "event" field' };
  let data: unknown;
  try {
    data = JSON.parse(entry.raw);
  } catch {
    return { reason: 'field "event" is not valid JSON' };
  }
  const r = iocEvent.safeParse(data);
  if (!r.success) {
    return { reason: r.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ') };
  }
  const future = futureProblem(r.data, now);
  return future ? { reason: future } : { event: r.data };
}

/** An event from the future would make a source look alive forever: name it as an error. */
export function futureProblem(e: IocEvent, now: number): string | null {
  return Date.parse(e.at) > now + FUTURE_TOLERANCE_MS
    ? `at: ${e.at} is in the future (server time ${new Date(now).toISOString()})`
    : null;
}
