import { allows } from '../../shared/access';
import { COMMANDS, UNAUTHORIZED, UNAVAILABLE, type ClientToServerEvents } from '../../shared/socket';
import type { AuditLog } from '../audit/audit-log';
import type { IoServer, IoSocket } from '../hub/io';
import { Guard, type Identity } from './guard';

/** How often connected screens' credentials are checked again (expired sessions, revocations elsewhere). */
export const REVALIDATE_MS = 5_000;

type Command = keyof ClientToServerEvents;
const isCommand = (e: unknown): e is Command => typeof e === 'string' && Object.hasOwn(COMMANDS, e);

/**
 * Guards every socket in one place: the handshake needs a principal (guard.ts), every command is
 * checked against COMMANDS before its handler, steering is audited, and screens whose credential
 * went away are disconnected: at once when revoked or signed out (revoke() / signedOut()), within
 * REVALIDATE_MS otherwise.
 */
export class SocketGuard {
  readonly #identities = new WeakMap<IoSocket, Identity>();
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly io: IoServer,
    private readonly guard: Guard,
    private readonly audit: AuditLog,
  ) {}

  /** Installs the handshake and command checks; call before anything else listens for connections. */
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
      socket.use(([event, ...args], next) => this.#check(socket, event, args, next));
    });
    this.#timer = setInterval(() => void this.#revalidate(), REVALIDATE_MS);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  /** Cuts off every screen in a room (guard.ts deviceRoom, sessionRoom), on every process sharing the adapter. */
  cutOff(room: string): void {
    this.io.in(room).disconnectSockets(true);
  }

  #check(socket: IoSocket, event: unknown, args: unknown[], next: (err?: Error) => void): void {
    const principal = socket.data.principal;
    const ack = args.at(-1);
    const need = isCommand(event) ? COMMANDS[event].need : null;
    if (need && allows(principal, need)) {
      const audited = isCommand(event) ? (COMMANDS[event] as { audit?: string }).audit : undefined;
      if (audited)
        void this.audit.record({
          action: audited as 'alert.acknowledged',
          who: principal,
          target: targetOf(args[0]),
          ip: socket.handshake.address,
        });
      return next();
    }
    void this.audit.record({
      action: 'access.refused',
      who: principal,
      target: String(event).slice(0, 64),
      ip: socket.handshake.address,
      detail: need ? `needs ${need}` : 'unknown command',
    });
    if (typeof ack === 'function')
      (ack as (r: { error: string }) => void)({
        error: need
          ? `forbidden: "${String(event)}" needs the ${need} role`
          : `unknown command "${String(event)}"`,
      });
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

/** The thing a command acts on, for the audit line (an alert id, a scene). */
function targetOf(arg: unknown): string | null {
  if (!arg || typeof arg !== 'object') return null;
  const a = arg as { id?: unknown; target?: unknown };
  const target = a.target ?? a.id;
  return target === undefined ? null : String(target).slice(0, 128);
}
