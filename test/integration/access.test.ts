import { io as connect } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Users } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import type { Store } from '../../server/store/types';
import type { AuditEntry, AuditPage, DeviceInfo, NewSourceKey, PairingStatus } from '../../shared/admin';
import type { SessionResponse } from '../../shared/access';
import type { Welcome } from '../../shared/socket';
import { eventually, startTestApp, type TestSocket } from '../support/app';
import { heartbeat } from '../support/events';
import { STORES } from '../support/stores';

const PASSWORD = 'một mật khẩu đủ dài';
const PEOPLE = [
  { login: 'quan.tri', name: 'Quản trị viên', role: 'admin' },
  { login: 'truc.ban', name: 'Trực ban', role: 'operator' },
  { login: 'lanh.dao', name: 'Nguyễn Văn A', role: 'leader' },
] as const;

/** What a socket hears, and how its handshake ended. */
function watch(socket: TestSocket) {
  const heard: string[] = [];
  socket.onAny((event: string) => heard.push(event));
  const outcome = new Promise<{ ok: true; welcome: Welcome } | { ok: false; error: string }>((resolve) => {
    socket.on('server:welcome', (welcome) => resolve({ ok: true, welcome }));
    socket.on('connect_error', (err) => resolve({ ok: false, error: err.message }));
  });
  const disconnected = new Promise<string>((resolve) => socket.on('disconnect', resolve));
  return { heard, outcome, disconnected };
}

