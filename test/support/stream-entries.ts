import type { StreamEntry } from '../../server/store/types';

/** The events stream entries hold, in order: one an entry, or the array of a packed one (entry-pack.ts). */
export function eventsIn(entries: readonly StreamEntry[]): unknown[] {
  return entries.flatMap((e) =>
    e.packed ? (JSON.parse(e.raw) as unknown[]) : [JSON.parse(e.raw) as unknown],
  );
}
