import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FollowerSocket } from '../../../../../client/wall/state/meeting.svelte';
import {
  DEFAULT_VIEW,
  HEARTBEAT_MS,
  type MeetingState,
  type MeetingView,
} from '../../../../../shared/meeting';

// The module's page-wide instance needs the page's socket and clock: stand-ins, never a connection.
vi.mock('../../../../../client/lib/net/connection.svelte', () => ({
  connection: { socket: { on: () => {}, off: () => {}, connected: false } },
}));
vi.mock('../../../../../client/lib/net/clock.svelte', () => ({ clock: { now: () => Date.now() } }));

const { MeetingFollower, clampDelegates, meetingCodeOf, pointNameOf } =
  await import('../../../../../client/wall/state/meeting.svelte');

const T0 = Date.UTC(2025, 10, 12, 7, 0, 0);
const CODE = 'K7M4QX';

const meetingState = (seq: number, applyAt: number, view: Partial<MeetingView> = {}): MeetingState => ({
  meeting: { id: 'm1', title: 'Giao ban', startsAt: T0, code: CODE, invited: [], createdBy: 'user:op' },
  presenter: { actor: 'user:ct', name: 'Chủ tịch' },
  view: { ...DEFAULT_VIEW, ...view },
  seq,
  applyAt,
});

type Handler = (...args: unknown[]) => void;
type Answer = (event: string, args: unknown[]) => unknown;

/** A socket.io client stand-in: `fire` plays the server's events, `answer` its acknowledgements. */
function fakeSocket(answer: Answer) {
  const handlers = new Map<string, Set<Handler>>();
  const emitted: { event: string; args: unknown[] }[] = [];
  const socket = {
    connected: false,
    on(event: string, h: Handler) {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(h);
      return socket;
    },
    off(event: string, h: Handler) {
      handlers.get(event)?.delete(h);
      return socket;
    },
    emit(event: string, ...args: unknown[]) {
      emitted.push({ event, args });
      return socket;
    },
    timeout: () => ({
      emitWithAck: async (event: string, ...args: unknown[]) => {
        emitted.push({ event, args });
        return answer(event, args);
      },
    }),
  };
  return {
    socket: socket as unknown as FollowerSocket,
    emitted,
    fire(event: string, ...args: unknown[]) {
      if (event === 'connect') socket.connected = true;
      if (event === 'disconnect') socket.connected = false;
      for (const h of handlers.get(event) ?? []) h(...args);
    },
  };
}

/** The server as the follower sees it: `current` is what a join lands on. */
function sut(opts: { code?: string | null; refuse?: string; speed?: number; resync?: () => void } = {}) {
  const server = { current: meetingState(3, T0 - 5_000, { scene: 'payments' }) };
  const io = fakeSocket((event) => {
    if (event === 'meeting:join') return opts.refuse ? { error: opts.refuse } : { data: server.current };
    if (event === 'clock:ping') return { data: { serverTime: Date.now() } };
    throw new Error(`unexpected ${event}`);
  });
  const stored = new Map<string, string>();
  const storage = {
    getItem: (k: string) => stored.get(k) ?? null,
    setItem: (k: string, v: string) => stored.set(k, v),
  };
  const follower = new MeetingFollower({
    socket: io.socket,
    // The server's clock as the page measured it: from T0, at the server's speed.
    now: () => T0 + (Date.now() - T0) * (opts.speed ?? 1),
    code: opts.code === undefined ? CODE : opts.code,
    name: 'UBND xã Phú Cát',
    storage,
    random: () => 0.5,
    ...(opts.resync ? { resync: opts.resync } : {}),
  });
  return { follower, io, server, stored };
}

const joins = (io: ReturnType<typeof fakeSocket>) => io.emitted.filter((e) => e.event === 'meeting:join');
const beats = (io: ReturnType<typeof fakeSocket>) =>
  io.emitted.filter((e) => e.event === 'meeting:heartbeat').map((e) => e.args[0]);

