import { io as connect } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Users } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import type { Store } from '../../server/store/types';
import type { TestSocket } from '../support/app';
import { startInProcessServer, type InProcessServer } from '../support/processes';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';

const PASSWORD = 'mật khẩu của lãnh đạo';

/**
 * The store, counting the reads of credentials (sessions and device tokens are values; the alert book's
 * acknowledgements are values too, read on their own schedule, and are not counted).
 */
function countingReads(store: Store, reads: string[]): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'getValue')
        return (key: string) => {
          if (!key.startsWith('alert-ack:')) reads.push(key);
          return target.getValue(key);
        };
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

describe('credentials of connected screens, across two processes on one Redis', () => {
  const prefix = uniquePrefix('credentials');
  const reads: string[] = [];
  let a: InProcessServer;
  let b: InProcessServer;
  const sockets: TestSocket[] = [];

  beforeEach(async () => {
    a = await startInProcessServer(prefix, 'a');
    b = await startInProcessServer(prefix, 'b', { wrapStore: (s) => countingReads(s, reads) });
    await new Users(a.store, systemClock).add({
      login: 'lanh.dao',
      name: 'Nguyễn Văn A',
      role: 'leader',
      password: PASSWORD,
    });
  });
  afterEach(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all([a.close(), b.close()]);
    await dropPrefix(testRedisUrl(), prefix);
  });

  const wall = async (baseUrl: string, cookie: string) => {
    const socket: TestSocket = connect(baseUrl, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { cookie },
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('server:welcome', () => resolve());
      socket.once('connect_error', reject);
    });
    return { socket, gone: new Promise<string>((resolve) => socket.once('disconnect', resolve)) };
  };

  it('reads a credential when a screen connects, not every few seconds; a sign-out elsewhere cuts it at once', async () => {
    const signedIn = await fetch(`${a.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'lanh.dao', password: PASSWORD }),
    });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const walls = await Promise.all([1, 2, 3].map(() => wall(b.baseUrl, cookie)));
    const atConnect = reads.length;
    expect(atConnect).toBe(3); // one per handshake

    // The old way re-read every socket's credential every 5 s: three reads by now.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(reads.length).toBe(atConnect);

    // Signed out on process A: the walls on process B go at once, through the adapter's room.
    const out = await fetch(`${a.baseUrl}/api/v1/session`, { method: 'DELETE', headers: { cookie } });
    expect(out.status).toBe(204);
    const outAt = Date.now();
    expect(await Promise.all(walls.map((w) => w.gone))).toEqual(Array(3).fill('io server disconnect'));
    expect(Date.now() - outAt).toBeLessThan(2_000);
  });
});
