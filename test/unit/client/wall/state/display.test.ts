import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../../../../shared/access';
import { REPORT_MS, type DisplayReport, type FleetCommand } from '../../../../../shared/fleet';
import type { SceneId } from '../../../../../shared/scenes';

// The page's own socket would connect on import: the state is tested on a fake one instead.
vi.mock('../../../../../client/lib/net/connection.svelte', () => ({
  connection: { socket: { on: () => undefined } },
}));
vi.mock('../../../../../client/wall/state/welcome.svelte', () => ({
  serverInfo: { version: null, viewer: null },
}));
const { CHECK_MS, DisplayState } = await import('../../../../../client/wall/state/display.svelte');

const T0 = Date.UTC(2025, 10, 12, 7, 0, 0);

/** A socket that records what is sent and lets the test play the server. */
function fakeSocket() {
  const handlers = new Map<string, (arg: unknown) => void>();
  const sent: DisplayReport[] = [];
  return {
    connected: true,
    sent,
    on(event: string, fn: (arg: unknown) => void) {
      handlers.set(event, fn);
      return this;
    },
    emit(_event: 'display:report', r: DisplayReport) {
      sent.push(r);
      return this;
    },
    /** The server sends `event`. */
    hear(event: 'server:welcome' | 'display:command', arg?: FleetCommand) {
      handlers.get(event)?.(arg);
    },
  };
}

function sut(principal: Principal | null = { kind: 'device', id: 'd1', name: 'Màn hình chính' }) {
  const socket = fakeSocket();
  const reload = vi.fn();
  const pairedAs = vi.fn(async () => ({ name: 'Màn hình chính', place: 'Phòng điều hành IOC' }));
  const state = new DisplayState(socket as never, {
    kind: 'wall',
    version: () => '0.1.0',
    principal: () => principal,
    viewport: () => ({ width: 3840, height: 1080, dpr: 1 }),
    reload,
    pairedAs,
  });
  return { state, socket, reload, pairedAs };
}

describe(DisplayState.name, () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('reports what it is and shows when started, on every welcome, and every REPORT_MS', () => {
    const { state, socket } = sut();
    socket.hear('server:welcome');
    expect(socket.sent).toEqual([]); // not started: the wall has not wired its scene yet
    const stop = state.start({ scene: () => 'map', meetingId: () => null });
    expect(socket.sent).toEqual([
      { kind: 'wall', width: 3840, height: 1080, dpr: 1, version: '0.1.0', scene: 'map', meetingId: null },
    ]);
    socket.hear('server:welcome');
    expect(socket.sent).toHaveLength(2);
    vi.advanceTimersByTime(REPORT_MS - CHECK_MS);
    expect(socket.sent).toHaveLength(2);
    vi.advanceTimersByTime(CHECK_MS);
    expect(socket.sent).toHaveLength(3);
    stop();
    vi.advanceTimersByTime(5 * REPORT_MS);
    expect(socket.sent).toHaveLength(3);
  });

  it('reports within a second when its scene or meeting changes', () => {
    const { state, socket } = sut();
    let scene: SceneId = 'overview';
    let meeting: string | null = null;
    state.start({ scene: () => scene, meetingId: () => meeting });
    scene = 'tasks';
    vi.advanceTimersByTime(CHECK_MS);
    meeting = 'm-42';
    vi.advanceTimersByTime(CHECK_MS);
    vi.advanceTimersByTime(CHECK_MS);
    expect(socket.sent.map((r) => [r.scene, r.meetingId])).toEqual([
      ['overview', null],
      ['tasks', null],
      ['tasks', 'm-42'],
    ]);
  });

  it('sends nothing while disconnected, and reports at the next check once back', () => {
    const { state, socket } = sut();
    socket.connected = false;
    state.start();
    vi.advanceTimersByTime(3 * CHECK_MS);
    expect(socket.sent).toEqual([]);
    socket.connected = true;
    vi.advanceTimersByTime(CHECK_MS);
    expect(socket.sent).toHaveLength(1);
  });

  it('reloads, and takes or drops the scene an operator pins', () => {
    const { state, socket, reload } = sut();
    socket.hear('display:command', { action: 'scene', scene: 'payments' });
    expect(state.sceneOverride).toBe('payments');
    socket.hear('display:command', { action: 'scene', scene: null });
    expect(state.sceneOverride).toBeNull();
    socket.hear('display:command', { action: 'reload' });
    expect(reload).toHaveBeenCalledOnce();
  });

  it('shows its name at once, its place as paired once known, for the seconds asked', async () => {
    const { state, socket } = sut();
    socket.hear('display:command', { action: 'identify', seconds: 20 });
    expect(state.identifying).toEqual({ name: 'Màn hình chính', place: '', until: T0 + 20_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(state.identifying).toEqual({
      name: 'Màn hình chính',
      place: 'Phòng điều hành IOC',
      until: T0 + 20_000,
    });
    await vi.advanceTimersByTimeAsync(19_999);
    expect(state.identifying).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(state.identifying).toBeNull();
  });

  it('keeps the later of two identify commands, and a person or loopback screen needs no lookup', async () => {
    const { state, socket } = sut();
    socket.hear('display:command', { action: 'identify', seconds: 5 });
    await vi.advanceTimersByTimeAsync(4_000);
    socket.hear('display:command', { action: 'identify', seconds: 5 });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(state.identifying?.until).toBe(T0 + 9_000);

    const loopback = sut({ kind: 'loopback' });
    loopback.socket.hear('display:command', { action: 'identify', seconds: 5 });
    await vi.advanceTimersByTimeAsync(0);
    expect(loopback.state.identifying).toEqual({ name: 'localhost', place: '', until: T0 + 8_000 + 5_000 });
    expect(loopback.pairedAs).not.toHaveBeenCalled();
  });

  it('keeps the principal name when the device cannot say its place', async () => {
    const { state, socket, pairedAs } = sut();
    pairedAs.mockRejectedValueOnce(new Error('offline'));
    socket.hear('display:command', { action: 'identify', seconds: 5 });
    await vi.advanceTimersByTimeAsync(0);
    expect(state.identifying).toMatchObject({ name: 'Màn hình chính', place: '' });
  });
});
