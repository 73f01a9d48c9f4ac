import { io, type Socket } from 'socket.io-client';
import { type MeetingState, type MeetingView, type Roster } from '../../shared/meeting';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/socket';

/** The presenter page's own socket, typed by the shared contract. */
type PresenterSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;

type LinkState = 'connecting' | 'live' | 'offline';

/** Same origin, WebSocket only, retrying forever like the wall's connection. */
const presenterSocket = (): PresenterSocket =>
  io({
    autoConnect: false,
    transports: ['websocket'],
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.5,
  });

/**
 * One meeting opened by a leader or an operator. On every (re)connect it joins by id (landing on the
 * current state), takes the presenter's seat the first time when nobody holds it, and watches the
 * roster. Steering sends a partial view; the server stamps it and every point applies it together.
 * The console is not a bridge point (the room's wall is, when it follows): it joins as a console, sends no
 * heartbeats and is not counted in the roster, though the seat can be handed to whoever sits at one.
 */
export class PresenterSession {
  readonly id: string;
  readonly #me: string;
  readonly #socket: PresenterSocket;
  #link = $state<LinkState>('connecting');
  #state = $state.raw<MeetingState | null>(null);
  #roster = $state.raw<Roster | null>(null);
  #error = $state<string | null>(null);
  #busy = $state(false);
  #speed = $state(1);
  #tookSeat = false;

  constructor(id: string, me: string, socket: PresenterSocket = presenterSocket()) {
    this.id = id;
    this.#me = me;
    this.#socket = socket;
  }

  get link(): LinkState {
    return this.#link;
  }
  /** The meeting's current state (what every point shows, or will at `applyAt`). */
  get state(): MeetingState | null {
    return this.#state;
  }
  get roster(): Roster | null {
    return this.#roster;
  }
  /** The last refusal (steering, taking or handing over the seat). */
  get error(): string | null {
    return this.#error;
  }
  /** A command is on its way. */
  get busy(): boolean {
    return this.#busy;
  }
  /** Whether this person holds the seat now. */
  get presenting(): boolean {
    return this.#state?.presenter?.actor === this.#me;
  }
  /** Server milliseconds per real millisecond (ages in the roster are shown in real seconds). */
  get speed(): number {
    return this.#speed;
  }
  /** Connects and follows the meeting; returns the stop function. */
  open(): () => void {
    const s = this.#socket;
    s.on('connect', () => {
      this.#link = 'live';
      void this.#enter();
    });
    s.on('disconnect', () => (this.#link = 'offline'));
    s.on('connect_error', () => (this.#link = 'offline'));
    s.on('server:welcome', (w) => (this.#speed = w.clockSpeed > 0 ? w.clockSpeed : 1));
    s.on('meeting:changed', (state) => this.#take(state));
    s.on('meeting:roster-updated', (r) => {
      if (r.meetingId === this.id) this.#roster = r;
    });
    if (!s.connected) s.connect();
    return () => {
      s.removeAllListeners();
      s.disconnect();
    };
  }

  /** Changes what every point shows; only the presenter may. */
  steer(view: Partial<MeetingView>): Promise<void> {
    return this.#command(() =>
      this.#socket.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:steer', { id: this.id, view }),
    );
  }
  /** Ends the meeting for every point (the presenter, or an operator). */
  end(): Promise<void> {
    return this.#command(() =>
      this.#socket.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:end', { id: this.id }),
    );
  }
  /** Takes the seat (when free, or as an operator). */
  takeSeat(): Promise<void> {
    return this.#command(() =>
      this.#socket.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:present', { id: this.id }),
    );
  }
  /** Hands the seat to another person in the meeting ("user:login"). */
  handOver(to: string): Promise<void> {
    return this.#command(() =>
      this.#socket.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:present', { id: this.id, to }),
    );
  }

  async #command(send: () => Promise<{ error: string } | { data: MeetingState }>): Promise<void> {
    this.#busy = true;
    try {
      const r = await send();
      if ('error' in r) this.#error = r.error;
      else {
        this.#error = null;
        this.#take(r.data);
      }
    } catch (err) {
      this.#error = (err as Error).message;
    } finally {
      this.#busy = false;
    }
  }

  /** Keeps the newest state: a broadcast and an answer may arrive in either order. */
  #take(state: MeetingState): void {
    if (state.meeting.id !== this.id) return;
    if (this.#state && state.seq < this.#state.seq) return;
    this.#state = state;
  }

  async #enter(): Promise<void> {
    const s = this.#socket;
    try {
      const joined = await s
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('meeting:join', { id: this.id, console: true });
      if ('error' in joined) return void (this.#error = joined.error);
      this.#take(joined.data);
      // The seat is taken once, when opening: a reconnect must not take it back from whoever has it now.
      if (!this.#tookSeat && !joined.data.presenter) {
        this.#tookSeat = true;
        await this.takeSeat();
      }
      this.#tookSeat = true;
      const roster = await s.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:roster', { id: this.id });
      if ('data' in roster) this.#roster = roster.data;
      else this.#error = roster.error;
    } catch (err) {
      this.#error = (err as Error).message;
    }
  }
}
