import { createClient } from 'redis';
import type { PrimaryWatch, RedisNode } from './redis-sentinel';

export type RedisClient = ReturnType<typeof createClient>;
/** What createClient takes, but the address: that is the target's (a URL, or the sentinels' primary). */
export type RedisClientOptions = Omit<NonNullable<Parameters<typeof createClient>[0]>, 'url'>;

/** Where a following client keeps the connection it uses right now. */
const CURRENT = Symbol('the connection to the current primary');

/**
 * The physical connection a client uses right now: itself, or for a client that follows a Sentinel
 * group the connection to the current primary. Commands that must share one connection (XADD then
 * WAIT, which counts what *this connection* wrote) take it once and use it for both: if the primary
 * moves in between, the second fails instead of running on a connection that wrote nothing.
 */
export function connectionOf(client: RedisClient): RedisClient {
  return ((client as unknown as Record<symbol, RedisClient | undefined>)[CURRENT] ?? client) as RedisClient;
}

type Listener = (...args: unknown[]) => void;

/**
 * A node-redis client that is always on the primary the watch knows: when the primary moves, the
 * connection underneath is replaced by one to the new primary (its listeners carried over, connected
 * if the old one was) and the old one is dropped, which fails the commands in flight on it exactly as
 * a Redis restart would; the callers already retry those. Everything else is the real client's, so
 * code written for a plain client (the store, the rate limiter, the Socket.IO adapter) runs unchanged,
 * and `duplicate()` gives another following client.
 */
export function followPrimary(watch: PrimaryWatch, options: RedisClientOptions): RedisClient {
  const listeners: [string | symbol, Listener][] = [];
  const release = watch.hold();
  let opened = false;
  let closed = false;

  const connectTo = (primary: RedisNode): RedisClient => {
    const client = createClient({ ...options, socket: { ...options.socket, ...primary } }) as RedisClient;
    // A failing connection may mean the primary moved before the sentinels said so: ask them. This
    // listener also means an 'error' is never unheard (which would crash the process).
    client.on('error', () => watch.recheck());
    for (const [event, fn] of listeners) client.on(event, fn);
    return client;
  };
  let current = connectTo(watch.primary);

  const stopFollowing = watch.follow((primary) => {
    if (closed) return;
    const old = current;
    current = connectTo(primary);
    old.removeAllListeners();
    old.on('error', () => {});
    if (old.isOpen) old.destroy();
    // Retries by itself until the new primary answers; a close() before that ends it.
    if (opened) current.connect().catch(() => {});
  });
  const finish = () => {
    closed = true;
    stopFollowing();
    release();
  };

  const own: Record<string | symbol, unknown> = {
    connect: async () => {
      opened = true;
      await current.connect();
      return proxy;
    },
    duplicate: (overrides?: RedisClientOptions) => followPrimary(watch, { ...options, ...overrides }),
    on: (event: string | symbol, fn: Listener) => {
      listeners.push([event, fn]);
      current.on(event, fn);
      return proxy;
    },
    off: (event: string | symbol, fn: Listener) => {
      const at = listeners.findIndex(([e, f]) => e === event && f === fn);
      if (at >= 0) listeners.splice(at, 1);
      current.off(event, fn);
      return proxy;
    },
    close: async () => {
      finish();
      if (current.isOpen) await current.close();
    },
    destroy: () => {
      finish();
      if (current.isOpen) current.destroy();
    },
  };
  own.addListener = own.on;
  own.removeListener = own.off;
  own.disconnect = own.destroy;

  const proxy = new Proxy(Object.create(null) as object, {
    get(_, prop) {
      if (prop === CURRENT) return current;
      // Open from connect() until close() or destroy(), whatever the connection underneath does in
      // between (so that a caller's `if (isOpen) destroy()` always lets go of the sentinels); then
      // open as long as that connection is (a close() may take a while, and destroy() cut it short).
      if (prop === 'isOpen') return closed ? current.isOpen : opened;
      if (Object.hasOwn(own, prop)) return own[prop];
      const value: unknown = Reflect.get(current, prop);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
    has: (_, prop) => prop in current,
  }) as RedisClient;
  return proxy;
}