describe.each(STORES)('who may see, steer and manage (%s store)', (name, makeStore) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  const cookies: Record<string, string> = {};

  beforeEach(async () => {
    ({ store, cleanup } = await makeStore(`access-${name}`));
    const users = new Users(store, systemClock);
    for (const p of PEOPLE) await users.add({ ...p, password: PASSWORD });
    sut = await startTestApp(store, {
      loopbackWatch: false,
      limits: { ingest: { name: 'ingest', perSecond: 1, burst: 3 } },
    });
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

  /** A screen asks for a code, an operator pairs it: returns the screen's device cookie and the device. */
  async function pairScreen(deviceName = 'Màn hình phòng họp xã Phú Cát') {
    const asked = await api('/api/v1/pairing', { method: 'POST' });
    expect(asked.status).toBe(201);
    const cookie = (asked.headers.get('set-cookie') ?? '').split(';')[0]!;
    const pending = (await asked.json()) as PairingStatus & { state: 'pending' };
    expect(pending.state).toBe('pending');
    const typed = `${pending.code.slice(0, 3).toLowerCase()}-${pending.code.slice(3)}`;
    const paired = await api('/api/v1/devices', {
      method: 'POST',
      cookie: cookies.operator,
      body: { code: typed, name: deviceName, place: 'UBND xã Phú Cát' },
    });
    expect(paired.status).toBe(201);
    return { cookie, device: (await paired.json()) as DeviceInfo };
  }

  const auditActions = async () =>
    ((await (await api('/api/v1/audit', { cookie: cookies.admin })).json()) as AuditPage).entries;

  it('gives a socket without credentials nothing: refused at the handshake, not one event', async () => {
    const screen = watch(sut.socket());
    expect(await screen.outcome).toEqual({ ok: false, error: 'unauthorized' });
    await sut.post([heartbeat({ source: 'one_stop' })]);
    await new Promise((r) => setTimeout(r, 300));
    expect(screen.heard).toEqual([]);
    for (const path of [
      '/api/v1/kpis',
      '/api/v1/kpis/period?period=7d',
      '/api/v1/kpis/communes?period=7d&kpis=onTimeRate',
      '/api/v1/directory',
      '/api/v1/session',
    ])
      expect((await api(path)).status, path).toBe(401);
    // A forged or made-up cookie is no credential either.
    const forged = watch(sut.socket(`ioc_device=${'x'.repeat(43)}; ioc_session=${'y'.repeat(43)}`));
    expect(await forged.outcome).toEqual({ ok: false, error: 'unauthorized' });
  });

  it('lets a paired device watch but never steer, and records the attempt', async () => {
    const { cookie, device } = await pairScreen();
    const status = (await (await api('/api/v1/pairing', { cookie })).json()) as PairingStatus;
    expect(status).toEqual({
      state: 'paired',
      device: { id: device.id, name: device.name, place: device.place },
    });

    const socket = sut.socket(cookie);
    const screen = watch(socket);
    const hello = await screen.outcome;
    expect(hello.ok && hello.welcome.viewer).toEqual({
      principal: { kind: 'device', id: device.id, name: device.name },
      canSteer: false,
      canPair: false,
      canAdmin: false,
    });
    expect(await socket.timeout(5000).emitWithAck('feed:subscribe', { feed: 'province' })).toHaveProperty(
      'data',
    );
    expect(await socket.timeout(5000).emitWithAck('alert:ack', { id: 'any' })).toEqual({
      error: 'forbidden: "alert:ack" needs the operator role',
    });
    // Nor through HTTP: pairing another screen or listing devices needs an operator.
    expect((await api('/api/v1/devices', { cookie })).status).toBe(403);
    expect((await api('/api/v1/kpis', { cookie })).status).toBe(200);

    const refused = (await auditActions()).filter((e) => e.action === 'access.refused');
    expect(refused.map((e) => [e.actor, e.target])).toEqual(
      expect.arrayContaining([
        [`device:${device.id}`, 'alert:ack'],
        [`device:${device.id}`, 'GET /api/v1/devices'],
      ]),
    );
    const paired = (await auditActions()).find((e) => e.action === 'device.paired')!;
    expect(paired).toMatchObject({
      actor: 'user:truc.ban',
      actorName: 'Trực ban',
      target: `device:${device.id}`,
    });
  });

  it('cuts a revoked device off within seconds, and its cookie opens nothing after', async () => {
    const { cookie, device } = await pairScreen();
    const screen = watch(sut.socket(cookie));
    expect((await screen.outcome).ok).toBe(true);

    const revokedAt = Date.now();
    const res = await api(`/api/v1/devices/${device.id}`, { method: 'DELETE', cookie: cookies.operator });
    expect(res.status).toBe(200);
    expect(((await res.json()) as DeviceInfo).revokedBy).toBe('user:truc.ban');
    expect(await screen.disconnected).toBe('io server disconnect');
    expect(Date.now() - revokedAt).toBeLessThan(2_000);

    const again = watch(sut.socket(cookie));
    expect(await again.outcome).toEqual({ ok: false, error: 'unauthorized' });
    expect((await api('/api/v1/kpis', { cookie })).status).toBe(401);
    expect(await (await api('/api/v1/pairing', { cookie })).json()).toEqual({ state: 'none' });
    const list = (await (await api('/api/v1/devices', { cookie: cookies.operator })).json()) as DeviceInfo[];
    expect(list.find((d) => d.id === device.id)?.revokedAt).toBeTypeOf('number');
    expect((await auditActions()).map((e) => e.action)).toContain('device.revoked');
  });

  it('lets only operators acknowledge alerts, and audits each acknowledgement', async () => {
    const leader = sut.socket(cookies.leader);
    const hello = await watch(leader).outcome;
    expect(hello.ok && hello.welcome.viewer.canSteer).toBe(false);
    expect(await leader.timeout(5000).emitWithAck('alert:ack', { id: 'x' })).toMatchObject({
      error: expect.stringMatching(/^forbidden/),
    });
    const operator = sut.socket(cookies.operator);
    const op = await watch(operator).outcome;
    expect(op.ok && op.welcome.viewer).toMatchObject({ canSteer: true, canPair: true, canAdmin: false });
    // Allowed through the guard; the alert book then answers for itself.
    expect(await operator.timeout(5000).emitWithAck('alert:ack', { id: 'no-such' })).toEqual({
      error: 'no such alert',
    });
    const acks = (await auditActions()).filter((e) => e.action === 'alert.acknowledged');
    expect(acks.map((e) => [e.actor, e.target])).toEqual([['user:truc.ban', 'no-such']]);
  });

  it('does not let a leader manage people, devices or keys, nor read the audit log', async () => {
    const leader = cookies.leader;
    const newUser = { login: 'moi', name: 'Người mới', role: 'admin', password: PASSWORD };
    expect((await api('/api/v1/users', { cookie: leader })).status).toBe(403);
    expect((await api('/api/v1/users', { method: 'POST', cookie: leader, body: newUser })).status).toBe(403);
    expect((await api('/api/v1/keys', { cookie: leader })).status).toBe(403);
    expect((await api('/api/v1/devices', { cookie: leader })).status).toBe(403);
    expect((await api('/api/v1/audit', { cookie: leader })).status).toBe(403);
    expect(
      (await api('/api/v1/users', { method: 'POST', cookie: cookies.operator, body: newUser })).status,
    ).toBe(403);
    // The leader still reads numbers, and is told what it may do.
    expect((await api('/api/v1/kpis/period?period=30d', { cookie: leader })).status).toBe(200);
    expect(await (await api('/api/v1/session', { cookie: leader })).json()).toEqual({
      viewer: {
        principal: { kind: 'user', login: 'lanh.dao', name: 'Nguyễn Văn A', role: 'leader' },
        canSteer: false,
        canPair: false,
        canAdmin: false,
      },
      user: { login: 'lanh.dao', name: 'Nguyễn Văn A', role: 'leader', createdAt: expect.any(Number) },
    } satisfies SessionResponse);

    const created = await api('/api/v1/users', { method: 'POST', cookie: cookies.admin, body: newUser });
    expect(created.status).toBe(201);
    const bad = await api('/api/v1/users', {
      method: 'POST',
      cookie: cookies.admin,
      body: { login: 'X', name: '', role: 'boss', password: '1' },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'login',
      'name',
      'role',
      'password',
    ]);
    const logins = (
      (await (await api('/api/v1/users', { cookie: cookies.admin })).json()) as { login: string }[]
    ).map((u) => u.login);
    expect(logins).toEqual(['lanh.dao', 'moi', 'quan.tri', 'truc.ban']);
    const refusals = (await auditActions()).filter(
      (e) => e.action === 'access.refused' && e.actor === 'user:lanh.dao',
    );
    expect(refusals).toHaveLength(5);
  });

  it('lets an admin create a source key that works at once, keeps only its hash, and revokes it', async () => {
    const res = await api('/api/v1/keys', {
      method: 'POST',
      cookie: cookies.admin,
      body: { name: 'Cổng thanh toán tỉnh', source: 'payments', types: ['source.heartbeat'] },
    });
    expect(res.status).toBe(201);
    const { key, secret } = (await res.json()) as NewSourceKey;
    expect(key).toMatchObject({
      source: 'payments',
      types: ['source.heartbeat'],
      createdBy: 'user:quan.tri',
    });
    expect(await sut.post([heartbeat({ source: 'payments' })], secret)).toMatchObject({ status: 202 });
    // Its scope holds: another source, or a type it was not given, is refused whole.
    expect((await sut.post([heartbeat({ source: 'one_stop' })], secret)).status).toBe(403);

    // The secret is nowhere in the store: not in the list, not under any key.
    const listed = await (await api('/api/v1/keys', { cookie: cookies.admin })).text();
    expect(listed).not.toContain(secret);
    expect(await storeHolds(store, secret)).toBe(false);

    expect((await api(`/api/v1/keys/${key.id}`, { method: 'DELETE', cookie: cookies.admin })).status).toBe(
      200,
    );
    expect((await sut.post([heartbeat({ source: 'payments' })], secret)).status).toBe(401);
    const actions = (await auditActions()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['key.created', 'key.revoked']));

    const bad = await api('/api/v1/keys', {
      method: 'POST',
      cookie: cookies.admin,
      body: { name: '', source: 'payments', types: ['dossier.received'] },
    });
    expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'name',
      'types',
    ]);
  });

  it('limits ingest per key and sign-in per address, answering 429 with Retry-After', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push((await sut.post([heartbeat({ source: 'one_stop' })])).status);
    expect(answers).toEqual([202, 202, 202, 429, 429]);

    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const r = await api('/api/v1/session', {
        method: 'POST',
        body: { login: `ai-do-${i}`, password: 'sai' },
      });
      statuses.push(r.status);
      retryAfter ??= r.headers.get('retry-after');
    }
    // Three sign-ins in beforeEach, seven more wrong ones, then the address is slowed down.
    expect(statuses).toEqual([...Array(7).fill(401), ...Array(5).fill(429)]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('signing out disconnects the walls opened with that session', async () => {
    const screen = watch(sut.socket(cookies.operator));
    expect((await screen.outcome).ok).toBe(true);
    expect((await api('/api/v1/session', { method: 'DELETE', cookie: cookies.operator })).status).toBe(204);
    expect(await screen.disconnected).toBe('io server disconnect');
    expect((await auditActions()).map((e) => [e.action, e.actor])).toEqual(
      expect.arrayContaining([
        ['session.signed-out', 'user:truc.ban'],
        ['session.signed-in', 'user:quan.tri'],
      ]),
    );
  });

  it('pages the audit log newest first', async () => {
    for (let i = 0; i < 3; i++)
      await api('/api/v1/session', { method: 'POST', body: { login: 'x', password: 'y' } });
    const first = (await (await api('/api/v1/audit', { cookie: cookies.admin })).json()) as AuditPage;
    const times = first.entries.map((e: AuditEntry) => e.id);
    expect(times).toEqual([...times].sort().reverse());
    expect(first.entries[0]).toMatchObject({
      action: 'session.sign-in-failed',
      actorName: 'x',
      ip: expect.any(String),
    });
    expect((await api('/api/v1/audit?before=nonsense', { cookie: cookies.admin })).status).toBe(400);
  });
});

