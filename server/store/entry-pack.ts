/**
 * How events are laid into stream entries. A batch goes in entries of up to EVENTS_PER_ENTRY events
 * each: one event as field `event` (what a system writing XADD itself sends, see the README), several as
 * field `events`, one JSON array. Redis's work for a stream entry (append, delivery to the group, the
 * pending list, the acknowledgement) is paid once per entry, so packing is what lets one Redis take a
 * POSTed batch of 1,000 events in 10 entries instead of 1,000.
 */

/** Events the product writes into one entry; also the most the aggregator accepts from one entry. */
export const EVENTS_PER_ENTRY = 100;

/** One entry to write: its field (`event` or `events`) and the value. */
export interface PackedEntry {
  field: 'event' | 'events';
  value: string;
}

/** The events' JSON texts (each one event, as sent or serialised), in entries of at most EVENTS_PER_ENTRY. */
export function packEvents(raws: readonly string[]): PackedEntry[] {
  const entries: PackedEntry[] = [];
  for (let from = 0; from < raws.length; from += EVENTS_PER_ENTRY) {
    const chunk = raws.slice(from, from + EVENTS_PER_ENTRY);
    entries.push(
      chunk.length === 1
        ? { field: 'event', value: chunk[0]! }
        : { field: 'events', value: `[${chunk.join(',')}]` },
    );
  }
  return entries;
}

/** Per event, the id of the entry it went into (an entry's id repeats for every event it holds). */
export function idsPerEvent(entryIds: readonly string[], eventCount: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < eventCount; i++) out.push(entryIds[Math.floor(i / EVENTS_PER_ENTRY)]!);
  return out;
}
