import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../shared/admin';
import { Users } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import { createMemoryStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import { startTestApp } from '../support/app';

const PASSWORD = 'mật khẩu quản trị dài';
/** A page on another port of the same host: the same site, so SameSite=Strict alone would let it through. */
const STRANGER = 'http://127.0.0.1:9';

type Sut = Awaited<ReturnType<typeof startTestApp>>;

async function withAdmin(opts: Parameters<typeof startTestApp>[1] = {}) {
  const store: Store = createMemoryStore();
  await new Users(store, systemClock).add({
    login: 'quantri',
    name: 'Quản trị',
    role: 'admin',
    password: PASSWORD,
  });
  const sut = await startTestApp(store, { loopbackWatch: false, ...opts });
  return { sut, store };
}

const newUser = (sut: Sut, cookie: string, headers: Record<string, string>, login: string) =>
  fetch(`${sut.baseUrl}/api/v1/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify({ login, name: 'Người mới', role: 'viewer', password: 'một mật khẩu dài' }),
  });

/** Resolves with how a Socket.IO handshake ended: connected, or the error it was refused with. */
function handshake(sut: Sut, headers: Record<string, string>, transport: 'websocket' | 'polling') {
  const socket = connect(sut.baseUrl, {
    transports: [transport],
    reconnection: false,
    forceNew: true,
    extraHeaders: headers,
  });
  return new Promise<string>((resolve) => {
    socket.on('connect', () => resolve('connected'));
    socket.on('connect_error', (err) => resolve(`refused: ${err.message}`));
  }).finally(() => socket.disconnect());
}

describe('state changes and screens from another origin', () => {
  let sut: Sut;
  afterEach(() => sut.close());

  it('refuses a page of another port creating a user, and lets the server own origin and machines through', async () => {
    ({ sut } = await withAdmin());
    const cookie = await sut.signIn('quantri', PASSWORD);
    const refused = await newUser(sut, cookie, { origin: STRANGER }, 'la.mat');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/origin/);
    expect((await newUser(sut, cookie, { origin: sut.baseUrl }, 'cung.nha')).status).toBe(201);
    // No Origin at all: not a browser page (every browser sends Origin with a POST), so not refused.
    expect((await newUser(sut, cookie, {}, 'may.moc')).status).toBe(201);
    const logins = (
      (await (await fetch(`${sut.baseUrl}/api/v1/users`, { headers: { cookie } })).json()) as {
        login: string;
      }[]
    ).map((u) => u.login);
    expect(logins).not.toContain('la.mat');
    // Reading is not refused: another origin's page cannot read the answer anyway (no CORS).
    expect(
      (await fetch(`${sut.baseUrl}/api/v1/users`, { headers: { cookie, origin: STRANGER } })).status,
    ).toBe(200);
  });

  it('refuses a Socket.IO handshake from another origin, over WebSocket and long-polling', async () => {
    ({ sut } = await withAdmin());
    const cookie = await sut.signIn('quantri', PASSWORD);
    expect(await handshake(sut, { cookie, origin: STRANGER }, 'websocket')).toMatch(/^refused/);
    expect(await handshake(sut, { cookie, origin: STRANGER }, 'polling')).toMatch(/^refused/);
    expect(await handshake(sut, { cookie, origin: sut.baseUrl }, 'websocket')).toBe('connected');
    expect(await handshake(sut, { cookie, origin: sut.baseUrl }, 'polling')).toBe('connected');
  });

  it('takes ALLOWED_ORIGINS instead of its own origin when given', async () => {
    ({ sut } = await withAdmin({ allowedOrigins: ['https://wall.example.vn'] }));
    const cookie = await sut.signIn('quantri', PASSWORD);
    expect((await newUser(sut, cookie, { origin: sut.baseUrl }, 'mot.nguoi')).status).toBe(403);
    expect((await newUser(sut, cookie, { origin: 'https://wall.example.vn' }, 'hai.nguoi')).status).toBe(201);
    expect(await handshake(sut, { cookie, origin: 'https://wall.example.vn' }, 'websocket')).toBe(
      'connected',
    );
  });
});

describe('behind a trusted proxy (TRUST_PROXY)', () => {
  let sut: Sut;
  afterEach(() => sut.close());

  const signIn = (headers: Record<string, string>) =>
    fetch(`${sut.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ login: 'quantri', password: PASSWORD }),
    });

  it('sets Secure on the session cookie when the proxy says the page came over HTTPS', async () => {
    ({ sut } = await withAdmin({ trustProxy: 1 }));
    const overTls = await signIn({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'wall.example.vn' });
    expect(overTls.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const plain = await signIn({});
    expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    // Its own origin is the one the proxy was asked for: https://wall.example.vn.
    const cookie = (overTls.headers.get('set-cookie') ?? '').split(';')[0]!;
    const relayed = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'wall.example.vn' };
    expect(
      (await newUser(sut, cookie, { ...relayed, origin: 'https://wall.example.vn' }, 'qua.proxy')).status,
    ).toBe(201);
    expect((await newUser(sut, cookie, { ...relayed, origin: sut.baseUrl }, 'sai.goc')).status).toBe(403);
  });

  it('ignores the forwarding headers of a proxy it does not trust', async () => {
    ({ sut } = await withAdmin());
    const res = await signIn({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' });
    expect(res.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const audit = (await (
      await fetch(`${sut.baseUrl}/api/v1/audit`, { headers: { cookie } })
    ).json()) as AuditPage;
    expect(audit.entries.find((e) => e.action === 'session.signed-in')?.ip).toMatch(/127\.0\.0\.1/);
  });

  it('audits and limits the client address the proxy gives, not the proxy own', async () => {
    ({ sut } = await withAdmin({
      trustProxy: ['127.0.0.1/8', '::1'],
      limits: { signIn: { name: 'sign-in', perMinute: 2, burst: 2 } },
    }));
    const first = await signIn({ 'x-forwarded-for': '203.0.113.7' });
    expect(first.status).toBe(200);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await signIn({ 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
    expect((await signIn({ 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
    // Another client behind the same proxy has its own allowance.
    expect((await signIn({ 'x-forwarded-for': '198.51.100.20' })).status).toBe(200);
    const audit = (await (
      await fetch(`${sut.baseUrl}/api/v1/audit`, { headers: { cookie } })
    ).json()) as AuditPage;
    const ips = audit.entries.filter((e) => e.action === 'session.signed-in').map((e) => e.ip);
    expect(ips).toContain('203.0.113.7');
    expect(ips).toContain('198.51.100.20');
  });
});
