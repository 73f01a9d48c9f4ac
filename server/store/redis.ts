import { SOURCES, type IocEvent, type Source } from '../../shared/events';
import type { Scope } from '../../shared/scope';
import { assertValidCommit, assertValidLimit, GROUP, scoreArg } from './common';
import { redisLexReads } from './lex';
import { redisLimiter } from './limiter';
import { appendRaw, type AppendTarget } from './redis-append';
import type { RedisTarget } from './redis-connect';
import { openStoreConnections } from './redis-conns';
import { ChangeFeed } from './redis-feed';
import {
  COMMIT_LUA,
  COMMIT_SHA,
  commitArgs,
  DROP_RECORDS_LUA,
  DROP_RECORDS_MAX,
  redisKeys,
  REMOVE_IDLE_CONSUMERS_LUA,
} from './redis-scripts';
import { appendLogEntry, fieldOf, GroupReader, rawEntries, readLogEntries } from './redis-stream';
import { DEAD_LETTERS_KEPT, type Commit, type Store, type VersionedRecord } from './types';

export type RedisStoreOptions = RedisTarget & {
  /** Put before every key, so several walls (or test runs) can share one Redis. Default 'ioc:'. */
  prefix?: string;
  /** How often the event stream is trimmed (default 10 s; tests make it short). */
  trimEveryMs?: number;
  /**
   * Replicas that must hold a batch before `append` resolves (REDIS_MIN_REPLICAS, Redis WAIT): then a
   * failover loses nothing ingest acknowledged. Default 0: the primary's word is enough.
   */
  minReplicas?: number;
  /** How long `append` waits for those replicas before it fails (default 1 s): the source retries. */
  replicaWaitMs?: number;
};

/** How long close() lets queued commands finish before it drops the connection anyway. */
const CLOSE_GRACE_MS = 2_000;

/**
 * The store on Redis: shared by every server process of the wall. Its connections (redis-conns.ts):
 * one for commands, one for the group's blocking reads, one for the change feed's, and one for
 * ingest's WAIT when replicas are awaited.
 */
