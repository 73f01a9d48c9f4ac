import type { Roster, RosterEntry } from '../../shared/meeting';
import { VN_OFFSET_MS } from '../../shared/time';

/**
 * A roster entry as the presenter reads it. `actor` ("user:login") names the person behind a screen:
 * only a person (a leader or an operator) can be handed the seat.
 */
export type RosterPoint = RosterEntry;

/**
 * Who the seat can be handed to: the people at a console of the meeting, then the connected people in
 * the roster, other than the presenter.
 */
export function handOverCandidates(
  points: readonly RosterPoint[],
  me: string,
  consoles: readonly { actor: string; name: string }[] = [],
): { actor: string; name: string }[] {
  const seen = new Set<string>();
  const out: { actor: string; name: string }[] = [];
  for (const c of consoles) {
    if (c.actor === me || seen.has(c.actor) || !c.actor.startsWith('user:')) continue;
    seen.add(c.actor);
    out.push(c);
  }
  for (const p of points) {
    if (p.dropped || !p.actor?.startsWith('user:') || p.actor === me || seen.has(p.actor)) continue;
    seen.add(p.actor);
    out.push({ actor: p.actor, name: p.name });
  }
  return out;
}

export interface RosterSummary {
  online: number;
  dropped: number;
  /** Delegates at the connected points. */
  delegates: number;
  /** Connected points that have applied `seq` (or a later one). */
  applied: number;
  /** Connected points that hold the data of `seq` (fetched ahead of its instant) or have applied it. */
  ready: number;
}

/** What the presenter reads at a glance over the roster table. */
export function summarise(roster: Roster | null, seq: number): RosterSummary {
  const points = roster?.points ?? [];
  const online = points.filter((p) => !p.dropped);
  return {
    online: online.length,
    dropped: points.length - online.length,
    delegates: online.reduce((n, p) => n + p.delegates, 0),
    applied: online.filter((p) => p.appliedSeq >= seq).length,
    ready: online.filter((p) => Math.max(p.appliedSeq, p.readySeq ?? 0) >= seq).length,
  };
}

/**
 * Real seconds since a point's last heartbeat. The roster dates it on the server's clock, which an
 * accelerated demo runs `speed` times faster than real time.
 */
export const heartbeatAgeS = (entry: Pick<RosterEntry, 'lastSeen'>, serverTime: number, speed = 1): number =>
  Math.max(0, Math.floor((serverTime - entry.lastSeen) / (speed > 0 ? speed : 1) / 1_000));

/** An instant as a datetime-local value in the province's time (UTC+7, no daylight saving). */
export function toLocalInput(t: number): string {
  return new Date(t + VN_OFFSET_MS).toISOString().slice(0, 16);
}
/** A datetime-local value ("2025-11-12T14:00") read in the province's time; null when it is not one. */
export function fromLocalInput(s: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s)) return null;
  const t = Date.parse(`${s}:00Z`);
  return Number.isNaN(t) ? null : t - VN_OFFSET_MS;
}
