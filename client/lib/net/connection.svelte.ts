import { io, type Socket } from 'socket.io-client';
import type { DeviceMs } from '../../../shared/brand';
import { deviceNow } from './server-clock';
import { UNAUTHORIZED, type ClientToServerEvents, type ServerToClientEvents } from '../../../shared/socket';

/** The wall's socket, typed by the shared contract. */
export type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * 'connecting' before the first answer; 'live' while connected; 'offline' once lost (still retrying);
 * 'unpaired' when the server does not know this screen (no pairing, revoked, signed out): it shows its
 * pairing code and connects again once paired.
 */
export type ConnectionState = 'connecting' | 'live' | 'offline' | 'unpaired';

/**
 * When the network comes back, every screen on it hears `online` in the same instant: spread their
 * reconnects over this window rather than knocking the server over together.
 */
const ONLINE_JITTER_MS = 1_000;
/** After the server itself dropped the screen, wait this long (plus jitter) before asking again. */
const KICKED_RETRY_MS = 2_000;

/**
 * The one Socket.IO connection of the page, on the page's own origin. It reconnects forever with
 * jittered backoff, and at once when the tab wakes or the network returns: an unattended screen must
 * never wait for a human.
 */
export class Connection {
  readonly socket: WallSocket;
  #state = $state<ConnectionState>('connecting');
  #since = $state<DeviceMs>(deviceNow());
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(socket: WallSocket, win: Window | undefined = globalThis.window) {
    this.socket = socket;
    socket.on('connect', () => {
      this.#set('live');
      renewDeviceCookie();
    });
    socket.on('connect_error', (err) => {
      if (err.message === UNAUTHORIZED) return this.#set('unpaired');
      this.#set('offline');
      // A refusal by the server's guard (store unavailable) stops socket.io's own retries: keep going.
      if (!socket.active) this.#later(KICKED_RETRY_MS + Math.random() * KICKED_RETRY_MS);
    });
    socket.on('disconnect', (reason) => {
      this.#set('offline');
      // Only a kick from the server stops socket.io's own retries; every other reason retries by itself.
      if (reason === 'io server disconnect') this.#later(KICKED_RETRY_MS + Math.random() * KICKED_RETRY_MS);
    });
    win?.document.addEventListener('visibilitychange', () => {
      if (win.document.visibilityState === 'visible') this.reconnectNow();
    });
    win?.addEventListener('online', () => this.#later(Math.random() * ONLINE_JITTER_MS));
  }

  /** Where the connection stands. */
  get state(): ConnectionState {
    return this.#state;
  }
  /** Device time (epoch ms) when it entered that state. */
  get since(): DeviceMs {
    return this.#since;
  }
  /** Whether numbers are arriving now. */
  readonly live = $derived(this.#state === 'live');

  /** Skips the rest of the backoff and tries now; nothing happens when already connected. */
  reconnectNow(): void {
    clearTimeout(this.#timer);
    if (this.socket.connected) return;
    // disconnect() cancels the pending backoff timer; connect() then opens a fresh attempt, after which
    // socket.io's backoff starts again from its shortest delay if this one fails too.
    this.socket.disconnect().connect();
  }

  #later(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.reconnectNow(), ms);
  }

  #set(state: ConnectionState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#since = deviceNow();
  }
}

/**
 * A paired screen's credential is a cookie, and browsers keep a cookie at most 400 days: asking where
 * its pairing stands renews it (server/auth/device-routes.ts). Done at each connect and once a day, so a
 * wall that runs for years never finds itself unpaired.
 */
const RENEW_MS = 86_400_000;
let renewedAt = -Infinity;
function renewDeviceCookie(): void {
  if (Date.now() - renewedAt < RENEW_MS || typeof fetch !== 'function') return;
  renewedAt = Date.now();
  void fetch('/api/v1/pairing', { cache: 'no-store' }).catch(() => (renewedAt = -Infinity));
}
if (typeof setInterval === 'function') setInterval(renewDeviceCookie, RENEW_MS);

/** The page's connection: same origin, WebSocket only, retrying forever from 0.5 s up to 10 s with ±50% jitter. */
export const connection = new Connection(
  io({
    transports: ['websocket'],
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.5,
  }),
);
