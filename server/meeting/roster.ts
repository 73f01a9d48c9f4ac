import { actorOf, nameOf } from '../../shared/access';
import { ROSTER_STALE_MS, type Roster, type RosterEntry } from '../../shared/meeting';
import type { Clock } from '../clock';
import type { IoServer, IoSocket } from '../hub/io';
import { controlRoom, meetingRoom } from '../hub/rooms';
import type { Send } from '../hub/send';

/** A point gone from the meeting stays listed, flagged, this long, so the presenter sees who dropped. */
const FORGET_DROPPED_MS = 5 * 60_000;
const ROSTER_EVERY_MS = 1_000;

/**
 * Builds each watched meeting's roster once a second from the sockets in its room on every process
 * (fetchSockets goes through the adapter) and sends it to this process's presenters and control room.
 * A point is flagged `dropped` when its heartbeat is older than ROSTER_STALE_MS or its socket is gone.
 */
export class RosterKeeper {
  /** Meetings watched from this process, with the points seen so far (by socket id). */
  readonly #watched = new Map<string, Map<string, RosterEntry>>();
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly io: IoServer,
    private readonly send: Send,
    private readonly clock: Clock,
  ) {}

  start(): void {
    this.#timer = setInterval(() => void this.#round().catch(() => {}), ROSTER_EVERY_MS);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  /** Adds a presenter or control-room screen to a meeting's roster; answers the roster now. */
  async watch(socket: IoSocket, id: string): Promise<Roster> {
    await socket.join(controlRoom(id));
    if (!this.#watched.has(id)) this.#watched.set(id, new Map());
    return this.#build(id);
  }

  async #round(): Promise<void> {
    for (const id of [...this.#watched.keys()]) {
      if ((this.io.of('/').adapter.rooms.get(controlRoom(id))?.size ?? 0) === 0) {
        this.#watched.delete(id);
        continue;
      }
      this.send('meeting:roster-updated', { here: controlRoom(id) }, await this.#build(id));
    }
  }

  async #build(id: string): Promise<Roster> {
    const now = this.clock.now();
    // Heartbeats are stamped on the server clock, which a demo runs fast: the limits are real time.
    const speed = this.clock.speed;
    const seen = this.#watched.get(id) ?? new Map<string, RosterEntry>();
    const present = new Set<string>();
    const consoles = new Map<string, string>();
    for (const s of await this.io.in(meetingRoom(id)).fetchSockets()) {
      if (s.data.consoles?.includes(id)) consoles.set(actorOf(s.data.principal), nameOf(s.data.principal));
      const beat = s.data.beats?.[id];
      if (!beat) continue;
      present.add(s.id);
      seen.set(s.id, {
        id: s.id,
        actor: beat.actor,
        name: beat.name,
        delegates: beat.delegates,
        lastSeen: beat.at,
        rttMs: beat.rttMs,
        appliedSeq: beat.appliedSeq,
        readySeq: beat.readySeq ?? beat.appliedSeq,
        dropped: now - beat.at > ROSTER_STALE_MS * speed,
      });
    }
    for (const [key, entry] of seen) {
      if (!present.has(key)) entry.dropped = true;
      if (entry.dropped && now - entry.lastSeen > FORGET_DROPPED_MS * speed) seen.delete(key);
    }
    const points = [...seen.values()].sort(
      (a, b) => Number(b.dropped) - Number(a.dropped) || a.name.localeCompare(b.name),
    );
    const delegates = points.filter((p) => !p.dropped).reduce((n, p) => n + p.delegates, 0);
    return {
      meetingId: id,
      serverTime: now,
      points,
      delegates,
      consoles: [...consoles].map(([actor, name]) => ({ actor, name })),
    };
  }
}
