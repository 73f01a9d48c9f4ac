import { actorOf, allows, nameOf } from '../../shared/access';
import { APPLY_LEAD_MS, type MeetingState } from '../../shared/meeting';
import type { Ack } from '../../shared/socket';
import type { AuditLog } from '../audit/audit-log';
import type { Devices } from '../auth/devices';
import type { Clock } from '../clock';
import type { IoServer, IoSocket } from '../hub/io';
import type { Store } from '../store/types';
import { MeetingStore } from './meeting-store';
import { RosterKeeper, type PointBeat } from './roster';
import { heartbeat, joinRequest, problem, steerRequest } from './view';

export const meetingRoom = (id: string) => `meeting:${id}`;

export interface MeetingDeps {
  io: IoServer;
  store: Store;
  clock: Clock;
  audit: AuditLog;
  devices: Devices;
}

/**
 * Meetings over Socket.IO. A change is written to the store (the one truth every process and every late
 * joiner reads), stamped `applyAt` = now + APPLY_LEAD_MS on the server clock, and broadcast to the
 * meeting's room through the adapter, so followers on every process apply it at the same instant.
 * Roles are checked by the socket guard (COMMANDS); here only "is this the presenter" is decided.
 */
export class Meetings {
  readonly store: MeetingStore;
  readonly #roster: RosterKeeper;

  constructor(private readonly deps: MeetingDeps) {
    this.store = new MeetingStore(deps.store);
    this.#roster = new RosterKeeper(deps.io, deps.clock);
  }

  install(): void {
    this.deps.io.on('connection', (socket) => this.#attach(socket));
    this.#roster.start();
  }

  stop(): void {
    this.#roster.stop();
  }

  #attach(socket: IoSocket): void {
    const reply = <T>(ack: unknown, r: Ack<T>) =>
      typeof ack === 'function' && (ack as (r: Ack<T>) => void)(r);

    socket.on('meeting:join', async (req, ack) => {
      const parsed = joinRequest.safeParse(req);
      if (!parsed.success) return reply(ack, { error: problem(parsed.error) });
      const { code, id: byId, name, delegates } = parsed.data;
      const id = code ? await this.store.idOfCode(code) : byId;
      const state = id ? await this.store.get(id) : null;
      if (!state) return reply(ack, { error: 'no meeting with this code' });
      // By id only for people and invited displays; anyone else who may watch needs the code.
      const p = socket.data.principal;
      const invited = p.kind === 'device' && state.meeting.invited.includes(p.id);
      if (!code && p.kind !== 'user' && !invited) return reply(ack, { error: 'join with the meeting code' });
      await socket.join(meetingRoom(state.meeting.id));
      const beat: PointBeat = {
        actor: actorOf(p),
        name: name ?? nameOf(p),
        delegates: delegates ?? 0,
        rttMs: null,
        appliedSeq: 0,
        at: this.deps.clock.now(),
      };
      socket.data.beats = { ...socket.data.beats, [state.meeting.id]: beat };
      reply(ack, { data: state });
    });

    socket.on('meeting:leave', async (req, ack) => {
      const id = typeof req?.id === 'string' ? req.id : '';
      await socket.leave(meetingRoom(id));
      if (socket.data.beats) delete socket.data.beats[id];
      reply(ack, { data: null });
    });

    socket.on('meeting:heartbeat', (req) => {
      const parsed = heartbeat.safeParse(req);
      const beats = socket.data.beats;
      const joined = parsed.success ? beats?.[parsed.data.id] : undefined;
      if (!parsed.success || !beats || !joined) return;
      const { id, delegates, rttMs, appliedSeq } = parsed.data;
      beats[id] = { ...joined, delegates, rttMs, appliedSeq, at: this.deps.clock.now() };
    });

    socket.on('meeting:steer', async (req, ack) => {
      const parsed = steerRequest.safeParse(req);
      if (!parsed.success) return reply(ack, { error: problem(parsed.error) });
      const { id, view } = parsed.data;
      const actor = actorOf(socket.data.principal);
      const next = await this.store.update(id, (s) =>
        s.presenter?.actor !== actor
          ? new Error('only the presenter steers')
          : {
              ...s,
              view: { ...s.view, ...view },
              seq: s.seq + 1,
              applyAt: this.#applyAt(),
            },
      );
      if (next instanceof Error) {
        if (next.message.startsWith('only'))
          await this.#audit(socket, 'access.refused', id, `meeting:steer: ${next.message}`);
        return reply(ack, { error: next.message });
      }
      this.#broadcast(next);
      await this.#audit(socket, 'meeting.steered', id, JSON.stringify(view));
      reply(ack, { data: next });
    });

    socket.on('meeting:present', async (req, ack) => {
      const id = typeof req?.id === 'string' ? req.id : '';
      const to = typeof req?.to === 'string' ? req.to : undefined;
      const p = socket.data.principal;
      const actor = actorOf(p);
      const operator = allows(p, 'operator');
      // Handing over names someone in the meeting now, who may present (leader or more).
      const successor = to
        ? (await this.deps.io.in(meetingRoom(id)).fetchSockets())
            .map((s) => s.data.principal)
            .find((q) => actorOf(q) === to && allows(q, 'leader'))
        : p;
      if (!successor) return reply(ack, { error: `to: "${to}" is not a leader in this meeting` });
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
      if (next instanceof Error) return reply(ack, { error: next.message });
      this.#broadcast(next);
      await this.#audit(socket, 'meeting.presenter', id, `presenter: ${next.presenter!.actor}`);
      reply(ack, { data: next });
    });

    socket.on('meeting:roster', async (req, ack) => {
      const id = typeof req?.id === 'string' ? req.id : '';
      if (!(await this.store.get(id))) return reply(ack, { error: 'no such meeting' });
      reply(ack, { data: await this.#roster.watch(socket, id) });
    });
  }

  /** The instant a change takes effect: APPLY_LEAD_MS of real time ahead, on the server clock (which a demo runs fast). */
  #applyAt(): number {
    return this.deps.clock.now() + APPLY_LEAD_MS * this.deps.clock.speed;
  }

  /** To every screen of the meeting, on every process (the adapter carries it). */
  #broadcast(state: MeetingState): void {
    this.deps.io.to(meetingRoom(state.meeting.id)).emit('meeting:changed', state);
  }

  #audit(
    socket: IoSocket,
    action: 'meeting.steered' | 'meeting.presenter' | 'access.refused',
    id: string,
    detail: string,
  ) {
    return this.deps.audit.record({
      action,
      who: socket.data.principal,
      target: `meeting:${id}`,
      ip: socket.handshake.address,
      detail,
    });
  }
}
