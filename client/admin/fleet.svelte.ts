import { io, type Socket } from 'socket.io-client';
import { SvelteSet } from 'svelte/reactivity';
import type { DisplayEntry, FleetCommand } from '../../shared/fleet';
import { UNAUTHORIZED, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/socket';
import { serverMs, type DeviceMs } from '../../shared/brand';
import { hasEnded, type MeetingInfo } from '../../shared/meeting';
import { getJson } from '../lib/net/api';
import { deviceNow, type ServerClock } from '../lib/net/server-clock';
import { rowKey, targetOf } from './fleet-view';
import { t } from '../lib/i18n';

/** The console's socket, typed by the shared contract. */
export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How often the list is read again while the tab is open. */
export const REFRESH_MS = 2_500;
/** Ages move on screen this often between two reads. */
const TICK_MS = 1_000;
/** An answer slower than this counts as lost; the next refresh asks again. */
const ANSWER_MS = 5_000;

/** Same origin, WebSocket only, like the wall; opened only while the tab is shown. */
const consoleSocket = (): ConsoleSocket => io({ transports: ['websocket'], autoConnect: false });

/** What the last command answered, shown in its row. */
export interface CommandResult {
  key: string;
  ok: boolean;
  text: string;
}

/** A server's refusal in the console's words where it is one operators meet. */
const why = (error: string) => (error.startsWith('target: no connected screen') ? t('fleetNoScreen') : error);

/**
 * The Screens tab: the fleet as the server sees it (every process's screens, fleet:list), read every
 * REFRESH_MS over the console's own socket, and the operators' commands to one screen.
 */
export class FleetState {
  #make: () => ConsoleSocket;
  #deviceNow: () => DeviceMs;
  #socket: ConsoleSocket | null = null;
  #entries = $state.raw<readonly DisplayEntry[]>([]);
  #loaded = $state(false);
  #connected = $state(false);
  #error = $state<string | null>(null);
  #clock = $state.raw<ServerClock>({ serverTime: serverMs(Date.now()), receivedAt: deviceNow(), speed: 1 });
  #now = $state<DeviceMs>(deviceNow());
  readonly #busy = new SvelteSet<string>();
  #result = $state.raw<CommandResult | null>(null);
  #meetings = $state.raw<readonly MeetingInfo[]>([]);
  #asking = false;

  constructor(make: () => ConsoleSocket = consoleSocket, now: () => DeviceMs = deviceNow) {
    this.#make = make;
    this.#deviceNow = now;
  }

  /** The screens, offline first, as last read. */
  get entries(): readonly DisplayEntry[] {
    return this.#entries;
  }
  /** Whether the list has been read at least once. */
  get loaded(): boolean {
    return this.#loaded;
  }
  /** Whether the console's socket is up: when not, the list ages and its screens turn offline. */
  get connected(): boolean {
    return this.#connected;
  }
  /** Why the last read or the connection failed, or null. */
  get error(): string | null {
    return this.#error;
  }
  /** The server's clock as last heard, to age the reports. */
  get clock(): ServerClock {
    return this.#clock;
  }
  /** This device's time, moved every second so ages count up on screen. */
  get now(): DeviceMs {
    return this.#now;
  }
  /** The rows (rowKey) with a command on its way. */
  get busy(): ReadonlySet<string> {
    return this.#busy;
  }
  get result(): CommandResult | null {
    return this.#result;
  }
  /** The meetings not ended, newest first: a screen can be sent into one. */
  get openMeetings(): readonly MeetingInfo[] {
    return this.#meetings.filter((m) => !hasEnded(m));
  }
  /** A meeting's title for the list, or null when it is not known here. */
  meetingTitle(id: string): string | null {
    return this.#meetings.find((m) => m.id === id)?.title ?? null;
  }

  /** Opens the socket and starts reading; returns the function that closes it. */
  start(): () => void {
    const socket = this.#make();
    this.#socket = socket;
    socket.on('connect', () => {
      this.#connected = true;
      this.#error = null;
      void this.refresh();
    });
    socket.on('disconnect', () => (this.#connected = false));
    socket.on('connect_error', (err) => {
      this.#connected = false;
      this.#error = err.message === UNAUTHORIZED ? t('fleetSignedOut') : t('fleetLost');
    });
    socket.on('server:welcome', (w) => {
      this.#clock = {
        serverTime: serverMs(w.serverTime),
        receivedAt: this.#deviceNow(),
        speed: w.clockSpeed,
      };
    });
    socket.connect();
    const refresh = setInterval(() => void this.refresh(), REFRESH_MS);
    const tick = setInterval(() => (this.#now = this.#deviceNow()), TICK_MS);
    return () => {
      clearInterval(refresh);
      clearInterval(tick);
      socket.disconnect();
      this.#socket = null;
    };
  }

  /** Reads the list again; skipped while disconnected or while the last read is unanswered. */
  async refresh(): Promise<void> {
    const socket = this.#socket;
    if (!socket?.connected || this.#asking) return;
    this.#asking = true;
    // The meetings' titles and which are open: a failed read keeps the last one.
    void getJson<MeetingInfo[]>('/api/v1/meetings').then(
      (m) => (this.#meetings = m),
      () => {},
    );
    try {
      const r = await socket.timeout(ANSWER_MS).emitWithAck('fleet:list');
      if ('error' in r) this.#error = r.error;
      else {
        this.#entries = r.data;
        this.#loaded = true;
        this.#error = null;
      }
    } catch {
      this.#error = t('fleetNoAnswer');
    } finally {
      this.#asking = false;
      this.#now = this.#deviceNow();
    }
  }

  /** Invites the row's paired display into a meeting: it joins by itself within a second or two. */
  async invite(e: DisplayEntry, meetingId: string): Promise<void> {
    const key = rowKey(e);
    const socket = this.#socket;
    if (!e.actor.startsWith('device:') || !socket?.connected) {
      this.#result = { key, ok: false, text: t('fleetNotSent', { why: t('fleetNoScreen') }) };
      return;
    }
    this.#busy.add(key);
    try {
      const device = e.actor.slice('device:'.length);
      const r = await socket.timeout(ANSWER_MS).emitWithAck('meeting:invite', { id: meetingId, device });
      this.#result =
        'error' in r
          ? { key, ok: false, text: t('fleetNotSent', { why: r.error }) }
          : { key, ok: true, text: t('fleetInvited', { title: r.data.title }) };
    } catch {
      this.#result = { key, ok: false, text: t('fleetNotSent', { why: t('fleetNoAnswer') }) };
    } finally {
      this.#busy.delete(key);
    }
    void this.refresh();
  }

  /** Sends `command` to the row's screen (or its device's screens) and says what came of it. */
  async send(e: DisplayEntry, command: FleetCommand): Promise<void> {
    const key = rowKey(e);
    const target = targetOf(e);
    const socket = this.#socket;
    if (!target || !socket?.connected) {
      this.#result = { key, ok: false, text: t('fleetNotSent', { why: t('fleetNoScreen') }) };
      return;
    }
    this.#busy.add(key);
    try {
      const r = await socket.timeout(ANSWER_MS).emitWithAck('fleet:command', { target, command });
      this.#result =
        'error' in r
          ? { key, ok: false, text: t('fleetNotSent', { why: why(r.error) }) }
          : { key, ok: true, text: t('fleetSent', { n: r.data.sent }) };
    } catch {
      this.#result = { key, ok: false, text: t('fleetNotSent', { why: t('fleetNoAnswer') }) };
    } finally {
      this.#busy.delete(key);
    }
    // A new scene shows in the list at the screen's next report, within a second.
    void this.refresh();
  }
}
