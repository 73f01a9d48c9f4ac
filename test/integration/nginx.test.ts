import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, Frame, ServerToClientEvents, Snapshot } from '../../shared/socket';
import { Users } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import { createRedisStore } from '../../server/store/index';
import { received } from '../support/events';
import { httpsRequest, startNginx } from '../support/nginx';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { freePort, startServerProcess } from '../support/server-process';

const KEY = 'nginx-test-one-stop-key-01';
const PASSWORD = 'mật khẩu của phòng điều hành';
const WALLS = 6;
const RECEIVED = 'province|received';

type Wall = {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  received: number | null;
  disconnects: number;
};

/**
 * docs/deploy/nginx/ioc-wall.conf in front of two server processes on one Redis, as a data centre runs
 * it: walls connect through nginx over TLS, one process is killed, the walls carry on through the other.
 */
describe('the deploy nginx config in front of two processes', () => {
  const prefix = uniquePrefix('nginx');
  const env = {
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    INGEST_KEYS: `one_stop:${KEY}`,
    SIMULATOR: 'off',
    TRUST_PROXY: 'loopback',
  };
  const servers: Awaited<ReturnType<typeof startServerProcess>>[] = [];
  let nginx: Awaited<ReturnType<typeof startNginx>>;
  const walls: Wall[] = [];
  let cookie = '';

  beforeAll(async () => {
    const store = await createRedisStore({ url: env.REDIS_URL, prefix });
    await new Users(store, systemClock).add({
      login: 'vanhanh',
      name: 'Vận hành',
      role: 'operator',
      password: PASSWORD,
    });
    await store.close();
    const [a, b, http, https] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    servers.push(
      ...(await Promise.all([
        startServerProcess({ ...env, CONSUMER_NAME: 'nginx-a' }, a!),
        startServerProcess({ ...env, CONSUMER_NAME: 'nginx-b' }, b!),
      ])),
    );
    nginx = await startNginx({ http: http!, https: https!, upstreams: [a!, b!] });
  }, 90_000);

  afterAll(async () => {
    for (const wall of walls) wall.socket.disconnect();
    await nginx?.stop();
    await Promise.all(servers.map((s) => s.kill('SIGKILL')));
    await dropPrefix(testRedisUrl(), prefix);
  });

  const post = (events: unknown[]) =>
    httpsRequest(`${nginx.base}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify(events),
    });

  const batch = (tag: string, n: number) =>
    Array.from({ length: n }, (_, i) =>
      received({
        id: `${tag}-${i}`,
        dossierId: `NG-${tag}-${i}`,
        at: new Date().toISOString(),
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    );

  async function everyWallSees(value: number, ms: number) {
    const deadline = Date.now() + ms;
    while (walls.some((w) => w.received !== value) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    return walls.map((w) => w.received);
  }

  it('signs in over TLS with a Secure cookie, and refuses another origin', async () => {
    const signIn = (origin: string) =>
      httpsRequest(`${nginx.base}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ login: 'vanhanh', password: PASSWORD }),
      });
    const ok = await signIn(nginx.base);
    expect(ok.status).toBe(200);
    const setCookie = String(ok.headers['set-cookie']);
    expect(setCookie).toMatch(/;\s*Secure/i);
    cookie = setCookie.split(';')[0]!;
    // The origin the processes derive is nginx's (https, its host and port), not their own plain http.
    expect((await signIn(nginx.base.replace('https:', 'http:'))).status).toBe(403);
  });

  it('keeps the walls live through nginx when one process is killed', async () => {
    for (let i = 0; i < WALLS; i++) {
      const wall: Wall = {
        socket: connect(nginx.base, {
          transports: ['websocket'],
          rejectUnauthorized: false,
          extraHeaders: { cookie, origin: nginx.base },
          reconnectionDelay: 100,
          reconnectionDelayMax: 500,
          randomizationFactor: 0.5,
        }),
        received: null,
        disconnects: 0,
      };
      const take = (kpis: Snapshot['kpis'] | Frame['kpis']) => {
        const kpi = kpis[RECEIVED];
        if (kpi) wall.received = kpi[0];
      };
      wall.socket.on('connect', () =>
        wall.socket.emit('feed:subscribe', { feed: 'province' }, (r) => {
          if ('data' in r && r.data.kind === 'snapshot') take(r.data.snapshot.kpis);
        }),
      );
      wall.socket.on('kpi:frame', (f) => take(f.kpis));
      wall.socket.on('kpi:snapshot', (s) => take(s.kpis));
      wall.socket.on('disconnect', () => (wall.disconnects += 1));
      walls.push(wall);
    }
    expect((await post(batch('one', 10))).status).toBe(202);
    expect(await everyWallSees(10, 10_000)).toEqual(Array(WALLS).fill(10));

    await servers[0]!.kill('SIGKILL');
    const killedAt = Date.now();
    // A source retries until nginx finds the live process (it does at the first try: a refused
    // connection is not a sent request, so nginx passes even a POST on).
    let answer = await post(batch('two', 5)).catch(() => null);
    while (answer?.status !== 202 && Date.now() - killedAt < 10_000) {
      await new Promise((r) => setTimeout(r, 100));
      answer = await post(batch('two', 5)).catch(() => null);
    }
    expect(answer?.status).toBe(202);
    expect(await everyWallSees(15, 15_000)).toEqual(Array(WALLS).fill(15));
    // Some walls were on the killed process and came back through nginx; the others never noticed.
    const moved = walls.filter((w) => w.disconnects > 0).length;
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(WALLS);
    expect(walls.every((w) => w.socket.connected)).toBe(true);
  }, 40_000);
});