describe(MeetingFollower.name, () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('stays idle when the address names no meeting', () => {
    const { follower, io } = sut({ code: null });
    const stop = follower.start();
    io.fire('connect');
    expect(follower.active).toBe(false);
    expect(follower.status).toBe('off');
    expect(io.emitted).toEqual([]);
    stop();
  });

  it('joins by code on connect and lands on the current state at once', async () => {
    const { follower, io } = sut();
    const stop = follower.start();
    io.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    expect(joins(io)[0]?.args[0]).toEqual({ code: CODE, name: 'UBND xã Phú Cát', delegates: 0 });
    expect(follower.status).toBe('following');
    expect(follower.view?.scene).toBe('payments');
    expect(follower.appliedSeq).toBe(3);
    expect(follower.appliedAt).toBe(T0);
    stop();
  });

  it('applies a broadcast change at its instant, not before', async () => {
    const { follower, io } = sut();
    const stop = follower.start();
    io.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    io.fire('meeting:changed', meetingState(4, T0 + 400, { scene: 'map', commune: '00004' }));
    expect(follower.upcoming?.scene).toBe('map');
    await vi.advanceTimersByTimeAsync(399);
    expect(follower.view?.scene).toBe('payments');
    await vi.advanceTimersByTimeAsync(1);
    expect(follower.view).toMatchObject({ scene: 'map', commune: '00004' });
    expect(follower.appliedAt).toBe(T0 + 400);
    expect(follower.upcoming).toBeNull();
    stop();
  });

  it('runs its timers at the server clock’s speed in an accelerated demo', async () => {
    const { follower, io } = sut({ speed: 60 });
    const stop = follower.start();
    io.fire('server:welcome', { clockSpeed: 60 });
    io.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    // 24 s of server time ahead is 400 real ms at 60x.
    io.fire('meeting:changed', meetingState(4, T0 + 24_000, { scene: 'map' }));
    await vi.advanceTimersByTimeAsync(399);
    expect(follower.view?.scene).toBe('payments');
    await vi.advanceTimersByTimeAsync(1);
    expect(follower.view?.scene).toBe('map');
    expect(follower.appliedAt).toBe(T0 + 24_000);
    stop();
  });

  it('catches up by itself after a reconnect: joins again and lands on what changed meanwhile', async () => {
    const { follower, io, server } = sut();
    const stop = follower.start();
    io.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    io.fire('disconnect');
    expect(follower.status).toBe('joining');
    expect(follower.view?.scene).toBe('payments');
    server.current = meetingState(8, T0 + 100, { scene: 'tasks' });
    await vi.advanceTimersByTimeAsync(5_000);
    io.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    expect(joins(io)).toHaveLength(2);
    expect(follower.status).toBe('following');
    expect(follower.view?.scene).toBe('tasks');
    expect(follower.appliedSeq).toBe(8);
    stop();
  });

  it('measures the server clock again once settled after joining', async () => {
    const resync = vi.fn();
    const { follower, io } = sut({ resync });
    const stop = follower.start();
    io.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    expect(resync).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(resync).toHaveBeenCalledTimes(2);
    stop();
  });

  it('ignores broadcasts of other meetings', async () => {
    const { follower, io } = sut();
    const stop = follower.start();
    io.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    const other = meetingState(99, T0 - 1, { scene: 'map' });
    io.fire('meeting:changed', { ...other, meeting: { ...other.meeting, id: 'm2', code: 'ZZZ222' } });
    expect(follower.appliedSeq).toBe(3);
    stop();
  });

  it('says it is there every HEARTBEAT_MS with its delegates, round trip and applied seq', async () => {
    const { follower, io } = sut();
    const stop = follower.start();
    io.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    follower.delegates = 42;
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    const last = beats(io).at(-1);
    expect(last).toEqual({ id: 'm1', delegates: 42, rttMs: 0, appliedSeq: 3, readySeq: 0 });
    expect(beats(io).length).toBeGreaterThanOrEqual(2);
    stop();
  });

  it('says at once which change it holds the data of, never going back', async () => {
    const { follower, io } = sut();
    const stop = follower.start();
    io.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    const before = beats(io).length;
    follower.ready(5);
    expect(beats(io).length).toBe(before + 1);
    expect(beats(io).at(-1)).toMatchObject({ appliedSeq: 3, readySeq: 5 });
    follower.ready(4);
    expect(beats(io).length).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(beats(io).at(-1)).toMatchObject({ readySeq: 5 });
    stop();
  });

  it('keeps the delegates count across a reload', () => {
    const first = sut();
    first.follower.delegates = 37.6;
    expect(first.follower.delegates).toBe(38);
    expect([...first.stored.values()]).toEqual(['38']);
  });

  it('says why a join is refused and asks again later', async () => {
    const { follower, io } = sut({ refuse: 'no meeting with this code' });
    const stop = follower.start();
    io.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    expect(follower.status).toBe('refused');
    expect(follower.error).toBe('no meeting with this code');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(joins(io)).toHaveLength(2);
    stop();
  });
});

describe('the wall’s address', () => {
  it('names the meeting and the point', () => {
    expect(meetingCodeOf('?meeting=K7M4QX&kiosk')).toBe('K7M4QX');
    expect(meetingCodeOf('?kiosk')).toBeNull();
    expect(pointNameOf('?meeting=K7M4QX&point=UBND%20x%C3%A3%20Ph%C3%BA%20C%C3%A1t')).toBe('UBND xã Phú Cát');
  });
  it('takes a delegates count the server accepts', () => {
    expect(clampDelegates(-3)).toBe(0);
    expect(clampDelegates(Number.NaN)).toBe(0);
    expect(clampDelegates(1e9)).toBe(100_000);
  });
});
