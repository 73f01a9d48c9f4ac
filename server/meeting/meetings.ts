import { actorOf, allows, nameOf } from '../../shared/access';
import {
  APPLY_LEAD_MS,
  changesFocus,
  FOCUS_LEAD_MS,
  focusedView,
  hasEnded,
  MEETING_ENDED,
  type Heartbeat,
  type InviteRequest,
  type MeetingInfo,
  type JoinRequest,
  type MeetingState,
  type PointBeat,
  type PresentRequest,
  type Roster,
  type SteerRequest,
} from '../../shared/meeting';
import type { Ack } from '../../shared/socket';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { IoServer, IoSocket } from '../hub/io';
import { meetingRoom } from '../hub/rooms';
import type { Send } from '../hub/send';
import type { Store } from '../store/types';
import { MeetingStore } from './meeting-store';
import { RosterKeeper } from './roster';

const ENDED = MEETING_ENDED;

export interface MeetingDeps {
  io: IoServer;
  send: Send;
  store: Store;
  clock: Clock;
  audit: AuditLog;
}

/**
 * Meetings over Socket.IO. A change is written to the store (the one truth every process and every late
 * joiner reads), stamped `applyAt` = now + APPLY_LEAD_MS on the server clock, and broadcast to the
 * meeting's room through the adapter, so followers on every process apply it at the same instant.
 * Roles are checked by the command door (COMMANDS); here only "is this the presenter" is decided.
 * Requests arrive parsed (view.ts); a store that fails makes a command fail, answered by the door.
 */
export class Meetings {
  readonly store: MeetingStore;
  readonly #roster: RosterKeeper;

  constructor(private readonly deps: MeetingDeps) {
    this.store = new MeetingStore(deps.store);
    this.#roster = new RosterKeeper(deps.io, deps.send, deps.clock);
  }

  start(): void {
    this.#roster.start();
  }

  stop(): void {
    this.#roster.stop();
  }

  /** `meeting:join`: by code, or by id for people and invited displays; answers the current state. */
  async join(
    socket: IoSocket,
    { code, id: byId, name, delegates, console: asConsole }: JoinRequest,
  ): Promise<Ack<MeetingState>> {
    const id = code ? await this.store.idOfCode(code) : byId;
    const state = id ? await this.store.get(id) : null;
    if (!state) return { error: 'no meeting with this code' };
    if (hasEnded(state.meeting)) return { error: ENDED };
    // By id only for people and invited displays; anyone else who may watch needs the code.
    const p = socket.data.principal;
    const invited = p.kind === 'device' && state.meeting.invited.includes(p.id);
    if (!code && p.kind !== 'user' && !invited) return { error: 'join with the meeting code' };
    await socket.join(meetingRoom(state.meeting.id));
    // The presenter's console follows the meeting but is no bridge point: no beat, not in the roster.
    if (asConsole && allows(p, 'leader')) {
      const id = state.meeting.id;
      socket.data.consoles = [...(socket.data.consoles ?? []).filter((c) => c !== id), id];
      return { data: state };
    }
    const beat: PointBeat = {
      actor: actorOf(p),
      name: name ?? nameOf(p),
      delegates: delegates ?? 0,
      rttMs: null,
      appliedSeq: 0,
      readySeq: 0,
      at: this.deps.clock.now(),
    };
    socket.data.beats = { ...socket.data.beats, [state.meeting.id]: beat };
    return { data: state };
  }

  async leave(socket: IoSocket, id: string): Promise<Ack<null>> {
    await socket.leave(meetingRoom(id));
    if (socket.data.beats) delete socket.data.beats[id];
    return { data: null };
  }

  /** `meeting:heartbeat`: a point that joined says it is there (unknown meetings are ignored). */
  heartbeat(socket: IoSocket, { id, delegates, rttMs, appliedSeq, readySeq }: Heartbeat): Ack<null> {
    const joined = socket.data.beats?.[id];
    // A point that applied a seq holds its data; an older follower that never says readySeq is ready at that.
    const ready = Math.max(appliedSeq, readySeq ?? 0);
    if (joined)
      socket.data.beats![id] = {
        ...joined,
        delegates,
        rttMs,
        appliedSeq,
        readySeq: ready,
        at: this.deps.clock.now(),
      };
    return { data: null };
  }

  /** `meeting:steer`: the presenter's change of view, for everyone at its applyAt. */
  async steer(socket: IoSocket, { id, view }: SteerRequest): Promise<Ack<MeetingState>> {
    const actor = actorOf(socket.data.principal);
    const next = await this.store.update(id, (s) =>
      s.presenter?.actor !== actor
        ? new Error('only the presenter steers')
        : {
            ...s,
            view: focusedView(s.view, view),
            seq: s.seq + 1,
            applyAt: this.#applyAt(changesFocus(s.view, view) ? FOCUS_LEAD_MS : APPLY_LEAD_MS),
          },
    );
    if (next instanceof Error) {
      if (next.message.startsWith('only'))
        await this.#audit(socket, 'access.refused', id, `meeting:steer: ${next.message}`);
      return { error: next.message };
    }
    this.#broadcast(next);
    await this.#audit(socket, 'meeting.steered', id, JSON.stringify(view));
    return { data: next };
  }

