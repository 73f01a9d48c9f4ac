import { FEEDS, type FeedName, type Frame, type SubscribeReply } from '../../shared/socket';
import type { IoServer, IoSocket } from './io';
import { feedRoom } from './rooms';
import type { Send } from './send';

/** A screen with more than this many packets waiting is lagging: it skips frames until it drains. */
const MAX_BUFFERED_PACKETS = 16;

/**
 * Packets queued for a screen and not yet handed to its transport. engine.io keeps them in `writeBuffer`
 * (public at run time, private in its typings); it is the only measure of a slow screen there is.
 */
const pendingPackets = (socket: IoSocket) =>
  (socket.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;

/**
 * Takes the frames to the feeds' screens on this process, and copes with the screens that cannot keep
 * up. Before each frame, a screen with more than `maxBuffered` packets waiting leaves the feed's room
 * instead of queueing without bound, and where it stopped is remembered; once its buffer has drained it
 * is brought up to date (missed frames, or a snapshot: the latest state wins) and rejoins. So the server
 * holds a bounded amount for any screen, however slow.
 */
export class SlowScreens {
  /** socket id -> feed -> sequence number of the last frame it was sent */
  #behind = new Map<string, Partial<Record<FeedName, number>>>();
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly io: IoServer,
    private readonly send: Send,
    private readonly maxBuffered = MAX_BUFFERED_PACKETS,
  ) {}

  /**
   * Tracks every new screen, and every `tickMs` brings back the drained ones with `catchUp` (the hub's:
   * the frames since a sequence number, or a snapshot).
   */
  start(tickMs: number, catchUp: (feed: FeedName, seq: number) => SubscribeReply): void {
    this.io.on('connection', (socket) => {
      socket.data.feeds = [];
      socket.on('disconnect', () => this.#behind.delete(socket.id));
    });
    this.#timer = setInterval(() => this.#readmit(catchUp), tickMs);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  /**
   * Sends a feed's frame to its screens, first setting aside those too far behind to take it; returns how
   * many screens it went to (the hub divides the frame's cost by it).
   *
   * What a frame costs per screen (socket.io 4.8, socket.io-adapter 2.5, engine.io 6.6, ws 8): the room
   * broadcast encodes the packet ONCE (in-memory-adapter.js `_encode`: one JSON.stringify) and, with
   * per-message deflate off (engine.io's default, kept here), also pre-builds the websocket frame once
   * (`wsPreEncodedFrame`, sent as is by transports/websocket.js `sender.sendFrame`). What is left per
   * screen is one engine.io packet object, its flush and drain events, and one socket write (writev).
   * Measured by test/bench/fanout-cost.ts (2-core VM, 1,000 loopback screens, 07/12/2026): ≈ 9–10 µs a
   * screen, the same for a 1-KPI and a 100-KPI frame; in its CPU profile the kernel's writev is ~3/4 of
   * the server's part, engine.io/ws/socket.io JS the rest, our #setAside walk 0.25 µs. Frames already carry
   * only the KPIs that moved (feed.ts) and shorter numbers would only shave the one encode, so the wire
   * contract (shared/socket.ts WireKpi) stays as it is; the pacer (pacer.ts) holds this cost to its share.
   */
  frame(feed: FeedName, frame: Frame): number {
    this.#setAside(feed, frame);
    this.send('kpi:frame', { here: feedRoom(feed) }, frame);
    return this.io.sockets.adapter.rooms.get(feedRoom(feed))?.size ?? 0;
  }

  /** A screen subscribed (again) to a feed: it joins its room, with no catching up left to do. */
  joined(socket: IoSocket, feed: FeedName): void {
    const behind = this.#behind.get(socket.id);
    if (behind) delete behind[feed];
    if (!socket.data.feeds.includes(feed)) socket.data.feeds.push(feed);
    void socket.join(feedRoom(feed));
  }

  #setAside(feed: FeedName, frame: Frame): void {
    for (const id of this.io.sockets.adapter.rooms.get(feedRoom(feed)) ?? []) {
      const socket = this.io.sockets.sockets.get(id);
      if (!socket || pendingPackets(socket) <= this.maxBuffered) continue;
      void socket.leave(feedRoom(feed));
      const behind = this.#behind.get(id) ?? {};
      behind[feed] = frame.seq - 1;
      this.#behind.set(id, behind);
    }
  }

  #readmit(catchUp: (feed: FeedName, seq: number) => SubscribeReply): void {
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
        const missed = catchUp(feed, seq);
        if (missed.kind === 'replay') for (const f of missed.frames) this.send('kpi:frame', { here: id }, f);
        else this.send('kpi:snapshot', { here: id }, missed.snapshot);
        void socket.join(feedRoom(feed));
      }
      this.#behind.delete(id);
    }
  }
}
