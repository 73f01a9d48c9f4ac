import {
  HEARTBEAT_MS,
  hasEnded,
  MEETING_ENDED,
  type Invitation,
  type MeetingState,
  type MeetingView,
} from '../../../shared/meeting';
import { clock } from '../../lib/net/clock.svelte';
import { connection } from '../../lib/net/connection.svelte';
import {
  ACK_TIMEOUT_MS,
  JOIN_RETRY_MS,
  RESYNC_AFTER_JOIN_MS,
  type FollowerDeps,
  type FollowerSocket,
  type FollowerStatus,
} from './meeting-deps';
import { ApplyScheduler } from './meeting-apply';
import { measureRoundTrip } from './round-trip';
import { clampDelegates, meetingCodeOf, pageStorage, pointNameOf } from './meeting-address';

export { clampDelegates, meetingCodeOf, pointNameOf, type FollowerSocket };

/**
 * A wall following a meeting: it joins by code on every (re)connect and lands on the meeting's current
 * state, applies each change at its server-clock instant (ApplyScheduler), and says it is there every
 * HEARTBEAT_MS with its delegates, its round trip and the change it last applied.
 */
export class MeetingFollower {
  #deps: FollowerDeps;
  /** The code followed now: the address's, or an invitation's; null when none. */
  #code = $state<string | null>(null);
  #scheduler: ApplyScheduler;
  #speed = 1;
  #meetingId = $state<string | null>(null);
  /** Bumped by every join and by a drop: answers to an older join are dropped. */
  #generation = 0;
  #status = $state<FollowerStatus>('off');
  #error = $state<string | null>(null);
  #shown = $state.raw<MeetingState | null>(null);
  #appliedAt = $state<number | null>(null);
  #appliedAtDevice = $state<number | null>(null);
  #upcoming = $state.raw<MeetingState | null>(null);
  /** The newest seq whose numbers this wall holds (view-data.svelte.ts says so); told in every heartbeat. */
  #readySeq = 0;
  #delegates = $state(0);
  #rtt: number | null = null;
  #beating = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #resyncs: ReturnType<typeof setTimeout>[] = [];

