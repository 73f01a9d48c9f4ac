import { SOURCES, type IocEvent, type Source } from '../../shared/events';
import type { Scope } from '../../shared/scope';
import { assertValidCommit, assertValidLimit, assertValidLogRead, CLAIM_EVERY_MS, noticeOf } from './common';
import { memoryLexReads } from './lex';
import { memoryLimiter, type Limiter } from './limiter';
import { MemoryLog, MemoryStream } from './memory-stream';
import type { ChangeNotice, Commit, LogName, Store, VersionedRecord } from './types';
import { logFor } from '../observe/logger';

const logger = logFor('store');

/**
 * Everything the memory store keeps, separate from any one store instance: what a Redis server plus
 * a prefix is to the Redis store. Several instances may share one (tests use that to play a restart).
 */
export class MemoryData {
  readonly stream = new MemoryStream();
  readonly records = new Map<string, VersionedRecord>();
  readonly hashes = new Map<string, Map<string, number>>();
  readonly zsets = new Map<string, Map<string, number>>();
  readonly sources = new Map<Source, number>();
  readonly earliest = new Map<Source, number>();
  readonly scopes = new Set<Scope>();
  readonly values = new Map<string, string>();
  readonly logs: Record<LogName, MemoryLog> = { audit: new MemoryLog() };
  /** Real-time instant each expiring value is forgotten at. */
  readonly expires = new Map<string, number>();
  /** Change listeners of every instance on this data. */
  readonly listeners = new Set<(change: ChangeNotice) => void>();
  /** Limiters by name and shape: instances sharing the data count together, as processes on one Redis. */
  readonly limiters = new Map<string, Limiter>();
}

export interface MemoryStoreOptions {
  /** Share the data of another instance (as two processes share a Redis); default: fresh data. */
  data?: MemoryData;
}

