import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Users } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import type { Alert } from '../../shared/alerts';
import type { AlertList } from '../../shared/socket';
import { eventually, type TestSocket } from '../support/app';
import { startInProcessServer, type InProcessServer } from '../support/processes';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';

const PASSWORD = 'mật khẩu trực ban';

/** A wall at the wire level: every alert list it is sent. */
function wall(baseUrl: string, cookie?: string) {
  const socket: TestSocket = connect(baseUrl, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
  const lists: { at: number; list: AlertList }[] = [];
  socket.on('alert:list', (list) => lists.push({ at: Date.now(), list }));
  return { socket, lists, latest: () => lists.at(-1)?.list.alerts ?? [] };
}

const flashing = (alerts: Alert[]) =>
  alerts.filter((a) => a.severity === 'critical' && a.acknowledgedAt === undefined);

/** Two processes on one Redis, each with its own alert book, at the product's tick of 1 s. */
describe('acknowledgements across processes', { timeout: 60_000 }, () => {
  const prefix = uniquePrefix('shared-acks');
  let a: InProcessServer;
  let b: InProcessServer;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    // Nothing heard from any source yet: each is a critical alert, flashing on every wall.
    a = await startInProcessServer(prefix, 'a', { tickMs: 1000 });
    b = await startInProcessServer(prefix, 'b', { tickMs: 1000, loopbackWatch: true });
    await new Users(a.store, systemClock).add({
      login: 'truc.ban',
      name: 'Trực ban',
      role: 'operator',
      password: PASSWORD,
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all([a.close(), b.close()]);
    await dropPrefix(testRedisUrl(), prefix);
  });

  it('acknowledging on process A stops the flashing on a wall of process B within 1 s', async () => {
    const signedIn = await fetch(`${a.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'truc.ban', password: PASSWORD }),
    });
    const operator = wall(a.baseUrl, (signedIn.headers.get('set-cookie') ?? '').split(';')[0]);
    const onB = wall(b.baseUrl);
    sockets.push(operator.socket, onB.socket);
    const [target] = await eventually(() => {
      const shared = flashing(onB.latest()).filter((x) =>
        flashing(operator.latest()).some((y) => y.id === x.id),
      );
      return shared.length > 0 && shared;
    });

    const askedAt = Date.now();
    expect(await operator.socket.timeout(5000).emitWithAck('alert:ack', { id: target!.id })).toEqual({
      data: null,
    });
    const seen = await eventually(() =>
      onB.lists.find(
        (l) =>
          l.at >= askedAt && l.list.alerts.some((x) => x.id === target!.id && x.acknowledgedAt !== undefined),
      ),
    );
    expect(seen.at - askedAt).toBeLessThan(1_000);
    expect(seen.list.alerts.find((x) => x.id === target!.id)).toMatchObject({ acknowledgedBy: 'Trực ban' });

    // A wall that connects to B later, and the next evaluations on B, keep it acknowledged.
    const later = wall(b.baseUrl);
    sockets.push(later.socket);
    await eventually(() => later.lists.length > 0);
    expect(later.latest().find((x) => x.id === target!.id)?.acknowledgedAt).toBe(
      seen.list.alerts.find((x) => x.id === target!.id)?.acknowledgedAt,
    );
    await new Promise((r) => setTimeout(r, 1_500));
    expect(onB.latest().find((x) => x.id === target!.id)?.acknowledgedAt).toBeDefined();
  });
});