describe('screens on the server machine (LOOPBACK_WATCH)', () => {
  it('may watch when the setting is on, but not through a proxy, and never steer', async () => {
    const [, make] = STORES[0]!;
    const { store, cleanup } = await make('loopback');
    const sut = await startTestApp(store, { loopbackWatch: true });
    try {
      const socket = sut.socket();
      const hello = await watch(socket).outcome;
      expect(hello.ok && hello.welcome.viewer.principal).toEqual({ kind: 'loopback' });
      expect(await socket.timeout(5000).emitWithAck('alert:ack', { id: 'x' })).toMatchObject({
        error: expect.stringMatching(/^forbidden/),
      });
      expect((await fetch(`${sut.baseUrl}/api/v1/kpis`)).status).toBe(200);
      // A reverse proxy on the same machine connects from loopback too: forwarded requests are not trusted.
      const proxied = await fetch(`${sut.baseUrl}/api/v1/kpis`, {
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(proxied.status).toBe(401);
      const viaProxy = connect(sut.baseUrl, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(await watch(viaProxy).outcome).toEqual({ ok: false, error: 'unauthorized' });
      viaProxy.disconnect();
    } finally {
      await sut.close();
      await cleanup();
    }
  });

  it('may not watch when the setting is off', async () => {
    const [, make] = STORES[0]!;
    const { store, cleanup } = await make('loopback-off');
    const sut = await startTestApp(store, { loopbackWatch: false });
    try {
      expect(await watch(sut.socket()).outcome).toEqual({ ok: false, error: 'unauthorized' });
      await eventually(async () => (await fetch(`${sut.baseUrl}/api/v1/kpis`)).status === 401);
      expect((await fetch(`${sut.baseUrl}/api/v1/kpis`)).status).toBe(401);
    } finally {
      await sut.close();
      await cleanup();
    }
  });
});

/** Whether any value in the store (any key it knows of) contains `text`. */
async function storeHolds(store: Store, text: string): Promise<boolean> {
  for (const key of ['reg:keys', 'reg:devices', 'reg:users']) {
    const r = (await store.loadRecords([key])).get(key);
    if (r?.body.includes(text)) return true;
  }
  const entries = await store.readLog('audit', { count: 1000 });
  return entries.some((e) => e.body.includes(text));
}