export async function createRedisStore(opts: RedisStoreOptions): Promise<Store> {
  const prefix = opts.prefix ?? 'ioc:';
  const k = redisKeys(prefix);
  const minReplicas = opts.minReplicas ?? 0;
  const replicaWaitMs = opts.replicaWaitMs ?? 1_000;
  const conns = await openStoreConnections(opts, prefix, minReplicas > 0);
  const { client, blocking, feed: feedConn, ingest: ingestConn } = conns;
  const reader = new GroupReader(client, blocking, k.events, opts.trimEveryMs);
  const feed = new ChangeFeed(feedConn, k.changes);
  try {
    await reader.ensureGroup();
    await feed.start();
  } catch (err) {
    conns.destroy();
    throw err;
  }
  let closed = false;
  const appendTarget: AppendTarget = { stream: k.events, minReplicas, replicaWaitMs };

  /** Runs the commit script by its hash; a Redis that restarted has forgotten it, so load it again. */
  const runCommit = async (args: { keys: string[]; arguments: string[] }): Promise<unknown> => {
    try {
      return await client.evalSha(COMMIT_SHA, args);
    } catch (err) {
      if (!(err instanceof Error && err.message.startsWith('NOSCRIPT'))) throw err;
      await client.scriptLoad(COMMIT_LUA);
      return client.evalSha(COMMIT_SHA, args);
    }
  };

  return {
    kind: 'redis',

    append: async (events: readonly IocEvent[]) =>
      appendRaw(
        ingestConn,
        appendTarget,
        events.map((e) => JSON.stringify(e)),
      ),

    read: async (consumer, options) => {
      if (closed) return [];
      try {
        return await reader.read(consumer, options);
      } catch (err) {
        if (closed) return []; // close() dropped the connection under a blocking read
        throw err;
      }
    },

    removeIdleConsumers: async (self, idleMs) => {
      const removed = await client.eval(REMOVE_IDLE_CONSUMERS_LUA, {
        keys: [k.events],
        arguments: [self, String(Math.floor(idleMs))],
      });
      return Array.isArray(removed) ? removed.map(String) : [];
    },

    deadLetter: async (rejects, stillPending) => {
      if (rejects.length === 0) return;
      const multi = client.multi();
      for (const { entry, reason } of rejects) {
        multi.xAdd(
          k.dead,
          '*',
          { event: entry.raw, reason },
          { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: DEAD_LETTERS_KEPT } },
        );
      }
      const done = [...new Set(rejects.map((r) => r.entry.id))].filter((id) => !stillPending?.has(id));
      if (done.length) multi.xAck(k.events, GROUP, done);
      await multi.exec();
    },

    streamStats: async () => {
      const [length, groups] = await Promise.all([
        client.sendCommand<number>(['XLEN', k.events]),
        client.sendCommand<unknown>(['XINFO', 'GROUPS', k.events]).catch(() => []),
      ]);
      return { length: Number(length), lag: groupLag(groups, GROUP) };
    },

    readDeadLetters: async (count) => {
      const reply = await client.sendCommand<unknown>(['XRANGE', k.dead, '-', '+', 'COUNT', String(count)]);
      return rawEntries(reply).map(({ id, fields }) => ({
        id,
        raw: fieldOf(fields, 'event') ?? '',
        reason: fieldOf(fields, 'reason') ?? '',
      }));
    },

    loadRecords: async (keys) => {
      const found = new Map<string, VersionedRecord>();
      if (keys.length === 0) return found;
      // Not atomic together, and need not be: a record changed in between fails the commit's version check.
      const [versions, bodies] = await Promise.all([
        client.hmGet(k.recVer, [...keys]),
        client.hmGet(k.recBody, [...keys]),
      ]);
      keys.forEach((key, i) => {
        const version = versions[i];
        const body = bodies[i];
        if (version != null && body != null) found.set(key, { version: Number(version), body: String(body) });
      });
      return found;
    },

    commit: async (c: Commit) => {
      assertValidCommit(c);
      return Number(await runCommit(commitArgs(c, prefix, k))) === 1;
    },

    readHashes: async (keys) => {
      const hashes = await Promise.all(keys.map((key) => client.hGetAll(prefix + key)));
      return hashes.map((h) => Object.fromEntries(Object.entries(h).map(([field, v]) => [field, Number(v)])));
    },

    countSets: async (queries) =>
      Promise.all(
        queries.map(async ({ key, below }) => {
          const [total, under] = await Promise.all([
            client.zCard(prefix + key),
            client.zCount(prefix + key, '-inf', `(${scoreArg(below)}`),
          ]);
          return { total: Number(total), below: Number(under) };
        }),
      ),

    readSources: async () => {
      const stored = await client.hGetAll(k.sources);
      const out: Partial<Record<Source, number>> = {};
      for (const source of SOURCES) {
        const at = stored[source];
        if (at !== undefined) out[source] = Number(at);
      }
      return out;
    },

    readEarliest: async () => {
      const stored = await client.hmGet(
        k.sources,
        SOURCES.map((s) => `~earliest:${s}`),
      );
      const out: Partial<Record<Source, number>> = {};
      SOURCES.forEach((s, i) => {
        const at = stored[i];
        if (at != null) out[s] = Number(at);
      });
      return out;
    },

    // Only commit writes this set, and it only ever writes Scope values.
    knownScopes: async () => (await client.sMembers(k.scopes)) as Scope[],

    putOnce: async (key, value, opts) => {
      // SET NX then GET on one connection: the value, once set, is never overwritten, so GET sees it.
      const ttl = opts?.ttlMs === undefined ? {} : { expiration: { type: 'PX' as const, value: opts.ttlMs } };
      const [, stored] = await Promise.all([
        client.set(prefix + key, value, { condition: 'NX', ...ttl }),
        client.get(prefix + key),
      ]);
      return stored ?? value;
    },

    getValue: async (key) => client.get(prefix + key),
    deleteKeys: async (keys) => {
      // UNLINK frees memory off the main thread; chunked so one call never carries a huge argument list.
      for (let i = 0; i < keys.length; i += 1000) {
        const chunk = keys.slice(i, i + 1000).map((k) => prefix + k);
        if (chunk.length) await client.unlink(chunk);
      }
    },

    dropRecords: async (index, below, limit) => {
      assertValidLimit(limit);
      let dropped = 0;
      // In slices, so one call never holds Redis for long nor unpacks too many values at once.
      while (dropped < limit) {
        const want = Math.min(DROP_RECORDS_MAX, limit - dropped);
        const n = Number(
          await client.eval(DROP_RECORDS_LUA, {
            keys: [prefix + index, k.recVer, k.recBody],
            arguments: [scoreArg(below), String(want)],
          }),
        );
        dropped += n;
        if (n < want) break;
      }
      return dropped;
    },

    rangeBelow: async (key, below, limit) => {
      assertValidLimit(limit);
      if (limit === 0) return [];
      return client.zRange(prefix + key, '-inf', `(${scoreArg(below)}`, {
        BY: 'SCORE',
        LIMIT: { offset: 0, count: limit },
      });
    },

    ...redisLexReads(client, prefix),
    appendLog: async (log, body) => appendLogEntry(client, k.logs[log], body),
    readLog: async (log, opts) => readLogEntries(client, k.logs[log], opts),

    limiter: (options) => redisLimiter(client, prefix, options),

    subscribeChanges: (listener) => feed.subscribe(listener),

    close: async () => {
      if (closed) return;
      closed = true;
      reader.closed = true;
      await feed.close();
      if (blocking.isOpen) blocking.destroy(); // frees a read blocked in XREADGROUP at once
      if (ingestConn !== client && ingestConn.isOpen) ingestConn.destroy(); // and a WAIT
      if (client.isOpen) {
        // Let queued commands finish, but never hang on a Redis that is gone.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([client.close(), new Promise((r) => (timer = setTimeout(r, CLOSE_GRACE_MS)))]);
        clearTimeout(timer);
        if (client.isOpen) client.destroy();
      }
    },
  };
}

/** A group's lag out of an XINFO GROUPS reply ([name, value, ...] lists); null if Redis cannot say. */
function groupLag(reply: unknown, name: string): number | null {
  for (const group of Array.isArray(reply) ? (reply as unknown[]) : []) {
    if (!Array.isArray(group)) continue;
    const field = (f: string): unknown => {
      const at = group.findIndex((x) => String(x) === f);
      return at < 0 ? undefined : group[at + 1];
    };
    if (String(field('name')) !== name) continue;
    const lag = field('lag');
    return lag === null || lag === undefined ? null : Number(lag);
  }
  return null;
}
