import type { Source } from '../../shared/events';
import { SOURCES } from '../../shared/events';
import type { TimedEvent } from './wire';
import { heartbeatId, isoVn } from './wire';
import type { World } from './world';

/**
 * A source says it is alive when it has nothing to say: at the end of each 30-second slot of simulated
 * time (aligned to the epoch, hence to Vietnamese midnight) a source that sent nothing else in that slot
 * sends a source.heartbeat. Derived from the plans alone, so its id repeats on a replay too.
 */
export const HEARTBEAT_SLOT_MS = 30_000;

function firstAfter(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] ?? Infinity) > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Heartbeats for the slots that end in (from, to]. `recent` must hold every event with `at` in
 * (from - HEARTBEAT_SLOT_MS, to], in order of `at`.
 */
export function heartbeatsBetween(
  world: World,
  recent: readonly TimedEvent[],
  from: number,
  to: number,
): TimedEvent[] {
  const timesBySource = new Map<Source, number[]>(SOURCES.map((s) => [s, []]));
  for (const { t, event } of recent) {
    if (event.type !== 'source.heartbeat') timesBySource.get(event.source)?.push(t);
  }
  const beats: TimedEvent[] = [];
  const firstSlotEnd = (Math.floor(from / HEARTBEAT_SLOT_MS) + 1) * HEARTBEAT_SLOT_MS;
  for (let slotEnd = firstSlotEnd; slotEnd <= to; slotEnd += HEARTBEAT_SLOT_MS) {
    for (const source of SOURCES) {
      const times = timesBySource.get(source) ?? [];
      const next = times[firstAfter(times, slotEnd - HEARTBEAT_SLOT_MS)];
      if (next !== undefined && next <= slotEnd) continue;
      beats.push({
        t: slotEnd,
        event: {
          id: heartbeatId(world, slotEnd, source, HEARTBEAT_SLOT_MS),
          type: 'source.heartbeat',
          source,
          at: isoVn(slotEnd),
        },
      });
    }
  }
  return beats;
}