  /** `meeting:present`: take the seat (when free, or as an operator), or hand it to `to`. */
  async present(socket: IoSocket, { id, to }: PresentRequest): Promise<Ack<MeetingState>> {
    const p = socket.data.principal;
    const actor = actorOf(p);
    const operator = allows(p, 'operator');
    // Handing over names someone in the meeting now, who may present (leader or more).
    const successor = to
      ? (await this.deps.io.in(meetingRoom(id)).fetchSockets())
          .map((s) => s.data.principal)
          .find((q) => actorOf(q) === to && allows(q, 'leader'))
      : p;
    if (!successor) return { error: `to: "${to}" is not a leader in this meeting` };
    const next = await this.store.update(id, (s) => {
      const holder = s.presenter?.actor;
      const mayTake = !holder || holder === actor || operator;
      if (!mayTake) return new Error(`the seat is taken by ${s.presenter!.name}; ask for a hand-over`);
      return {
        ...s,
        presenter: { actor: actorOf(successor), name: nameOf(successor) },
        seq: s.seq + 1,
        applyAt: this.#applyAt(),
      };
    });
    if (next instanceof Error) return { error: next.message };
    this.#broadcast(next);
    await this.#audit(socket, 'meeting.presenter', id, `presenter: ${next.presenter!.actor}`);
    return { data: next };
  }

  /**
   * `meeting:end`: by its presenter or an operator. Written once (an ended meeting stays ended); every
   * screen of it, on every process, returns to its rotation; invited displays are told at once.
   */
  async end(socket: IoSocket, { id }: { id: string }): Promise<Ack<MeetingState>> {
    const p = socket.data.principal;
    const actor = actorOf(p);
    const now = this.deps.clock.now();
    const next = await this.store.update(id, (s) => {
      if (hasEnded(s.meeting)) return new Error(ENDED);
      if (s.presenter?.actor !== actor && !allows(p, 'operator'))
        return new Error('only the presenter or an operator ends a meeting');
      return { ...s, meeting: { ...s.meeting, endedAt: now }, seq: s.seq + 1, applyAt: this.#applyAt() };
    });
    if (next instanceof Error) return { error: next.message };
    await this.store.remember(next.meeting);
    this.#broadcast(next);
    this.onInvitationsChanged();
    await this.deps.audit.bySocket(socket, {
      action: 'meeting.ended',
      target: `meeting:${id}`,
      detail: next.meeting.title,
    });
    return { data: next };
  }

  /** `meeting:invite`: an operator adds a paired display (from the fleet); it joins within a tick. */
  async invite(_socket: IoSocket, { id, device }: InviteRequest): Promise<Ack<MeetingInfo>> {
    const next = await this.store.update(id, (s) =>
      hasEnded(s.meeting)
        ? new Error(ENDED)
        : s.meeting.invited.includes(device)
          ? s
          : { ...s, meeting: { ...s.meeting, invited: [...s.meeting.invited, device] } },
    );
    if (next instanceof Error) return { error: next.message };
    await this.store.remember(next.meeting);
    this.onInvitationsChanged();
    return { data: next.meeting };
  }

  /** Called when who is invited where may have changed (set by the invitation keeper). */
  onInvitationsChanged: () => void = () => {};

  /** `meeting:roster`: the points of the meeting now, and about once a second from now on. */
  async roster(socket: IoSocket, id: string): Promise<Ack<Roster>> {
    if (!(await this.store.get(id))) return { error: 'no such meeting' };
    return { data: await this.#roster.watch(socket, id) };
  }

  /** The instant a change takes effect: APPLY_LEAD_MS of real time ahead, on the server clock (which a demo runs fast). */
  #applyAt(leadMs = APPLY_LEAD_MS): number {
    return this.deps.clock.now() + leadMs * this.deps.clock.speed;
  }

  /** To every screen of the meeting, on every process (the adapter carries it). */
  #broadcast(state: MeetingState): void {
    this.deps.send('meeting:changed', { everywhere: meetingRoom(state.meeting.id) }, state);
  }

  #audit(
    socket: IoSocket,
    action: 'meeting.steered' | 'meeting.presenter' | 'access.refused',
    id: string,
    detail: string,
  ) {
    return this.deps.audit.bySocket(socket, { action, target: `meeting:${id}`, detail });
  }
}
