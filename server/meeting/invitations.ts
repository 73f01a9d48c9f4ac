import { hasEnded, type Invitation, type MeetingInfo } from '../../shared/meeting';
import type { Clock } from '../clock';
import type { IoServer, IoSocket } from '../hub/io';
import type { Send } from '../hub/send';
import type { MeetingStore } from './meeting-store';

/** How often each process looks again at who is invited where (meetings start on the clock, not on an event). */
export const INVITATION_TICK_MS = 1_000;

/**
 * The meeting a paired display is invited to at `now`: started, not ended, and of those the one that
 * started last (a display is in one meeting at a time); null when none.
 */
export function invitationFor(
  meetings: readonly MeetingInfo[],
  deviceId: string,
  now: number,
): Invitation | null {
  let best: MeetingInfo | null = null;
  for (const m of meetings) {
    if (!m.invited.includes(deviceId) || m.startsAt > now || hasEnded(m)) continue;
    if (!best || m.startsAt > best.startsAt || (m.startsAt === best.startsAt && m.id > best.id)) best = m;
  }
  return best && { id: best.id, code: best.code, title: best.title };
}

/**
 * Tells each paired display of this process which meeting it is invited to now (`meeting:invited`), on
 * connect and whenever that changes: when a meeting it is invited to starts, when it ends, when an
 * operator sends it into one. The display joins and leaves by itself: nobody types a code on a kiosk.
 * Each process speaks to its own screens and reads the meetings from the shared store, so every process
 * agrees within a tick.
 */
export class InvitationKeeper {
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> | null = null;
  #again = false;

  constructor(private readonly deps: { io: IoServer; send: Send; store: MeetingStore; clock: Clock }) {}

  start(): void {
    this.deps.io.on('connection', () => this.nudge());
    this.#timer = setInterval(() => this.nudge(), INVITATION_TICK_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Looks again now (one look at a time; a nudge during one runs one more after it). */
  nudge(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#look()
      .catch(() => {}) // the store is away: the next tick tries again
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.nudge();
        }
      });
  }

  async #look(): Promise<void> {
    const devices = [...this.deps.io.of('/').sockets.values()].filter(
      (s: IoSocket) => s.data.principal?.kind === 'device',
    );
    if (devices.length === 0) return;
    const meetings = await this.deps.store.list();
    const now = this.deps.clock.now();
    for (const socket of devices) {
      const p = socket.data.principal;
      if (p.kind !== 'device') continue;
      const invitation = invitationFor(meetings, p.id, now);
      const id = invitation?.id ?? null;
      if (socket.data.invitation === id) continue;
      socket.data.invitation = id;
      this.deps.send('meeting:invited', { here: socket.id }, invitation);
    }
  }
}
