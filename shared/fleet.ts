import type { SceneId } from './scenes';

/**
 * The display fleet: every screen reports itself; operators list them live and send commands.
 * Socket.IO: display:report (screens), fleet:list and fleet:command (operators), display:command
 * (to screens). Offline screens are the paired devices with no connected screen.
 */
export interface DisplayReport {
  /** "wall" | "bridge" | "tablet": what the page is. */
  kind: 'wall' | 'bridge' | 'tablet';
  /** Viewport in CSS pixels and device pixel ratio. */
  width: number;
  height: number;
  dpr: number;
  version: string;
  scene: SceneId | null;
  /** The meeting followed, if any. */
  meetingId: string | null;
}

export interface DisplayEntry extends DisplayReport {
  /** The socket id: one per connected screen. */
  socketId: string;
  /** Principal: "device:<id>", "user:<login>", "loopback". */
  actor: string;
  name: string;
  place: string;
  connectedAt: number;
  lastReport: number;
  online: boolean;
}

export type FleetCommand =
  | { action: 'reload' }
  | { action: 'scene'; scene: SceneId | null }
  /** Show its own name big for this long, to tell which screen is which. */
  | { action: 'identify'; seconds: number };

export interface FleetCommandRequest {
  /** A socket id from the list, or "device:<id>" for every screen of a device. */
  target: string;
  command: FleetCommand;
}

/** Screens report this often; one silent for longer than twice this is shown offline. */
export const REPORT_MS = 10_000;
