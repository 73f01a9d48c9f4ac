import { io as ioConnect } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { Users } from '../../server/auth/users';
import { manualClock, systemClock } from '../../server/clock';
import { redisAdapter } from '../../server/hub/adapter';
import { ApiKeys } from '../../server/ingest/api-keys';
import { createRedisStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import type { AuditPage, DeviceInfo, PairingStatus } from '../../shared/admin';
import { REPORT_MS, type DisplayEntry, type DisplayReport, type FleetCommand } from '../../shared/fleet';
import { eventually, startTestApp, type TestSocket } from '../support/app';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { STORES } from '../support/stores';

const PASSWORD = 'một mật khẩu đủ dài';
const PEOPLE = [
  { login: 'quan.tri', name: 'Quản trị viên', role: 'admin' },
  { login: 'truc.ban', name: 'Trực ban', role: 'operator' },
  { login: 'lanh.dao', name: 'Nguyễn Văn A', role: 'leader' },
] as const;
const START = Date.UTC(2025, 10, 12, 2, 0, 0);

const report = (over: Partial<DisplayReport> = {}): DisplayReport => ({
  kind: 'wall',
  width: 3840,
  height: 1080,
  dpr: 1,
  version: '0.1.0',
  scene: 'map',
  meetingId: null,
  ...over,
});

/** A connected screen and the commands it has heard. */
interface Screen {
  socket: TestSocket;
  heard: FleetCommand[];
}

describe.each(STORES)('the display fleet (%s store)', (name, makeStore) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  const clock = manualClock(START);
  const cookies = {} as Record<(typeof PEOPLE)[number]['role'], string>;

  beforeEach(async () => {
    clock.set(START);
    ({ store, cleanup } = await makeStore(`fleet-${name}`));
    const users = new Users(store, clock);
    for (const p of PEOPLE) await users.add({ ...p, password: PASSWORD });
    sut = await startTestApp(store, { clock, loopbackWatch: false });
    for (const p of PEOPLE) cookies[p.role] = await sut.signIn(p.login, PASSWORD);
  });
  afterEach(async () => {
    await sut.close();
    await cleanup();
  });

  const api = (path: string, init: { method?: string; cookie?: string; body?: unknown } = {}) =>
    fetch(`${sut.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });

  /** A screen asks for a code and an operator pairs it: the screen's cookie and the device. */
  async function pairScreen(deviceName: string, place: string) {
    const asked = await api('/api/v1/pairing', { method: 'POST' });
    const cookie = (asked.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { code } = (await asked.json()) as PairingStatus & { state: 'pending' };
    const paired = await api('/api/v1/devices', {
      method: 'POST',
      cookie: cookies.operator,
      body: { code, name: deviceName, place },
    });
    expect(paired.status).toBe(201);
    return { cookie, device: (await paired.json()) as DeviceInfo };
  }

  /** Connects with `cookie` and waits for the server's welcome, so the guard has let it in. */
  async function connect(cookie: string): Promise<Screen> {
    const socket = sut.socket(cookie);
    const heard: FleetCommand[] = [];
    socket.on('display:command', (c) => heard.push(c));
    await new Promise<void>((resolve, reject) => {
      socket.once('server:welcome', () => resolve());
      socket.once('connect_error', reject);
    });
    return { socket, heard };
  }

  const list = async (s: TestSocket) => s.timeout(5000).emitWithAck('fleet:list');
  const entries = async (s: TestSocket): Promise<DisplayEntry[]> => {
    const r = await list(s);
    if ('error' in r) throw new Error(r.error);
    return r.data;
  };
  const command = (s: TestSocket, target: string, c: unknown) =>
    s.timeout(5000).emitWithAck('fleet:command', { target, command: c as FleetCommand });
  const audit = async () =>
    ((await (await api('/api/v1/audit', { cookie: cookies.admin })).json()) as AuditPage).entries;

  it('lists a reporting screen by its device name, and a paired screen not connected as offline', async () => {
    const wall = await pairScreen('Màn hình chính', 'Phòng điều hành IOC');
    const idle = await pairScreen('Điểm cầu xã Phú Cát', 'UBND xã Phú Cát');
    const screen = await connect(wall.cookie);
    const operator = await connect(cookies.operator);
    screen.socket.emit('display:report', report());

    const found = await eventually(async () =>
      (await entries(operator.socket)).find((e) => e.socketId === screen.socket.id),
    );
    expect(found).toMatchObject({
      actor: `device:${wall.device.id}`,
      name: 'Màn hình chính',
      place: 'Phòng điều hành IOC',
      kind: 'wall',
      width: 3840,
      height: 1080,
      scene: 'map',
      online: true,
      lastReport: START,
      connectedAt: START,
    });
    const all = await entries(operator.socket);
    // The operator's own console never reported: it is no screen.
    expect(all.map((e) => [e.name, e.online, e.socketId === ''])).toEqual([
      ['Điểm cầu xã Phú Cát', false, true],
      ['Màn hình chính', true, false],
    ]);
    expect(all[0]).toMatchObject({ actor: `device:${idle.device.id}`, place: 'UBND xã Phú Cát' });
  });

  it('flags a connected screen offline once silent for twice REPORT_MS, and back online when it reports', async () => {
    const wall = await pairScreen('Màn hình chính', 'Phòng điều hành IOC');
    const screen = await connect(wall.cookie);
    const operator = await connect(cookies.operator);
    screen.socket.emit('display:report', report());
    await eventually(async () => (await entries(operator.socket)).some((e) => e.online));

    clock.advance(2 * REPORT_MS + 1);
    expect((await entries(operator.socket)).map((e) => e.online)).toEqual([false]);
    screen.socket.emit('display:report', report({ scene: 'tasks' }));
    const back = await eventually(async () => (await entries(operator.socket)).find((e) => e.online));
    expect(back).toMatchObject({ scene: 'tasks', lastReport: START + 2 * REPORT_MS + 1 });
  });

  it('sends identify, scene and reload to exactly the screen targeted, or to every screen of a device', async () => {
    const one = await pairScreen('Màn hình trái', 'Phòng điều hành IOC');
    const two = await pairScreen('Màn hình phải', 'Phòng điều hành IOC');
    const left = await connect(one.cookie);
    const right = await connect(two.cookie);
    const operator = (await connect(cookies.operator)).socket;

    expect(await command(operator, left.socket.id!, { action: 'identify', seconds: 20 })).toEqual({
      data: { sent: 1 },
    });
    await eventually(() => left.heard.length === 1);
    expect(await command(operator, right.socket.id!, { action: 'scene', scene: 'payments' })).toEqual({
      data: { sent: 1 },
    });
    await eventually(() => right.heard.length === 1);
    expect(await command(operator, left.socket.id!, { action: 'reload' })).toEqual({ data: { sent: 1 } });
    await eventually(() => left.heard.length === 2);
    // A socket hears its commands in order: had the other screen heard one, it would have come first.
    expect(left.heard).toEqual([{ action: 'identify', seconds: 20 }, { action: 'reload' }]);
    expect(right.heard).toEqual([{ action: 'scene', scene: 'payments' }]);

    // "device:<id>" reaches every screen the device has open, and only those.
    const leftAgain = await connect(one.cookie);
    expect(await command(operator, `device:${one.device.id}`, { action: 'scene', scene: null })).toEqual({
      data: { sent: 2 },
    });
    await eventually(() => left.heard.length === 3 && leftAgain.heard.length === 1);
    expect(leftAgain.heard).toEqual([{ action: 'scene', scene: null }]);
    expect(right.heard).toHaveLength(1);

    const audited = (await audit()).filter((e) => e.action === 'fleet.command');
    expect(audited).toHaveLength(4);
    expect(audited.every((e) => e.actor === 'user:truc.ban')).toBe(true);
  });

  it('refuses the fleet to a device and to a leader, and records each attempt', async () => {
    const wall = await pairScreen('Màn hình chính', 'Phòng điều hành IOC');
    const device = await connect(wall.cookie);
    const leader = await connect(cookies.leader);
    for (const s of [device.socket, leader.socket]) {
      expect(await list(s)).toEqual({ error: 'forbidden: "fleet:list" needs the operator role' });
      expect(await command(s, device.socket.id!, { action: 'reload' })).toEqual({
        error: 'forbidden: "fleet:command" needs the operator role',
      });
    }
    expect(device.heard).toEqual([]);
    const refused = (await audit()).filter((e) => e.action === 'access.refused');
    expect(refused.map((e) => `${e.actor} ${e.target}`).sort()).toEqual([
      `device:${wall.device.id} fleet:command`,
      `device:${wall.device.id} fleet:list`,
      'user:lanh.dao fleet:command',
      'user:lanh.dao fleet:list',
    ]);
  });

  it('answers bad commands and reports with an error naming the field', async () => {
    const wall = await pairScreen('Màn hình chính', 'Phòng điều hành IOC');
    const screen = await connect(wall.cookie);
    const operator = (await connect(cookies.operator)).socket;
    const id = screen.socket.id!;
    const cases: [string, unknown, RegExp][] = [
      ['feed:province', { action: 'reload' }, /^target: must be a socket id/],
      [id, { action: 'dance' }, /^command.action: /],
      [id, { action: 'identify', seconds: 0 }, /^command.seconds: /],
      [id, { action: 'identify', seconds: 3600 }, /^command.seconds: /],
      [id, { action: 'scene', scene: 'weather' }, /^command.scene: must be one of/],
      ['nobody-here', { action: 'reload' }, /^target: no connected screen/],
      ['device:unknown', { action: 'reload' }, /^target: no connected screen/],
    ];
    for (const [target, c, error] of cases)
      expect(await command(operator, target, c), `${target} ${JSON.stringify(c)}`).toEqual({
        error: expect.stringMatching(error),
      });
    expect(screen.heard).toEqual([]);

    // Reports carry no ack in the contract; a screen that asks for one is told what was wrong.
    const timed = screen.socket.timeout(5000);
    const emit = timed.emitWithAck.bind(timed) as (e: string, ...a: unknown[]) => Promise<unknown>;
    expect(await emit('display:report', { ...report(), width: -1 })).toEqual({
      error: expect.stringMatching(/^width: /),
    });
    // Connected but never reported well: listed offline, by its device, which commands can still reach.
    expect(await entries(operator)).toMatchObject([
      { socketId: '', actor: `device:${wall.device.id}`, online: false },
    ]);
    expect(await command(operator, `device:${wall.device.id}`, { action: 'reload' })).toEqual({
      data: { sent: 1 },
    });
  });
});

describe('the display fleet across two server processes sharing Redis', () => {
  const prefix = uniquePrefix('fleet-two');
  const opened: { close(): Promise<void> }[] = [];
  const sockets: TestSocket[] = [];

  /** One server process: its own store client and adapter on the shared Redis, as server/index.ts wires it. */
  async function startProcess(name: string) {
    const store = await createRedisStore({ url: testRedisUrl(), prefix });
    const shared = await redisAdapter(testRedisUrl(), prefix);
    const app = await createApp({
      store,
      clock: systemClock,
      keys: new ApiKeys(),
      province: { code: '01', name: 'Thành phố Hà Nội' },
      consumer: `test-${name}-${process.pid}`,
      staticDir: null,
      aggregate: false,
      loopbackWatch: false,
      adapter: shared.adapter,
    });
    const baseUrl = `http://127.0.0.1:${await app.listen(0)}`;
    opened.push({
      close: async () => {
        await app.close();
        await shared.close();
        await store.close();
      },
    });
    return { store, baseUrl };
  }

  const connectTo = async (baseUrl: string, cookie: string) => {
    const socket: TestSocket = ioConnect(baseUrl, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { cookie },
    });
    sockets.push(socket);
    const heard: FleetCommand[] = [];
    socket.on('display:command', (c) => heard.push(c));
    await new Promise<void>((resolve, reject) => {
      socket.once('server:welcome', () => resolve());
      socket.once('connect_error', reject);
    });
    return { socket, heard };
  };

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const o of opened.splice(0)) await o.close();
    await dropPrefix(testRedisUrl(), prefix);
  });

  it('lists and commands a screen connected to the other process', async () => {
    const a = await startProcess('a');
    const b = await startProcess('b');
    await new Users(a.store, systemClock).add({ ...PEOPLE[1], password: PASSWORD });
    const signIn = await fetch(`${a.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: PEOPLE[1].login, password: PASSWORD }),
    });
    const operatorCookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const asked = await fetch(`${a.baseUrl}/api/v1/pairing`, { method: 'POST' });
    const deviceCookie = (asked.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { code } = (await asked.json()) as PairingStatus & { state: 'pending' };
    const paired = await fetch(`${a.baseUrl}/api/v1/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: operatorCookie },
      body: JSON.stringify({ code, name: 'Điểm cầu xã Phú Cát', place: 'UBND xã Phú Cát' }),
    });
    const device = (await paired.json()) as DeviceInfo;

    const far = await connectTo(b.baseUrl, deviceCookie);
    const near = await connectTo(a.baseUrl, deviceCookie);
    far.socket.emit('display:report', report({ kind: 'bridge', meetingId: 'm-1' }));
    const operator = (await connectTo(a.baseUrl, operatorCookie)).socket;

    const listed = await eventually(async () => {
      const r = await operator.timeout(5000).emitWithAck('fleet:list');
      return 'data' in r && r.data.find((e: DisplayEntry) => e.socketId === far.socket.id);
    }, 15_000);
    expect(listed).toMatchObject({
      name: 'Điểm cầu xã Phú Cát',
      kind: 'bridge',
      meetingId: 'm-1',
      online: true,
    });

    const sent = await operator
      .timeout(5000)
      .emitWithAck('fleet:command', { target: far.socket.id!, command: { action: 'identify', seconds: 10 } });
    expect(sent).toEqual({ data: { sent: 1 } });
    await eventually(() => far.heard.length === 1);
    expect(
      await operator.timeout(5000).emitWithAck('fleet:command', {
        target: `device:${device.id}`,
        command: { action: 'reload' },
      }),
    ).toEqual({ data: { sent: 2 } });
    await eventually(() => far.heard.length === 2 && near.heard.length === 1);
    expect(near.heard).toEqual([{ action: 'reload' }]);
  });
});
