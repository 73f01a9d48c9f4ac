import type { IocEvent } from '../../shared/events';
import { DAY_MS, VN_OFFSET_MS } from '../../shared/time';
import { dayKeyOf, dayNumberOf } from './calendar';
import type { World } from './world';

/**
 * How simulated facts are written on the wire: instants in Vietnamese local time with their offset, and
 * event ids derived from what the event is about (province, plan day, kind, sequence), never from when
 * it was sent, so a replay after a restart repeats the ids and the server counts each event once.
 */

/** An event with its time as a number, so merging and sorting never parse dates. */
export interface TimedEvent {
  t: number;
  event: IocEvent;
}

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
/** "YYYY-MM-DDT" by day number (at most 1,024 kept): the backfill writes about a million instants. */
const dayPrefixes = new Map<number, string>();

/**
 * "2026-11-23T08:15:00+07:00" (whole seconds; the simulator draws no finer times). The same text as
 * `new Date(t + VN_OFFSET_MS).toISOString().slice(0, 19) + "+07:00"`, without a Date and its ISO text
 * per instant (the past writes hundreds of thousands of them).
 */
export function isoVn(t: number): string {
  const local = t + VN_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = `${new Date(day * DAY_MS).toISOString().slice(0, 10)}T`;
    if (dayPrefixes.size >= 1024) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  const second = Math.floor((local - day * DAY_MS) / 1000);
  const hour = Math.floor(second / 3600);
  const minute = Math.floor(second / 60) % 60;
  return `${prefix}${two(hour)}:${two(minute)}:${two(second % 60)}+07:00`;
}

/** "20261123" for a day number. */
export const compactDay = (day: number): string => dayKeyOf(day).replaceAll('-', '');

/** e.g. "sim-01-20261123-r-000123": province, plan day, kind, sequence within that day's plan. */
export function eventId(world: World, compactPlanDay: string, kind: string, seq: number): string {
  return `${world.idPrefix}-${compactPlanDay}-${kind}-${String(seq).padStart(6, '0')}`;
}

/** Heartbeat ids carry the 30-second slot of the day they close, e.g. "sim-01-20261123-hb-payments-001234". */
export function heartbeatId(world: World, slotEnd: number, source: string, slotMs: number): string {
  const day = dayNumberOf(slotEnd - 1);
  const slotOfDay = Math.round((slotEnd - (day * 86_400_000 - VN_OFFSET_MS)) / slotMs);
  return eventId(world, compactDay(day), `hb-${source}`, slotOfDay);
}
