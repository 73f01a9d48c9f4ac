import { UNAUTHORIZED, UNAVAILABLE } from '../../shared/socket';
import type { IoServer, IoSocket } from '../hub/io';
import { Guard, type Identity } from './guard';

/**
 * How often connected screens' credentials are checked again, as a safety net only: a sign-out or a
 * revocation cuts its screens at once through their room (cutOff), on every process. What the sweep
 * catches is what changes with nobody acting: a session reaching its 12 h end.
 */
export const SWEEP_MS = 60_000;
/** Distinct credentials checked at once during a sweep, so a big fleet never floods the store. */
const SWEEP_BATCH = 100;

/**
 * Guards every socket's connection: the handshake needs a principal (guard.ts), and screens whose
 * credential went away are disconnected: at once when revoked or signed out (cutOff, which the Socket.IO
 * adapter carries to every process), within SWEEP_MS when a session expires. A credential is read from
 * the store when a screen connects, and then once per sweep however many screens share it: 5,000
 * screens cost at most 5,000 reads a minute, not a thousand a second. What each command needs is
 * checked by the command door (hub/commands.ts).
 */
export class SocketGuard {
  readonly #identities = new WeakMap<IoSocket, Identity>();
  #timer: ReturnType<typeof setInterval> | null = null;
  #sweeping = false;

  constructor(
    private readonly io: IoServer,
    private readonly guard: Guard,
    private readonly sweepMs = SWEEP_MS,
  ) {}

  /** Installs the handshake check; call before anything else listens for connections. */
  install(): void {
    this.io.use((socket, next) => {
      this.guard.identify(socket.request).then(
        (identity) => {
          if (!identity) return next(new Error(UNAUTHORIZED));
          socket.data.principal = identity.principal;
          this.#identities.set(socket, identity);
          next();
        },
        () => next(new Error(UNAVAILABLE)),
      );
    });
    this.io.on('connection', (socket) => {
      const identity = this.#identities.get(socket);
      const room = identity && Guard.room(identity);
      if (room) void socket.join(room);
    });
    this.#timer = setInterval(() => void this.sweep(), this.sweepMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  /** Cuts off every screen in a room (rooms.ts deviceRoom, sessionRoom), on every process sharing the adapter. */
  cutOff(room: string): void {
    this.io.in(room).disconnectSockets(true);
  }

  /** Checks each credential of this process's screens once, in batches; disconnects the screens of those gone. */
  async sweep(): Promise<void> {
    if (this.#sweeping) return;
    this.#sweeping = true;
    try {
      const byCredential = new Map<string, { identity: Identity; sockets: IoSocket[] }>();
      for (const socket of this.io.of('/').sockets.values()) {
        const identity = this.#identities.get(socket);
        const c = identity?.credential;
        if (!identity || !c) continue;
        const key = `${c.kind}:${c.token}`;
        const group = byCredential.get(key) ?? { identity, sockets: [] };
        group.sockets.push(socket);
        byCredential.set(key, group);
      }
      const groups = [...byCredential.values()];
      for (let i = 0; i < groups.length; i += SWEEP_BATCH) {
        await Promise.all(
          groups.slice(i, i + SWEEP_BATCH).map(async ({ identity, sockets }) => {
            try {
              if (await this.guard.stillValid(identity)) return;
              for (const socket of sockets) socket.disconnect(true);
            } catch {
              // The store cannot answer: keep the screens; they are checked again at the next sweep.
            }
          }),
        );
      }
    } finally {
      this.#sweeping = false;
    }
  }
}
