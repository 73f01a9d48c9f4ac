import { describe, expect, it } from 'vitest';
import { fleetEntries, staleAfter, type FleetSocket, type LastSeen } from '../../../../server/fleet/entries';
import { displayReport, fleetCommandRequest } from '../../../../server/fleet/fleet-schema';
import { problemOf } from '../../../../server/validation';
import type { Principal } from '../../../../shared/access';
import type { DeviceInfo } from '../../../../shared/admin';
import { REPORT_MS, type DisplayReport } from '../../../../shared/fleet';

const NOW = Date.UTC(2025, 10, 12, 2, 0, 0);
const report = (over: Partial<LastSeen> = {}): LastSeen => ({
  kind: 'wall',
  width: 1920,
  height: 1080,
  dpr: 1,
  version: '0.1.0',
  scene: 'overview',
  meetingId: null,
  at: NOW - 1_000,
  connectedAt: NOW - 60_000,
  ...over,
});
const device = (id: string, name: string, over: Partial<DeviceInfo> = {}): DeviceInfo => ({
  id,
  name,
  place: `Nơi đặt ${name}`,
  pairedAt: NOW - 86_400_000,
  pairedBy: 'user:truc.ban',
  revokedAt: null,
  revokedBy: null,
  ...over,
});
const socket = (id: string, principal: Principal, r?: LastSeen): FleetSocket => ({
  id,
  data: { principal, ...(r ? { report: r } : {}) },
});
const asDevice = (id: string): Principal => ({ kind: 'device', id, name: `principal ${id}` });

describe(fleetEntries.name, () => {
  const devices = [device('d1', 'Màn hình chính'), device('d2', 'Điểm cầu Phú Cát')];

  it('names a device screen as paired, a person by name and a loopback screen "localhost"', () => {
    const list = fleetEntries({
      sockets: [
        socket('s1', asDevice('d1'), report()),
        socket('s2', { kind: 'user', login: 'truc.ban', name: 'Trực ban', role: 'operator' }, report()),
        socket('s3', { kind: 'loopback' }, report()),
      ],
      devices: [devices[0]!],
      now: NOW,
      speed: 1,
    });
    expect(list.map((e) => [e.socketId, e.actor, e.name, e.place])).toEqual([
      ['s3', 'loopback', 'localhost', ''],
      ['s1', 'device:d1', 'Màn hình chính', 'Nơi đặt Màn hình chính'],
      ['s2', 'user:truc.ban', 'Trực ban', ''],
    ]);
    expect(list[1]).toMatchObject({ lastReport: NOW - 1_000, connectedAt: NOW - 60_000, online: true });
    expect(list[1]).not.toHaveProperty('at');
  });

  it('lists a paired device with no screen reporting as offline, first, and never a revoked one', () => {
    const list = fleetEntries({
      sockets: [socket('s1', asDevice('d1'), report()), socket('s9', asDevice('d2'))],
      devices: [...devices, device('d3', 'Đã thu hồi', { revokedAt: NOW - 1 })],
      now: NOW,
      speed: 1,
    });
    expect(list.map((e) => [e.name, e.online, e.socketId])).toEqual([
      ['Điểm cầu Phú Cát', false, ''],
      ['Màn hình chính', true, 's1'],
    ]);
    expect(list[0]).toMatchObject({ actor: 'device:d2', lastReport: 0, width: 0 });
  });

  it('describes an offline device by its last report when this process heard one', () => {
    const seen = report({ scene: 'map', width: 3840, at: NOW - 3_600_000 });
    const [e] = fleetEntries({
      sockets: [],
      devices: [devices[1]!],
      now: NOW,
      speed: 1,
      lastSeen: new Map([['d2', seen]]),
    });
    expect(e).toMatchObject({ online: false, scene: 'map', width: 3840, lastReport: NOW - 3_600_000 });
  });

  it('counts a screen silent for twice REPORT_MS of real time offline, whatever the clock speed', () => {
    const at = (ms: number, speed: number) =>
      fleetEntries({
        sockets: [socket('s1', asDevice('d1'), report({ at: NOW - ms }))],
        devices,
        now: NOW,
        speed,
      }).find((e) => e.socketId === 's1')!.online;
    expect(at(2 * REPORT_MS, 1)).toBe(true);
    expect(at(2 * REPORT_MS + 1, 1)).toBe(false);
    // A demo at 60× moves its clock 60 s per real second: a report 10 clock-minutes old is 10 s old.
    expect(at(10 * 60_000, 60)).toBe(true);
    expect(staleAfter(60)).toBe(60 * 2 * REPORT_MS);
  });
});

describe('fleet messages', () => {
  const good: DisplayReport = {
    kind: 'bridge',
    width: 1280,
    height: 720,
    dpr: 1.5,
    version: 'x',
    scene: null,
    meetingId: 'm1',
  };

  it('takes a report and drops fields it does not know', () => {
    expect(displayReport.parse({ ...good, extra: 1 })).toEqual(good);
  });

  it.each([
    [{ ...good, kind: 'phone' }, /^kind: /],
    [{ ...good, width: 1.5 }, /^width: /],
    [{ ...good, dpr: 0 }, /^dpr: /],
    [{ ...good, scene: 'weather' }, /^scene: must be one of overview/],
    [{ ...good, version: 'v'.repeat(65) }, /^version: /],
  ])('refuses the report %j naming the field', (bad, message) => {
    const r = displayReport.safeParse(bad);
    expect(!r.success && problemOf(r.error)).toMatch(message);
  });

  it.each([
    [{ target: 'feed:province', command: { action: 'reload' } }, /^target: must be a socket id/],
    [{ target: 'session:abc', command: { action: 'reload' } }, /^target: /],
    [{ target: 'abc', command: { action: 'reload', extra: 1 } }, /^command: /],
    [{ target: 'abc', command: { action: 'dance' } }, /^command.action: must be reload, scene or identify/],
    [{ target: 'abc', command: { action: 'identify', seconds: 301 } }, /^command.seconds: /],
    [{ target: 'abc', command: { action: 'scene' } }, /^command.scene: /],
    [{ target: 'abc' }, /^command: /],
  ])('refuses the command %j naming the field', (bad, message) => {
    const r = fleetCommandRequest.safeParse(bad);
    expect(!r.success && problemOf(r.error)).toMatch(message);
  });

  it('takes a command to a socket or to a device', () => {
    expect(
      fleetCommandRequest.safeParse({ target: 'device:Xq3-_a', command: { action: 'scene', scene: null } })
        .success,
    ).toBe(true);
    expect(
      fleetCommandRequest.safeParse({ target: 'AbC_-123', command: { action: 'identify', seconds: 30 } })
        .success,
    ).toBe(true);
  });
});
