import { createRedisClient, type RedisClient, type RedisTarget } from './redis-connect';
import { logFor } from '../observe/logger';

const logger = logFor('store');

/** The connections of one Redis store, each for one kind of work so that none waits behind another. */
export interface StoreConnections {
  /** Commands of the walls, the aggregator and the API. */
  client: RedisClient;
  /** The group's blocking reads (XREADGROUP BLOCK). */
  blocking: RedisClient;
  /** The change feed's blocking reads (XREAD BLOCK). */
  feed: RedisClient;
  /** Ingest's XADD + WAIT: WAIT holds its connection until the replicas answer. `client` when no WAIT. */
  ingest: RedisClient;
  /** Drops every connection at once (what is in flight fails). */
  destroy(): void;
}

/**
 * Opens the store's connections to the target: all to one server (a URL), or all following the
 * primary a Sentinel group names, so after a failover every one of them ends up on the new primary.
 */
export async function openStoreConnections(
  target: RedisTarget,
  prefix: string,
  ownIngest: boolean,
): Promise<StoreConnections> {
  // Named, so that CLIENT LIST shows which wall each connection belongs to and what it is for
  // (a connection name may not hold spaces).
  const tag = prefix.replace(/\s/g, '_');
  // While Redis is away, commands fail at once instead of queueing: ingest answers 503 (the source
  // retries), the aggregator and hub back off and retry; nothing waits unbounded in memory.
  const client = await createRedisClient(target, { name: `${tag}commands`, disableOfflineQueue: true });
  const blocking = client.duplicate({ name: `${tag}stream` });
  const feed = client.duplicate({ name: `${tag}feed` });
  const ingest = ownIngest ? client.duplicate({ name: `${tag}ingest` }) : client;
  const all = [...new Set([client, blocking, feed, ingest])];
  warnOnErrors(client, 'commands');
  warnOnErrors(blocking, 'stream reads');
  warnOnErrors(feed, 'change feed');
  if (ingest !== client) warnOnErrors(ingest, 'ingest');
  const destroy = () => {
    for (const c of all) if (c.isOpen) c.destroy();
  };
  try {
    await Promise.all(all.map((c) => c.connect()));
  } catch (err) {
    destroy();
    throw err;
  }
  return { client, blocking, feed, ingest, destroy };
}

/**
 * node-redis reconnects by itself and emits 'error' on every failed attempt; an unheard 'error' would
 * crash the process. Say it once when a connection goes down and once when it is back.
 */
function warnOnErrors(client: RedisClient, name: string): void {
  let down = false;
  client.on('error', (err: Error) => {
    if (down) return;
    down = true;
    logger.warn({ connection: name, err }, 'Redis connection failed; reconnecting');
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info({ connection: name }, 'Redis connection is back');
  });
}
