import type { DisplayEntry } from '../../shared/fleet';
import type { Ack } from '../../shared/socket';
import type { AuditLog } from '../audit/audit-log';
import type { Devices } from '../auth/devices';
import { deviceRoom } from '../auth/guard';
import type { Clock } from '../clock';
import type { IoServer, IoSocket } from '../hub/io';
import { fleetEntries, type LastSeen } from './entries';
import { DEVICE_TARGET, displayReport, fleetCommandRequest, problemOf } from './fleet-schema';

type Reply<T> = (r: Ack<T>) => void;
const isAck = <T>(f: unknown): f is Reply<T> => typeof f === 'function';
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The display fleet (shared/fleet.ts): screens report themselves, operators list and command them.
 * Everything goes through the adapter (fetchSockets, io.in(room)), so an operator on one process sees
 * and reaches screens connected to another. Roles are checked once, by the socket guard, before these
 * handlers run; the guard also writes the audit line of every command.
 */
export class Fleet {
  /**
   * Each device's last report, to describe it once it has gone offline. Kept by the process the screen
   * was connected to only: an operator on another process sees the device offline, without its details.
   */
  readonly #lastSeen = new Map<string, LastSeen>();

  constructor(readonly deps: { io: IoServer; devices: Devices; audit: AuditLog; clock: Clock }) {}

  /** Listens for reports and operators' commands on every new socket. */
  install(): void {
    this.deps.io.on('connection', (socket) => this.#attach(socket));
  }

  #attach(socket: IoSocket): void {
    const connectedAt = this.deps.clock.now();
    socket.on('display:report', (raw, ack?: unknown) => {
      const parsed = displayReport.safeParse(raw);
      if (!parsed.success) {
        // A bad report is dropped: the screen keeps its last good one (or stays unlisted).
        if (isAck(ack)) ack({ error: `bad display:report: ${problemOf(parsed.error)}` });
        return;
      }
      const report = { ...parsed.data, at: this.deps.clock.now(), connectedAt };
      socket.data.report = report;
      const p = socket.data.principal;
      if (p.kind === 'device') this.#lastSeen.set(p.id, report);
      if (isAck(ack)) ack({ data: null });
    });
    socket.on('fleet:list', (ack) => {
      if (!isAck<DisplayEntry[]>(ack)) return;
      this.list().then(
        (entries) => ack({ data: entries }),
        (err: unknown) => ack({ error: `cannot list the screens now: ${messageOf(err)}` }),
      );
    });
    socket.on('fleet:command', (req, ack) => {
      if (!isAck<{ sent: number }>(ack)) return;
      this.command(req).then(ack, (err: unknown) => ack({ error: `command not sent: ${messageOf(err)}` }));
    });
  }

  /** Every screen of every process that has reported, and the paired devices with none connected. */
  async list(): Promise<DisplayEntry[]> {
    const { io, devices, clock } = this.deps;
    const [sockets, known] = await Promise.all([io.fetchSockets(), devices.list()]);
    // Forget devices revoked since: the map never outgrows the paired fleet.
    const paired = new Set(known.filter((d) => d.revokedAt === null).map((d) => d.id));
    for (const id of this.#lastSeen.keys()) if (!paired.has(id)) this.#lastSeen.delete(id);
    return fleetEntries({
      sockets,
      devices: known,
      now: clock.now(),
      speed: clock.speed,
      lastSeen: this.#lastSeen,
    });
  }

  /** Sends a command to one screen (its socket id) or every screen of a device; answers how many. */
  async command(req: unknown): Promise<Ack<{ sent: number }>> {
    const parsed = fleetCommandRequest.safeParse(req);
    if (!parsed.success) return { error: `bad fleet:command: ${problemOf(parsed.error)}` };
    const { target, command } = parsed.data;
    const device = DEVICE_TARGET.exec(target);
    const room = device ? deviceRoom(device[1]!) : target;
    const { io } = this.deps;
    const reached = await io.in(room).fetchSockets();
    // A socket id names the room of that one socket; anything else by that name is not a screen.
    const sent = device ? reached.length : reached.filter((s) => s.id === target).length;
    if (sent === 0) return { error: `target: no connected screen is "${target}"` };
    io.in(room).emit('display:command', command);
    return { data: { sent } };
  }
}