  constructor(deps: FollowerDeps) {
    this.#deps = deps;
    this.#code = deps.code;
    this.#scheduler = new ApplyScheduler({
      now: deps.now,
      speed: () => this.#speed,
      apply: (state, at) => {
        this.#shown = state;
        this.#appliedAt = at;
        this.#appliedAtDevice = Date.now();
        this.#upcoming = this.#scheduler.upcoming;
      },
    });
    const stored = this.#code ? deps.storage?.getItem(this.#storageKey) : null;
    this.#delegates = stored ? clampDelegates(Number(stored)) : 0;
    // The greeting may come before start(): a wait in server time becomes a timeout at the server's speed.
    deps.socket.on('server:welcome', (w) => (this.#speed = w.clockSpeed > 0 ? w.clockSpeed : 1));
  }

  get #storageKey(): string {
    return `meeting-delegates:${this.#code ?? ''}`;
  }

  /** Whether this wall follows a meeting now (opened with `?meeting=`, or invited as a paired display). */
  get active(): boolean {
    return this.#code !== null;
  }
  get code(): string | null {
    return this.#code;
  }
  /** The id of the meeting followed, once joined. */
  get meetingId(): string | null {
    return this.#meetingId;
  }
  /**
   * off (no meeting asked) → joining → following; refused while the server says no (retrying); ended
   * once the meeting is over (the wall is back on its rotation).
   */
  get status(): FollowerStatus {
    return this.#status;
  }
  /** Why the last join was refused. */
  get error(): string | null {
    return this.#error;
  }
  /** The meeting state on screen (its title, presenter and view); null before the first is applied. */
  get state(): MeetingState | null {
    return this.#shown;
  }
  /** The view on screen. */
  get view(): MeetingView | null {
    return this.#shown?.view ?? null;
  }
  /** The view that comes next, waiting for its instant: its scene can be drawn ahead. */
  get upcoming(): MeetingView | null {
    return this.#upcoming?.view ?? null;
  }
  /** The seq of the view that comes next; null when none waits. */
  get upcomingSeq(): number | null {
    return this.#upcoming?.seq ?? null;
  }
  /** The wall holds the numbers of change `seq`: the presenter hears it at once ("n/m sẵn sàng"). */
  ready(seq: number): void {
    if (seq <= this.#readySeq) return;
    this.#readySeq = seq;
    // At once, with the last round trip measured: the presenter waits on it, the instant is near.
    if (this.#status === 'following') this.#beat();
  }
  /** The seq on screen; null before any. */
  get appliedSeq(): number | null {
    return this.#shown?.seq ?? null;
  }
  /** Server-clock instant the state on screen was applied. */
  get appliedAt(): number | null {
    return this.#appliedAt;
  }
  /** This device's clock at that instant (walls on one machine share it: tests measure their spread). */
  get appliedAtDevice(): number | null {
    return this.#appliedAtDevice;
  }
  /** Delegates in the room, entered at the point. */
  get delegates(): number {
    return this.#delegates;
  }
  set delegates(n: number) {
    const value = clampDelegates(n);
    if (value === this.#delegates) return;
    this.#delegates = value;
    this.#deps.storage?.setItem(this.#storageKey, String(value));
    void this.#heartbeat();
  }

  /**
   * Starts following: the address's meeting at once, else whichever meeting the server invites this
   * paired display to (`meeting:invited`), joined and left by itself. Returns the stop function.
   */
  start(): () => void {
    const { socket } = this.#deps;
    const onConnect = () => void this.#join();
    const onDisconnect = () => {
      this.#generation++;
      clearTimeout(this.#retry);
      // The last scene stays on screen; the header says the wall is offline.
      if (this.#status === 'following') this.#status = 'joining';
    };
    const onChanged = (s: MeetingState) => {
      const ours = s.meeting.id === this.#meetingId || s.meeting.code === this.#code;
      if (!ours) return;
      if (hasEnded(s.meeting)) this.#end();
      else this.#offer(s);
    };
    const onInvited = (inv: Invitation | null) => this.#invited(inv);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('meeting:changed', onChanged);
    socket.on('meeting:invited', onInvited);
    const beat = setInterval(() => void this.#heartbeat(), HEARTBEAT_MS);
    if (this.#code) this.#status = 'joining';
    if (socket.connected) void this.#join();
    return () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('meeting:changed', onChanged);
      socket.off('meeting:invited', onInvited);
      clearInterval(beat);
      clearTimeout(this.#retry);
      this.#resyncs.forEach(clearTimeout);
      this.#generation++;
      this.#scheduler.reset();
      this.#status = 'off';
    };
  }

  /** An invitation (or its end): follow it, unless the address named a meeting, which always wins. */
  #invited(inv: Invitation | null): void {
    if (this.#deps.code !== null || (inv?.code ?? null) === this.#code) return;
    this.#leaveMeeting(inv ? 'joining' : 'off');
    this.#code = inv?.code ?? null;
    if (inv) void this.#join();
  }

  /** The meeting is over: back to the rotation, and never asked again. */
  #end(): void {
    this.#leaveMeeting('ended');
    this.#code = null;
  }

  /** Forgets the meeting followed (its state, its pending change, its join in flight). */
  #leaveMeeting(status: FollowerStatus): void {
    const id = this.#meetingId;
    this.#generation++;
    clearTimeout(this.#retry);
    this.#scheduler.reset();
    this.#shown = null;
    this.#upcoming = null;
    this.#readySeq = 0;
    this.#meetingId = null;
    this.#status = status;
    this.#error = null;
    if (id && this.#deps.socket.connected) this.#deps.socket.emit('meeting:leave', { id }, () => {});
  }

  #offer(s: MeetingState): void {
    this.#scheduler.offer(s);
    this.#upcoming = this.#scheduler.upcoming;
  }

  async #join(): Promise<void> {
    const { socket, name } = this.#deps;
    const code = this.#code;
    if (!code || !socket.connected) return;
    clearTimeout(this.#retry);
    const generation = ++this.#generation;
    this.#status = 'joining';
    let error: string;
    try {
      const r = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:join', {
        code,
        ...(name ? { name } : {}),
        delegates: this.#delegates,
      });
      if (generation !== this.#generation) return;
      if ('data' in r) {
        this.#meetingId = r.data.meeting.id;
        this.#status = 'following';
        this.#error = null;
        this.#offer(r.data);
        this.#scheduleResync();
        return void this.#heartbeat();
      }
      error = r.error;
      if (error === MEETING_ENDED) return this.#end();
    } catch (err) {
      if (generation !== this.#generation) return;
      error = (err as Error).message;
    }
    this.#status = 'refused';
    this.#error = error;
    const random = this.#deps.random ?? Math.random;
    this.#retry = setTimeout(() => void this.#join(), JOIN_RETRY_MS * (0.75 + random() * 0.5));
  }

  #scheduleResync(): void {
    const resync = this.#deps.resync;
    if (!resync) return;
    this.#resyncs.forEach(clearTimeout);
    this.#resyncs = RESYNC_AFTER_JOIN_MS.map((ms) => setTimeout(resync, ms));
  }

  /** Measures the round trip, then says the point is there. */
  async #heartbeat(): Promise<void> {
    const { socket } = this.#deps;
    const id = this.#meetingId;
    if (this.#status !== 'following' || !id || !socket.connected || this.#beating) return;
    this.#beating = true;
    try {
      this.#rtt = (await measureRoundTrip(socket)) ?? this.#rtt;
      if (this.#status === 'following' && this.#meetingId === id) this.#beat();
    } finally {
      this.#beating = false;
    }
  }

  #beat(): void {
    const id = this.#meetingId;
    if (!id || !this.#deps.socket.connected) return;
    this.#deps.socket.emit('meeting:heartbeat', {
      id,
      delegates: this.#delegates,
      rttMs: this.#rtt,
      appliedSeq: Math.max(0, this.#scheduler.appliedSeq),
      readySeq: this.#readySeq,
    });
  }
}

const search = globalThis.location?.search ?? '';
/** The page's meeting follower: idle unless the address names a meeting (`?meeting=<code>`). */
export const meeting = new MeetingFollower({
  socket: connection.socket,
  now: () => clock.now(),
  resync: () => void clock.measure(),
  code: meetingCodeOf(search),
  name: pointNameOf(search),
  storage: pageStorage(),
});
