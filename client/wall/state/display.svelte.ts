import { nameOf, type Principal } from '../../../shared/access';
import type { PairingStatus } from '../../../shared/admin';
import { REPORT_MS, type DisplayReport, type FleetCommand } from '../../../shared/fleet';
import type { SceneId } from '../../../shared/scenes';
import { getJson } from '../../lib/net/api';
import { connection, type WallSocket } from '../../lib/net/connection.svelte';
import { serverInfo } from './welcome.svelte';

/** How often the screen looks whether its scene moved: the operators' list follows within a second. */
export const CHECK_MS = 1_000;

/** The screen's name and place shown big, until `until` (this device's clock, epoch ms). */
export interface Identifying {
  name: string;
  place: string;
  until: number;
}

/** Where the wall's scene and meeting come from (the lead wires the rotation and the meeting here). */
interface DisplaySources {
  scene?: () => SceneId | null;
  meetingId?: () => string | null;
}

interface DisplayDeps {
  kind: DisplayReport['kind'];
  version: () => string | null;
  principal: () => Principal | null;
  viewport: () => Pick<DisplayReport, 'width' | 'height' | 'dpr'>;
  reload: () => void;
  /** The device's name and place as paired, or null: its place is in no principal. */
  pairedAs: () => Promise<{ name: string; place: string } | null>;
  now?: () => number;
}

type ReportSocket = Pick<WallSocket, 'on' | 'emit' | 'connected'>;

/**
 * This screen in the operators' fleet (shared/fleet.ts): it reports what it is and shows on every
 * connect, every REPORT_MS and whenever its scene or meeting changes, and obeys the operators' commands.
 */
export class DisplayState {
  #socket: ReportSocket;
  #deps: DisplayDeps;
  #now: () => number;
  #scene: () => SceneId | null = () => null;
  #meetingId: () => string | null = () => null;
  #sceneOverride = $state<SceneId | null>(null);
  #identifying = $state.raw<Identifying | null>(null);
  #last: { at: number; scene: SceneId | null; meetingId: string | null } | null = null;
  #running = false;
  #identifyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(socket: ReportSocket, deps: DisplayDeps) {
    this.#socket = socket;
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    // The welcome comes on every (re)connect, and carries the version the report names.
    socket.on('server:welcome', () => this.#running && this.report());
    socket.on('display:command', (c) => this.#apply(c));
  }

  /** A scene an operator pinned this screen to; null to follow the schedule. */
  get sceneOverride(): SceneId | null {
    return this.#sceneOverride;
  }
  /** The name to show big while an operator looks for this screen; null otherwise. */
  get identifying(): Identifying | null {
    return this.#identifying;
  }

  /** Starts reporting, reading the scene and meeting from `sources`; returns the stop function. */
  start(sources: DisplaySources = {}): () => void {
    if (sources.scene) this.#scene = sources.scene;
    if (sources.meetingId) this.#meetingId = sources.meetingId;
    this.#running = true;
    this.report();
    const timer = setInterval(() => this.#check(), CHECK_MS);
    return () => {
      this.#running = false;
      clearInterval(timer);
      clearTimeout(this.#identifyTimer);
    };
  }

  /** Says what this screen is and shows now (dropped while disconnected: the next connect reports). */
  report(): void {
    if (!this.#socket.connected) return;
    const scene = this.#scene();
    const meetingId = this.#meetingId();
    this.#socket.emit('display:report', {
      kind: this.#deps.kind,
      ...this.#deps.viewport(),
      version: this.#deps.version() ?? '',
      scene,
      meetingId,
    });
    this.#last = { at: this.#now(), scene, meetingId };
  }

  #check(): void {
    const last = this.#last;
    if (!last || this.#now() - last.at >= REPORT_MS) return this.report();
    if (last.scene !== this.#scene() || last.meetingId !== this.#meetingId()) this.report();
  }

  #apply(c: FleetCommand): void {
    if (c.action === 'reload') return this.#deps.reload();
    if (c.action === 'scene') return void (this.#sceneOverride = c.scene);
    this.#identify(c.seconds);
  }

  /** Shows the name the screen knows at once; a device then fills in its place as paired. */
  #identify(seconds: number): void {
    const p = this.#deps.principal();
    const shown: Identifying = { name: nameOf(p), place: '', until: this.#now() + seconds * 1000 };
    this.#identifying = shown;
    clearTimeout(this.#identifyTimer);
    this.#identifyTimer = setTimeout(() => (this.#identifying = null), seconds * 1000);
    if (p?.kind !== 'device') return;
    this.#deps.pairedAs().then(
      (d) => {
        if (d && this.#identifying === shown) this.#identifying = { ...shown, ...d };
      },
      () => undefined, // The principal's name is already up; the place is a nicety.
    );
  }
}

/** The device's name and place from its pairing status (its own cookie answers). */
async function pairedAs(): Promise<{ name: string; place: string } | null> {
  const status = await getJson<PairingStatus>('/api/v1/pairing');
  return status.state === 'paired' ? { name: status.device.name, place: status.device.place } : null;
}

/** The wall's place in the fleet: a bridge point when it follows a meeting (`?meeting=`). */
export const display = new DisplayState(connection.socket, {
  kind: /[?&]meeting=/.test(globalThis.location?.search ?? '') ? 'bridge' : 'wall',
  version: () => serverInfo.version,
  principal: () => serverInfo.viewer?.principal ?? null,
  viewport: () => ({
    width: Math.round(globalThis.innerWidth ?? 0),
    height: Math.round(globalThis.innerHeight ?? 0),
    dpr: globalThis.devicePixelRatio || 1,
  }),
  reload: () => location.reload(),
  pairedAs,
});
