import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FleetState, REFRESH_MS, type ConsoleSocket } from '../../../../client/admin/fleet.svelte';
import { isOffline, reportAgeMs, sizeText, targetOf } from '../../../../client/admin/fleet-view';
import type { ServerClock } from '../../../../client/lib/net/server-clock';
import { deviceMs, serverMs } from '../../../../shared/brand';
import { REPORT_MS, type DisplayEntry, type FleetCommandRequest } from '../../../../shared/fleet';
import type { Ack } from '../../../../shared/socket';

const T0 = Date.UTC(2025, 10, 12, 7, 0, 0);
const entry = (over: Partial<DisplayEntry> = {}): DisplayEntry => ({
  kind: 'wall',
  width: 1920,
  height: 1080,
  dpr: 1,
  version: '0.1.0',
  scene: 'overview',
  meetingId: null,
  socketId: 'sock-1',
  actor: 'device:d1',
  name: 'Màn hình chính',
  place: 'Phòng điều hành IOC',
  connectedAt: T0 - 60_000,
  lastReport: T0,
  online: true,
  ...over,
});

describe('the fleet list helpers', () => {
  const clock: ServerClock = { serverTime: serverMs(T0), receivedAt: deviceMs(T0), speed: 1 };

  it('ages a report in real time, on the server clock, at any demo speed', () => {
    expect(reportAgeMs(entry(), clock, deviceMs(T0 + 5_000))).toBe(5_000);
    // A demo at 60×: one real second moves the server clock a minute; the age is still one second.
    const fast: ServerClock = {
      serverTime: serverMs(T0 + 60_000),
      receivedAt: deviceMs(T0 + 1_000),
      speed: 60,
    };
    expect(reportAgeMs(entry(), fast, deviceMs(T0 + 1_000))).toBe(1_000);
    expect(reportAgeMs(entry({ lastReport: 0 }), clock, deviceMs(T0))).toBe(Infinity);
  });

  it('shows a screen offline when the server says so or when silent for twice REPORT_MS', () => {
    expect(isOffline(entry(), clock, deviceMs(T0 + 2 * REPORT_MS))).toBe(false);
    expect(isOffline(entry(), clock, deviceMs(T0 + 2 * REPORT_MS + 1))).toBe(true);
    expect(isOffline(entry({ online: false }), clock, deviceMs(T0))).toBe(true);
  });

  it('sends to the screen, or to its device when it has no socket', () => {
    expect(targetOf(entry())).toBe('sock-1');
    expect(targetOf(entry({ socketId: '' }))).toBe('device:d1');
    expect(targetOf(entry({ socketId: '', actor: 'loopback' }))).toBeNull();
  });

  it('writes a size with its pixel ratio when not 1', () => {
    expect(sizeText(entry())).toBe('1920×1080');
    expect(sizeText(entry({ dpr: 1.5 }))).toBe('1920×1080 ×1.5');
    expect(sizeText(entry({ width: 0, height: 0 }))).toBe('—');
  });
});

/** A console socket whose server the test plays: `answer` decides each acknowledgement. */
function fakeSocket(answer: (event: string, req?: FleetCommandRequest) => Ack<unknown>) {
  const handlers = new Map<string, (arg?: unknown) => void>();
  const asked: string[] = [];
  const socket = {
    connected: false,
    on(event: string, fn: (arg?: unknown) => void) {
      handlers.set(event, fn);
      return socket;
    },
    connect() {
      socket.connected = true;
      handlers.get('server:welcome')?.({ serverTime: T0, clockSpeed: 1 });
      handlers.get('connect')?.();
      return socket;
    },
    disconnect() {
      socket.connected = false;
      handlers.get('disconnect')?.();
      return socket;
    },
    timeout: () => ({
      emitWithAck: async (event: string, req?: FleetCommandRequest) => {
        asked.push(event);
        return answer(event, req);
      },
    }),
  };
  return { socket, asked };
}

describe(FleetState.name, () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('reads the list on connect and every REFRESH_MS, and stops with the tab', async () => {
    const { socket, asked } = fakeSocket(() => ({ data: [entry()] }));
    const fleet = new FleetState(() => socket as unknown as ConsoleSocket);
    const stop = fleet.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(fleet.entries).toEqual([entry()]);
    expect(fleet.clock).toEqual({ serverTime: T0, receivedAt: T0, speed: 1 });
    await vi.advanceTimersByTimeAsync(2 * REFRESH_MS);
    expect(asked).toEqual(['fleet:list', 'fleet:list', 'fleet:list']);
    stop();
    expect(fleet.connected).toBe(false);
    await vi.advanceTimersByTimeAsync(5 * REFRESH_MS);
    expect(asked).toHaveLength(3);
  });

  it('says how many screens a command reached, or why none, in the row it came from', async () => {
    const sent: FleetCommandRequest[] = [];
    const { socket } = fakeSocket((event, req) => {
      if (event === 'fleet:list') return { data: [] };
      sent.push(req!);
      return req!.target === 'sock-1'
        ? { data: { sent: 1 } }
        : { error: 'target: no connected screen is "x"' };
    });
    const fleet = new FleetState(() => socket as unknown as ConsoleSocket);
    fleet.start();
    await fleet.send(entry(), { action: 'identify', seconds: 30 });
    expect(fleet.result).toEqual({ key: 'sock-1', ok: true, text: 'Đã gửi tới 1 màn hình' });
    await fleet.send(entry({ socketId: '' }), { action: 'reload' });
    expect(fleet.result).toEqual({
      key: 'device:d1',
      ok: false,
      text: 'Không gửi được: màn hình không kết nối',
    });
    expect(sent).toEqual([
      { target: 'sock-1', command: { action: 'identify', seconds: 30 } },
      { target: 'device:d1', command: { action: 'reload' } },
    ]);
    expect(fleet.busy.size).toBe(0);
  });
});
