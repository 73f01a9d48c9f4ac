import type { DisplayEntry, DisplayReport, FleetCommandRequest } from '../../shared/fleet';
import type { Ack } from '../../shared/socket';
import type { Devices } from '../auth/devices';
import type { Clock } from '../clock';
import type { IoServer, IoSocket } from '../hub/io';
import { deviceRoom } from '../hub/rooms';
import type { Send } from '../hub/send';
import { fleetEntries, type LastSeen } from './entries';
import { DEVICE_TARGET } from './fleet-schema';

/**
 * The display fleet (shared/fleet.ts): screens report themselves, operators list and command them.
 * Everything goes through the adapter (fetchSockets, rooms reached everywhere), so an operator on one
 * process sees and reaches screens connected to another. Roles, request checks and the audit line of
 * every command are the command door's (hub/commands.ts).
 */
export class Fleet {
  /**
   * Each device's last report, to describe it once it has gone offline. Kept by the process the screen
   * was connected to only: an operator on another process sees the device offline, without its details.
   */
  readonly #lastSeen = new Map<string, LastSeen>();
  /** When each screen of this process connected, on the server clock. */
  readonly #connectedAt = new WeakMap<IoSocket, number>();

  constructor(readonly deps: { io: IoServer; send: Send; devices: Devices; clock: Clock }) {}

  /** Notes when each screen connects, for the list. */
  start(): void {
    this.deps.io.on('connection', (socket) => this.#connectedAt.set(socket, this.deps.clock.now()));
  }

  /** `display:report`: what a screen says it is; listed from now on. */
  report(socket: IoSocket, r: DisplayReport): Ack<null> {
    const now = this.deps.clock.now();
    const report = { ...r, at: now, connectedAt: this.#connectedAt.get(socket) ?? now };
    socket.data.report = report;
    const p = socket.data.principal;
    if (p.kind === 'device') this.#lastSeen.set(p.id, report);
    return { data: null };
  }

  /** `fleet:list`: every screen of every process that has reported, and the paired devices with none connected. */
  async list(): Promise<Ack<DisplayEntry[]>> {
    const { io, devices, clock } = this.deps;
    const [sockets, known] = await Promise.all([io.fetchSockets(), devices.list()]);
    // Forget devices revoked since: the map never outgrows the paired fleet.
    const paired = new Set(known.filter((d) => d.revokedAt === null).map((d) => d.id));
    for (const id of this.#lastSeen.keys()) if (!paired.has(id)) this.#lastSeen.delete(id);
    const entries = fleetEntries({
      sockets,
      devices: known,
      now: clock.now(),
      speed: clock.speed,
      lastSeen: this.#lastSeen,
    });
    return { data: entries };
  }

  /** `fleet:command`: to one screen (its socket id) or every screen of a device; answers how many. */
  async command({ target, command }: FleetCommandRequest): Promise<Ack<{ sent: number }>> {
    const device = DEVICE_TARGET.exec(target);
    const room = device ? deviceRoom(device[1]!) : target;
    const reached = await this.deps.io.in(room).fetchSockets();
    // A socket id names the room of that one socket; anything else by that name is not a screen.
    const sent = device ? reached.length : reached.filter((s) => s.id === target).length;
    if (sent === 0) return { error: `target: no connected screen is "${target}"` };
    this.deps.send('display:command', { everywhere: room }, command);
    return { data: { sent } };
  }
}
