import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Users } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import { createMemoryStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import { COMMANDS, type ClientToServerEvents } from '../../shared/socket';
import { startTestApp, type TestSocket } from '../support/app';

const PASSWORD = 'một mật khẩu đủ dài';

/**
 * A store that works until `fail()`, then rejects every call, as Redis does while it is away (sync
 * calls throw). Made after the app started, so only the commands meet it.
 */
function failingStore(inner: Store) {
  let failing = false;
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (!failing) return (value as (...a: unknown[]) => unknown).apply(target, args);
        if (prop === 'subscribeChanges' || prop === 'close') throw new Error('store away');
        return Promise.reject(new Error('store away'));
      };
    },
  });
  return { store, fail: () => void (failing = true), heal: () => void (failing = false) };
}

/** A plausible request for each command: the door must answer it whatever the store does. */
const REQUESTS: { [C in keyof ClientToServerEvents]: unknown } = {
  'feed:subscribe': { feed: 'province' },
  'clock:ping': undefined,
  'alert:ack': { id: 'belowTarget|province|onTimeRate' },
  'meeting:join': { code: 'K7M4QX' },
  'meeting:leave': { id: 'abcdef' },
  'meeting:steer': { id: 'abcdef', view: { scene: 'map' } },
  'meeting:present': { id: 'abcdef' },
  'meeting:heartbeat': { id: 'abcdef', delegates: 3, rttMs: 12, appliedSeq: 0 },
  'meeting:roster': { id: 'abcdef' },
  'meeting:end': { id: 'abcdef' },
  'meeting:invite': { id: 'abcdef', device: 'dev1' },
  'display:report': {
    kind: 'wall',
    width: 1920,
    height: 1080,
    dpr: 1,
    version: 'test',
    scene: null,
    meetingId: null,
  },
  'fleet:list': undefined,
  'fleet:command': { target: 'device:nobody', command: { action: 'reload' } },
};

/** Sends a command untyped, with an ack: what the door answers (or a timeout). */
function send(socket: TestSocket, command: string, request: unknown): Promise<unknown> {
  const timed = socket.timeout(5000);
  const emit = timed.emitWithAck.bind(timed) as (e: string, ...a: unknown[]) => Promise<unknown>;
  return request === undefined ? emit(command) : emit(command, request);
}

describe('the command door, with a store that rejects every call', () => {
  let inner: Store;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  let store: ReturnType<typeof failingStore>;
  let admin: TestSocket;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeEach(async () => {
    inner = createMemoryStore();
    store = failingStore(inner);
    await new Users(inner, systemClock).add({
      login: 'quan.tri',
      name: 'Quản trị',
      role: 'admin',
      password: PASSWORD,
    });
    sut = await startTestApp(store.store, { loopbackWatch: false });
    admin = sut.socket(await sut.signIn('quan.tri', PASSWORD));
    await new Promise<void>((resolve) => admin.once('server:welcome', () => resolve()));
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    process.off('unhandledRejection', onUnhandled);
    store.heal();
    await sut.close();
    await inner.close();
  });

  it('answers every command of the contract, and the server lives on (healthz 503)', async () => {
    store.fail();
    const answers: Record<string, unknown> = {};
    for (const command of Object.keys(COMMANDS) as (keyof typeof COMMANDS)[])
      answers[command] = await send(admin, command, REQUESTS[command]);
    for (const [command, answer] of Object.entries(answers))
      expect(answer, command).toSatisfy(
        (a) => typeof a === 'object' && a !== null && ('error' in a || 'data' in a),
      );
    // Those that read or write the store answer why they could not.
    for (const command of [
      'meeting:join',
      'meeting:steer',
      'meeting:present',
      'meeting:roster',
      'fleet:list',
    ])
      expect(answers[command], command).toEqual({ error: expect.stringContaining('store away') });
    expect(answers['fleet:list']).toEqual({ error: 'cannot list the screens now: store away' });
    // Commands with no ack in the contract must not crash anything either.
    admin.emit('meeting:heartbeat', REQUESTS['meeting:heartbeat'] as never);
    admin.emit('display:report', REQUESTS['display:report'] as never);
    expect(await send(admin, 'clock:ping', undefined)).toHaveProperty('data.serverTime');

    const health = await fetch(`${sut.baseUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'degraded', error: 'store away' });
    expect(unhandled).toEqual([]);
  });

  it('answers meeting:join { error } instead of ending the process (the old crash)', async () => {
    store.fail();
    expect(await send(admin, 'meeting:join', { code: 'K7M4QX' })).toEqual({
      error: 'meeting:join failed: store away',
    });
    expect(await send(admin, 'meeting:join', { id: 'abcdef' })).toEqual({
      error: 'meeting:join failed: store away',
    });
    expect(unhandled).toEqual([]);
    expect((await fetch(`${sut.baseUrl}/healthz`)).status).toBe(503);
  });

  it('names the field of a bad request, and refuses an unknown command', async () => {
    expect(await send(admin, 'meeting:leave', { id: 42 })).toEqual({
      error: 'id: Invalid input: expected string, received number',
    });
    expect(await send(admin, 'feed:subscribe', null)).toEqual({
      error: 'request: Invalid input: expected object, received null',
    });
    expect(await send(admin, 'wall:dance', {})).toEqual({ error: 'unknown command "wall:dance"' });
  });
});
