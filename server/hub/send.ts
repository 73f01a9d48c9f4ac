import type { ServerToClientEvents } from '../../shared/socket';
import type { IoServer } from './io';

/**
 * Where a broadcast goes: a room (rooms.ts) or a screen's id, or `ALL_SCREENS`; `here` reaches this
 * process's screens only (frames, alert lists and rosters are built by every process for its own),
 * `everywhere` goes through the adapter to every process (meeting changes, operators' commands).
 */
export type To = { here: string } | { everywhere: string };

/** Every screen (of this process with `here`). */
export const ALL_SCREENS = '*';

export type Send = <E extends keyof ServerToClientEvents>(
  event: E,
  to: To,
  ...args: Parameters<ServerToClientEvents[E]>
) => void;

/** The one way the server speaks to screens: typed by the contract, addressed by audience. */
export function sendThrough(io: IoServer): Send {
  return (event, to, ...args) => {
    const [base, room] = 'here' in to ? [io.local, to.here] : [io, to.everywhere];
    const target = room === ALL_SCREENS ? base : base.to(room);
    // The spread loses the tie between `event` and `args` that the signature above keeps for callers.
    (target.emit as (e: string, ...a: unknown[]) => boolean)(event, ...args);
  };
}
