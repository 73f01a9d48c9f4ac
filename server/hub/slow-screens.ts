import { FEEDS, type FeedName, type Frame } from '../../shared/socket';
import { feedRoom, type IoServer, type IoSocket } from './io';

/**
 * Packets queued for a screen and not yet handed to its transport. engine.io keeps them in `writeBuffer`
 * (public at run time, private in its typings); it is the only measure of a slow screen there is.
 */
const pendingPackets = (socket: IoSocket) =>
  (socket.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;

/**
 * Screens that cannot keep up. Before each frame, a screen with more than `maxBuffered` packets waiting
 * leaves the feed's room instead of queueing without bound, and where it stopped is remembered; once its
 * buffer has drained it is brought up to date (missed frames, or a snapshot: the latest state wins) and
 * rejoins. So the server holds a bounded amount for any screen, however slow.
 */
export class SlowScreens {
  /** socket id -> feed -> sequence number of the last frame it was sent */
  #behind = new Map<string, Partial<Record<FeedName, number>>>();

  constructor(
    private readonly io: IoServer,
    private readonly maxBuffered: number,
  ) {}

  /** Takes screens that are too far behind out of the room, just before `frame` goes to it. */
  setAside(feed: FeedName, frame: Frame): void {
    for (const id of this.io.sockets.adapter.rooms.get(feedRoom(feed)) ?? []) {
      const socket = this.io.sockets.sockets.get(id);
      if (!socket || pendingPackets(socket) <= this.maxBuffered) continue;
      void socket.leave(feedRoom(feed));
      const behind = this.#behind.get(id) ?? {};
      behind[feed] = frame.seq - 1;
      this.#behind.set(id, behind);
    }
  }

  /** The screen subscribed again (or left): it needs no catching up for that feed. */
  forget(socketId: string, feed?: FeedName): void {
    if (!feed) return void this.#behind.delete(socketId);
    const behind = this.#behind.get(socketId);
    if (behind) delete behind[feed];
  }

  /** Screens whose buffers have drained are caught up from `seq` by `catchUp`, then rejoin their rooms. */
  readmit(catchUp: (socket: IoSocket, feed: FeedName, seq: number) => void): void {
    for (const [id, behind] of this.#behind) {
      const socket = this.io.sockets.sockets.get(id);
      if (!socket) {
        this.#behind.delete(id);
        continue;
      }
      if (pendingPackets(socket) > 0) continue;
      for (const feed of FEEDS) {
        const seq = behind[feed];
        if (seq === undefined) continue;
        catchUp(socket, feed, seq);
        void socket.join(feedRoom(feed));
      }
      this.#behind.delete(id);
    }
  }
}
