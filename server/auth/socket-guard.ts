import { UNAUTHORIZED, UNAVAILABLE } from '../../shared/socket';
import type { IoServer, IoSocket } from '../hub/io';
import { Guard, type Identity } from './guard';

/** How often connected screens' credentials are checked again (expired sessions, revocations elsewhere). */
const REVALIDATE_MS = 5_000;

/**
 * Guards every socket's connection: the handshake needs a principal (guard.ts), and screens whose
 * credential went away are disconnected: at once when revoked or signed out (cutOff), within
 * REVALIDATE_MS otherwise. What each command needs is checked by the command door (hub/commands.ts).
 */
export class SocketGuard {
  readonly #identities = new WeakMap<IoSocket, Identity>();
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly io: IoServer,
    private readonly guard: Guard,
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
    this.#timer = setInterval(() => void this.#revalidate(), REVALIDATE_MS);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  /** Cuts off every screen in a room (rooms.ts deviceRoom, sessionRoom), on every process sharing the adapter. */
  cutOff(room: string): void {
    this.io.in(room).disconnectSockets(true);
  }

  async #revalidate(): Promise<void> {
    const checks = [...this.io.of('/').sockets.values()].map(async (socket) => {
      const identity = this.#identities.get(socket);
      if (!identity?.credential) return;
      try {
        if (!(await this.guard.stillValid(identity))) socket.disconnect(true);
      } catch {
        // The store cannot answer: keep the screen; it is checked again at the next round.
      }
    });
    await Promise.all(checks);
  }
}