/** The embedded store: no Redis, everything in this process, lost on exit. */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const data = options.data ?? new MemoryData();
  const forgetExpired = (key: string) => {
    const at = data.expires.get(key);
    if (at !== undefined && at <= Date.now()) {
      data.values.delete(key);
      data.expires.delete(key);
    }
  };
  /** Expired values nobody reads again (abandoned sessions) are swept as new ones come in. */
  const sweepExpired = () => {
    if (data.expires.size % 256 !== 0) return;
    for (const key of [...data.expires.keys()]) forgetExpired(key);
  };
  const closing = new AbortController();
  const ownListeners = new Set<(change: ChangeNotice) => void>();
  // Per consumer, as in the Redis store: where the replay of its own pending entries stands
  // (null once done), and when it last looked for abandoned entries.
  const replayFrom = new Map<string, string | null>();
  const lastClaim = new Map<string, number>();

  const read: Store['read'] = async (consumer, { count, blockMs, claimIdleMs }) => {
    if (closing.signal.aborted) return [];
    const from = replayFrom.has(consumer) ? replayFrom.get(consumer) : '0-0';
    if (from != null) {
      const own = data.stream.history(consumer, from, count);
      replayFrom.set(consumer, own.at(-1)?.id ?? null);
      if (own.length > 0) return own;
    }
    const now = Date.now();
    if (now - (lastClaim.get(consumer) ?? 0) >= Math.min(CLAIM_EVERY_MS, claimIdleMs)) {
      lastClaim.set(consumer, now);
      const claimed = data.stream.claim(consumer, claimIdleMs, count);
      if (claimed.length > 0) return claimed;
    }
    return data.stream.next(consumer, count, blockMs, closing.signal);
  };

  const commit = (c: Commit): boolean => {
    assertValidCommit(c);
    for (const r of c.records) {
      if ((data.records.get(r.key)?.version ?? 0) !== r.expect) return false;
    }
    for (const r of c.records) data.records.set(r.key, { version: r.expect + 1, body: r.body });
    for (const [key, fields] of c.hashes) incrementHash(data.hashes, key, fields);
    for (const [key, { add, remove }] of c.zsets) {
      const set = data.zsets.get(key) ?? new Map<string, number>();
      for (const [member, score] of add) set.set(member, score);
      for (const member of remove) set.delete(member);
      if (set.size > 0) data.zsets.set(key, set);
      else data.zsets.delete(key);
    }
    for (const [source, at] of Object.entries(c.sources) as [Source, number][]) {
      data.sources.set(source, Math.max(at, data.sources.get(source) ?? -Infinity));
    }
    for (const [source, at] of Object.entries(c.earliest) as [Source, number][]) {
      data.earliest.set(source, Math.min(at, data.earliest.get(source) ?? Infinity));
    }
    for (const scope of c.scopes) data.scopes.add(scope);
    data.stream.ack(c.ack);
    const notice = noticeOf(c);
    // Listeners run later, never inside commit: the same as with Redis, where they hear it over the wire.
    if (notice) for (const listener of data.listeners) queueMicrotask(() => deliver(listener, notice));
    return true;
  };

  return {
    kind: 'memory',
    append: async (events: readonly IocEvent[]) => data.stream.append(events.map((e) => JSON.stringify(e))),
    read,
    removeIdleConsumers: async (self, idleMs) => data.stream.removeIdleConsumers(self, idleMs),
    deadLetter: async (rejects, stillPending) => data.stream.deadLetter(rejects, stillPending),
    streamStats: async () => data.stream.stats(),
    readDeadLetters: async (count) => data.stream.readDeadLetters(count),
    loadRecords: async (keys) => {
      const found = new Map<string, VersionedRecord>();
      for (const key of keys) {
        const r = data.records.get(key);
        if (r) found.set(key, { ...r });
      }
      return found;
    },
    commit: async (c) => commit(c),
    readHashes: async (keys) => keys.map((key) => Object.fromEntries(data.hashes.get(key) ?? [])),
    countSets: async (queries) =>
      queries.map(({ key, below }) => {
        const set = data.zsets.get(key);
        let under = 0;
        if (set) for (const score of set.values()) if (score < below) under += 1;
        return { total: set?.size ?? 0, below: under };
      }),
    readSources: async () => {
      const out: Partial<Record<Source, number>> = {};
      for (const source of SOURCES) {
        const at = data.sources.get(source);
        if (at !== undefined) out[source] = at;
      }
      return out;
    },
    readEarliest: async () => Object.fromEntries(data.earliest) as Partial<Record<Source, number>>,
    knownScopes: async () => [...data.scopes],
    putOnce: async (key, value, opts) => {
      forgetExpired(key);
      if (!data.values.has(key)) {
        data.values.set(key, value);
        if (opts?.ttlMs !== undefined) data.expires.set(key, Date.now() + opts.ttlMs);
        sweepExpired();
      }
      return data.values.get(key)!;
    },
    getValue: async (key) => {
      forgetExpired(key);
      return data.values.get(key) ?? null;
    },
    deleteKeys: async (keys) => {
      for (const key of keys) {
        data.hashes.delete(key);
        data.zsets.delete(key);
        data.values.delete(key);
        data.expires.delete(key);
      }
    },
    dropRecords: async (index, below, limit) => {
      assertValidLimit(limit);
      const set = data.zsets.get(index);
      if (!set) return 0;
      const doomed = [...set]
        .filter(([, score]) => score < below)
        .sort(([a, as], [b, bs]) => as - bs || (a < b ? -1 : 1))
        .slice(0, limit);
      for (const [key] of doomed) {
        data.records.delete(key);
        set.delete(key);
      }
      if (set.size === 0) data.zsets.delete(index);
      return doomed.length;
    },
    rangeBelow: async (key, below, limit) => {
      assertValidLimit(limit);
      // Redis's order: by score, then by member (as bytes; the ASCII ids kept here sort the same as strings).
      return [...(data.zsets.get(key) ?? [])]
        .filter(([, score]) => score < below)
        .sort(([a, as], [b, bs]) => as - bs || (a < b ? -1 : 1))
        .slice(0, limit)
        .map(([member]) => member);
    },
    ...memoryLexReads(data.zsets),
    appendLog: async (log, body) => data.logs[log].append(body),
    readLog: async (log, opts) => {
      assertValidLogRead(opts);
      return data.logs[log].readBackwards(opts.count, opts.before);
    },
    limiter: (opts) => {
      const id = `${opts.name}/${opts.points}/${opts.durationS}`;
      let limiter = data.limiters.get(id);
      if (!limiter) data.limiters.set(id, (limiter = memoryLimiter(opts)));
      return limiter;
    },
    subscribeChanges: (listener) => {
      // Wrapped so that one listener subscribed twice is two subscriptions, as with Redis.
      const wrapped = (change: ChangeNotice) => {
        if (!closing.signal.aborted) listener(change);
      };
      data.listeners.add(wrapped);
      ownListeners.add(wrapped);
      return () => {
        data.listeners.delete(wrapped);
        ownListeners.delete(wrapped);
      };
    },
    close: async () => {
      closing.abort();
      for (const listener of ownListeners) data.listeners.delete(listener);
      ownListeners.clear();
    },
  };
}

/** Adds increments to a counter hash; a field that comes back to 0 is dropped (absent reads as 0). */
function incrementHash(
  hashes: Map<string, Map<string, number>>,
  key: string,
  fields: Map<string, number>,
): void {
  const hash = hashes.get(key) ?? new Map<string, number>();
  for (const [field, amount] of fields) {
    const total = (hash.get(field) ?? 0) + amount;
    if (total === 0) hash.delete(field);
    else hash.set(field, total);
  }
  if (hash.size > 0) hashes.set(key, hash);
  else hashes.delete(key);
}

function deliver(listener: (change: ChangeNotice) => void, notice: ChangeNotice): void {
  try {
    listener(notice);
  } catch (err) {
    logger.warn({ err }, 'a change listener threw');
  }
}
