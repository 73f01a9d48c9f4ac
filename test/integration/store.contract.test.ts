import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import type { IocEvent } from '../../shared/events';
import { createMemoryStore, createRedisStore, emptyCommit } from '../../server/store';
import {
  LOG_MAX_ENTRIES,
  type ChangeNotice,
  type Commit,
  type Store,
  type StreamEntry,
} from '../../server/store';
import { EVENTS_PER_ENTRY } from '../../server/store/entry-pack';
import { MemoryData } from '../../server/store/memory';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';

/**
 * The Store contract, held against both implementations. "Another process" is a second store instance
 * on the same data: the same prefix on Redis, the same MemoryData in memory.
 */

/** Redis trims the stream this often in tests, so that every test also checks it never loses anything. */
const TRIM_EVERY_MS = 50;

interface Backend {
  open(): Promise<Store>;
  cleanup(): Promise<void>;
  /** Redis only: raw access to the event stream, for what a store never does itself. */
  raw?: {
    xadd(fields: Record<string, string>): Promise<string>;
    xlen(): Promise<number>;
    /** Has Redis drop the store's connections of these names ('commands', 'stream', 'feed'). */
    kill(names: string[]): Promise<void>;
  };
}

const memoryBackend = (): Backend => {
  const data = new MemoryData();
  return {
    open: async () => createMemoryStore({ data }),
    cleanup: async () => {},
  };
};

const redisBackend = (): Backend => {
  const url = testRedisUrl();
  const prefix = uniquePrefix('store');
  const withClient = async <T>(f: (c: ReturnType<typeof createClient>) => Promise<T>): Promise<T> => {
    const c = createClient({ url });
    await c.connect();
    try {
      return await f(c);
    } finally {
      await c.close();
    }
  };
  return {
    open: () => createRedisStore({ url, prefix, trimEveryMs: TRIM_EVERY_MS }),
    cleanup: () => dropPrefix(url, prefix),
    raw: {
      xadd: (fields) => withClient((c) => c.xAdd(`${prefix}events`, '*', fields)),
      xlen: () => withClient((c) => c.xLen(`${prefix}events`)),
      kill: (names) =>
        withClient(async (c) => {
          const wanted = new Set(names.map((n) => `name=${prefix}${n}`));
          for (const line of (await c.clientList()).map((l) => `id=${l.id} name=${l.name}`)) {
            const [id, name] = line.split(' ');
            if (wanted.has(name!)) await c.sendCommand(['CLIENT', 'KILL', 'ID', id!.slice(3)]);
          }
        }),
    },
  };
};

let seq = 0;
const heartbeat = (): IocEvent => ({
  id: `hb-${++seq}`,
  type: 'source.heartbeat',
  source: 'one_stop',
  at: '2026-11-23T09:00:00+07:00',
});
const heartbeats = (n: number) => Array.from({ length: n }, heartbeat);

const READ = { count: 100, blockMs: 50, claimIdleMs: 60_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const commitOf = (c: Partial<Commit>): Commit => ({ ...emptyCommit(), ...c });
const hashOf = (fields: Record<string, number>) => new Map(Object.entries(fields));
const ids = (entries: StreamEntry[]) => entries.map((e) => e.id);

/** Appends each event in an entry of its own, as a system writing XADD itself does (entry-pack.ts). */
async function appendEach(store: Store, events: readonly IocEvent[]): Promise<string[]> {
  const out: string[] = [];
  for (const e of events) out.push(...(await store.append([e])));
  return out;
}

/** Reads until `n` entries have come (or a read comes back empty). */
async function readN(store: Store, consumer: string, n: number, opts = READ): Promise<StreamEntry[]> {
  const out: StreamEntry[] = [];
  while (out.length < n) {
    const batch = await store.read(consumer, opts);
    if (batch.length === 0) break;
    out.push(...batch);
  }
  return out;
}

/** `p`, or a failure naming `what` when it takes longer than `ms`. */
async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe.each([
  ['memory', memoryBackend],
  ['redis', redisBackend],
] as const)('%s store', (kind, makeBackend) => {
  /** A case that only one store has (a raw XADD, a listener's timing): defined only for it, never skipped. */
  const onlyFor = (k: typeof kind) => (k === kind ? it : () => {});
  let backend: Backend;
  let opened: Store[];
  const open = async () => {
    const store = await backend.open();
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    backend = makeBackend();
    opened = [];
  });
  afterEach(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await backend.cleanup();
  });

  it('reports its kind', async () => {
    expect((await open()).kind).toBe(kind);
  });

  describe('event stream', () => {
    it('append then read returns the entries with their raw JSON, in order', async () => {
      const store = await open();
      const events = heartbeats(3);
      const appended = await appendEach(store, events);
      expect(appended).toHaveLength(3);
      for (const id of appended) expect(id).toMatch(/^\d+-\d+$/);
      const read = await store.read('c1', READ);
      expect(read).toEqual(appended.map((id, i) => ({ id, raw: JSON.stringify(events[i]) })));
      expect(await store.read('c1', READ)).toEqual([]);
    });

    it(`a batch goes in entries of up to ${EVENTS_PER_ENTRY} events, one JSON array each; one event alone as itself`, async () => {
      const store = await open();
      const [lone] = heartbeats(1);
      const events = heartbeats(2 * EVENTS_PER_ENTRY + 50);
      const [loneId] = await store.append([lone!]);
      const appended = await store.append(events);
      // Per event, the id of the entry holding it: three entries, in order.
      const entryIds = [...new Set(appended)];
      expect(entryIds).toHaveLength(3);
      expect(appended.filter((id) => id === entryIds[2])).toHaveLength(50);
      const read = await store.read('c1', READ);
      expect(read[0]).toEqual({ id: loneId, raw: JSON.stringify(lone) });
      expect(ids(read.slice(1))).toEqual(entryIds);
      expect(read.slice(1).every((e) => e.packed === true)).toBe(true);
      expect(read.slice(1).flatMap((e) => JSON.parse(e.raw) as unknown[])).toEqual(events);
      expect(await store.read('c1', READ)).toEqual([]);
    });

    it('a read blocks until something is appended and wakes up on append', async () => {
      const store = await open();
      const started = Date.now();
      const reading = store.read('c1', { ...READ, blockMs: 5_000 });
      await sleep(100);
      const [id] = await store.append(heartbeats(1));
      const read = await within(reading, 2_000, 'the blocked read');
      expect(ids(read)).toEqual([id]);
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('a read with nothing new returns [] after blockMs', async () => {
      const store = await open();
      const started = Date.now();
      expect(await store.read('c1', { ...READ, blockMs: 100 })).toEqual([]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    });

    it('an acknowledged entry is not returned again to a restarted consumer', async () => {
      const first = await open();
      const [a, b] = await appendEach(first, heartbeats(2));
      expect(ids(await first.read('c1', READ))).toEqual([a, b]);
      expect(await first.commit(commitOf({ ack: [a!] }))).toBe(true);
      await first.close();

      const restarted = await open();
      expect(ids(await restarted.read('c1', READ))).toEqual([b]);
      expect(await restarted.read('c1', READ)).toEqual([]);
    });

    it('an entry read but never committed is returned again to the same consumer by a new store instance', async () => {
      const crashed = await open();
      const events = heartbeats(2);
      const appended = await appendEach(crashed, events);
      await crashed.read('c1', READ);
      await crashed.close();

      const restarted = await open();
      expect(await restarted.read('c1', READ)).toEqual(
        appended.map((id, i) => ({ id, raw: JSON.stringify(events[i]) })),
      );
      // The replay of its own entries happens once; after it, only new entries come.
      expect(await restarted.read('c1', READ)).toEqual([]);
    });

    it('an entry pending longer than claimIdleMs is claimed by another consumer', async () => {
      const dead = await open();
      const appended = await appendEach(dead, heartbeats(2));
      await dead.read('dead', READ);

      const other = await open();
      expect(await other.read('alive', { ...READ, claimIdleMs: 10_000 })).toEqual([]);
      await sleep(150);
      expect(ids(await other.read('alive', { ...READ, claimIdleMs: 100 }))).toEqual(appended);
      // Claimed entries now belong to 'alive': a restart of 'dead' no longer sees them.
      const deadAgain = await open();
      expect(await deadAgain.read('dead', READ)).toEqual([]);
    });

    it('a dead consumer leaves the group once idle past the bound with nothing pending, its entries claimed first', async () => {
      const dead = await open();
      const appended = await appendEach(dead, heartbeats(2));
      await dead.read('dead', READ);
      const alive = await open();
      await alive.read('alive', READ);
      await sleep(150);
      // Still holding entries: it stays, whatever its idle time (removing it would drop them).
      expect(await alive.removeIdleConsumers('alive', 100)).toEqual([]);
      expect(ids(await alive.read('alive', { ...READ, claimIdleMs: 100 }))).toEqual(appended);
      // Not idle long enough yet: it stays too.
      expect(await alive.removeIdleConsumers('alive', 60_000)).toEqual([]);
      // Empty and idle past the bound: removed; the caller never removes itself, however idle.
      expect(await alive.removeIdleConsumers('alive', 100)).toEqual(['dead']);
      await sleep(150);
      expect(await alive.removeIdleConsumers('alive', 100)).toEqual([]);
      // The claimed entries are alive's, pending until acknowledged.
      expect(await alive.commit(commitOf({ ack: appended }))).toBe(true);
    });

    it('trimming never drops an unacknowledged entry', async () => {
      const store = await open();
      const events = heartbeats(300);
      const appended = await appendEach(store, events);
      expect(await readN(store, 'c1', 300)).toHaveLength(300);
      expect(await store.commit(commitOf({ ack: appended.slice(0, 150) }))).toBe(true);
      const laterEvents = heartbeats(10);
      const later = await appendEach(store, laterEvents);
      await sleep(TRIM_EVERY_MS * 2);
      expect(ids(await store.read('c1', READ))).toEqual(later); // this read also trims
      if (backend.raw) {
        const raw = backend.raw;
        await expect.poll(() => raw.xlen(), { timeout: 2_000 }).toBeLessThan(310);
      }
      await sleep(TRIM_EVERY_MS * 2);
      const restarted = await open();
      const unacknowledged = [...appended.slice(150), ...later];
      const raws = [...events.slice(150), ...laterEvents].map((e) => JSON.stringify(e));
      expect(await readN(restarted, 'c1', 160)).toEqual(
        unacknowledged.map((id, i) => ({ id, raw: raws[i] })),
      );
    });

    it('close() does not hang while a read is blocked', async () => {
      const store = await open();
      const reading = store.read('c1', { ...READ, blockMs: 30_000 });
      await sleep(50);
      const started = Date.now();
      await within(store.close(), 3_000, 'close()');
      expect(await within(reading, 3_000, 'the blocked read')).toEqual([]);
      expect(Date.now() - started).toBeLessThan(3_000);
    });

    onlyFor('redis')('an entry written without an `event` field reads as raw ""', async () => {
      const store = await open();
      const id = await backend.raw!.xadd({ evnt: '{}' });
      expect(await store.read('c1', READ)).toEqual([{ id, raw: '' }]);
    });
  });

  describe('dead letters', () => {
    it('deadLetter stores raw and reason, oldest first, and acknowledges the entry', async () => {
      const store = await open();
      const events = heartbeats(2);
      const appended = await appendEach(store, events);
      const [a, b] = await store.read('c1', READ);
      await store.deadLetter([
        { entry: a!, reason: 'bad commune' },
        { entry: b!, reason: 'unknown type' },
      ]);
      const dead = await store.readDeadLetters(10);
      expect(dead.map(({ raw, reason }) => ({ raw, reason }))).toEqual([
        { raw: JSON.stringify(events[0]), reason: 'bad commune' },
        { raw: JSON.stringify(events[1]), reason: 'unknown type' },
      ]);
      expect(dead.map((d) => d.id)).toEqual([...dead.map((d) => d.id)].sort());
      expect(await store.readDeadLetters(1)).toHaveLength(1);
      expect(appended).toEqual([a!.id, b!.id]);
      const restarted = await open();
      expect(await restarted.read('c1', READ)).toEqual([]);
    });

    it('an entry still holding good events stays pending: its commit acknowledges it', async () => {
      const store = await open();
      const events = heartbeats(3);
      await store.append(events);
      const [entry] = await store.read('c1', READ);
      const bad = { id: entry!.id, raw: JSON.stringify(events[1]) };
      await store.deadLetter([{ entry: bad, reason: 'events[1]: unknown type' }], new Set([entry!.id]));
      expect((await store.readDeadLetters(10)).map(({ raw, reason }) => ({ raw, reason }))).toEqual([
        { raw: bad.raw, reason: 'events[1]: unknown type' },
      ]);
      const restarted = await open();
      expect(ids(await restarted.read('c1', READ))).toEqual([entry!.id]);
      expect(await restarted.commit(commitOf({ ack: [entry!.id] }))).toBe(true);
      expect(await (await open()).read('c1', READ)).toEqual([]);
    });
  });

  describe('commit', () => {
    const base = () =>
      commitOf({
        records: [{ key: 'd:H15.50-1', expect: 0, body: 'v1' }],
        hashes: new Map([['day:2026-11-23:province', hashOf({ received: 1 })]]),
        zsets: new Map([['open:province', { add: new Map([['H15.50-1', 100]]), remove: new Set<string>() }]]),
        sources: { one_stop: 1_000 },
        scopes: ['province'],
      });

    it('with a stale expect returns false and changes nothing', async () => {
      const store = await open();
      expect(await store.commit(base())).toBe(true);
      const [entry] = await store.append(heartbeats(1));
      await store.read('c1', READ);

      const stale = commitOf({
        records: [
          { key: 'd:H15.50-2', expect: 0, body: 'new' },
          { key: 'd:H15.50-1', expect: 0, body: 'v2' },
        ],
        hashes: new Map([
          ['day:2026-11-23:province', hashOf({ received: 5, resolved: 1 })],
          ['day:2026-11-23:commune:00004', hashOf({ received: 5 })],
        ]),
        zsets: new Map([
          ['open:province', { add: new Map([['H15.50-2', 50]]), remove: new Set(['H15.50-1']) }],
        ]),
        sources: { one_stop: 2_000, payments: 5 },
        scopes: ['commune:00004'],
        ack: [entry!],
      });
      expect(await store.commit(stale)).toBe(false);

      expect(await store.loadRecords(['d:H15.50-1', 'd:H15.50-2'])).toEqual(
        new Map([['d:H15.50-1', { version: 1, body: 'v1' }]]),
      );
      expect(await store.readHashes(['day:2026-11-23:province', 'day:2026-11-23:commune:00004'])).toEqual([
        { received: 1 },
        {},
      ]);
      expect(await store.countSets([{ key: 'open:province', below: 1_000 }])).toEqual([
        { total: 1, below: 1 },
      ]);
      expect(await store.readSources()).toEqual({ one_stop: 1_000 });
      expect(await store.knownScopes()).toEqual(['province']);
      const restarted = await open();
      expect(ids(await restarted.read('c1', READ))).toEqual([entry]);
    });

    it('with current versions applies everything and bumps versions', async () => {
      const store = await open();
      expect(await store.commit(base())).toBe(true);
      const [entry] = await store.append(heartbeats(1));
      await store.read('c1', READ);
      const next = commitOf({
        records: [
          { key: 'd:H15.50-1', expect: 1, body: 'v2' },
          { key: 'd:H15.50-2', expect: 0, body: 'new' },
        ],
        hashes: new Map([['day:2026-11-23:province', hashOf({ received: 1, resolved: 1 })]]),
        zsets: new Map([
          ['open:province', { add: new Map([['H15.50-2', 50]]), remove: new Set(['H15.50-1']) }],
        ]),
        ack: [entry!],
      });
      expect(await store.commit(next)).toBe(true);
      expect(await store.loadRecords(['d:H15.50-1', 'd:H15.50-2', 'd:missing'])).toEqual(
        new Map([
          ['d:H15.50-1', { version: 2, body: 'v2' }],
          ['d:H15.50-2', { version: 1, body: 'new' }],
        ]),
      );
      expect(await store.readHashes(['day:2026-11-23:province'])).toEqual([{ received: 2, resolved: 1 }]);
      expect(await store.countSets([{ key: 'open:province', below: 100 }])).toEqual([{ total: 1, below: 1 }]);
      const restarted = await open();
      expect(await restarted.read('c1', READ)).toEqual([]);
    });

    it('refuses a malformed commit without writing any of it', async () => {
      const store = await open();
      const bad = commitOf({
        records: [{ key: 'd:1', expect: 0, body: 'x' }],
        hashes: new Map([['h', hashOf({ a: 1, b: 0.5 })]]),
      });
      await expect(store.commit(bad)).rejects.toThrow(RangeError);
      expect(await store.loadRecords(['d:1'])).toEqual(new Map());
      expect(await store.readHashes(['h'])).toEqual([{}]);
    });
  });

  describe('counters and reads', () => {
    it('hashes add up across commits, and negative increments work', async () => {
      const store = await open();
      const add = (fields: Record<string, number>) =>
        store.commit(commitOf({ hashes: new Map([['day:2026-11-23:province', hashOf(fields)]]) }));
      await add({ received: 3, open: 2 });
      await add({ received: 4, open: -1, overdue: -2 });
      await add({ open: -1 });
      // A field back at 0 may be dropped: absent reads as 0.
      const [hash] = await store.readHashes(['day:2026-11-23:province']);
      expect({ open: 0, ...hash }).toEqual({ received: 7, open: 0, overdue: -2 });
      expect(await store.readHashes(['never:written'])).toEqual([{}]);
    });

    it('countSets counts the size and the members strictly below', async () => {
      const store = await open();
      const add = new Map([
        ['a', 10],
        ['b', 20],
        ['c', 30],
      ]);
      await store.commit(
        commitOf({ zsets: new Map([['open:commune:00004', { add, remove: new Set<string>() }]]) }),
      );
      expect(
        await store.countSets([
          { key: 'open:commune:00004', below: 20 },
          { key: 'open:commune:00004', below: 20.5 },
          { key: 'open:commune:00004', below: Infinity },
          { key: 'open:nowhere', below: 100 },
        ]),
      ).toEqual([
        { total: 3, below: 1 },
        { total: 3, below: 2 },
        { total: 3, below: 3 },
        { total: 0, below: 0 },
      ]);
    });

    it('sources keep the max', async () => {
      const store = await open();
      await store.commit(commitOf({ sources: { one_stop: 2_000, tasks: 10 } }));
      await store.commit(commitOf({ sources: { one_stop: 1_000, payments: 7 } }));
      expect(await store.readSources()).toEqual({ one_stop: 2_000, payments: 7, tasks: 10 });
    });

    it('readEarliest keeps the min of every commit per source, and has none before its first', async () => {
      const store = await open();
      expect(await store.readEarliest()).toEqual({});
      await store.commit(commitOf({ earliest: { one_stop: 5_000 } }));
      await store.commit(commitOf({ earliest: { one_stop: 9_000, tasks: 200 } }));
      await store.commit(commitOf({ earliest: { one_stop: 3_000 }, sources: { payments: 3_000 } }));
      await store.commit(commitOf({}));
      expect(await store.readEarliest()).toEqual({ one_stop: 3_000, tasks: 200 });
      // It lives beside the sources' last words, and is not one of them.
      expect(await store.readSources()).toEqual({ payments: 3_000 });
    });

    it('knownScopes accumulates every scope ever committed', async () => {
      const store = await open();
      await store.commit(commitOf({ scopes: ['province', 'commune:00004'] }));
      await store.commit(commitOf({ scopes: ['agency:sotp', 'province'] }));
      expect((await store.knownScopes()).sort()).toEqual(['agency:sotp', 'commune:00004', 'province']);
    });

    it('putOnce keeps the first value; getValue reads it', async () => {
      const store = await open();
      expect(await store.getValue('eod:2026-11-23')).toBeNull();
      expect(await store.putOnce('eod:2026-11-23', 'first')).toBe('first');
      expect(await store.putOnce('eod:2026-11-23', 'second')).toBe('first');
      expect(await store.getValue('eod:2026-11-23')).toBe('first');
    });

    it('putOnce with a time to live forgets the value after it, and may then be set again', async () => {
      const store = await open();
      expect(await store.putOnce('s:abc', 'session', { ttlMs: 150 })).toBe('session');
      expect(await store.putOnce('s:abc', 'other', { ttlMs: 150 })).toBe('session');
      expect(await store.getValue('s:abc')).toBe('session');
      await new Promise((r) => setTimeout(r, 300));
      expect(await store.getValue('s:abc')).toBeNull();
      expect(await store.putOnce('s:abc', 'new', { ttlMs: 10_000 })).toBe('new');
    });

    it('deleteKeys forgets hashes, sets and values, and ignores absent keys', async () => {
      const store = await open();
      const commit = commitOf({ scopes: ['province'] });
      commit.hashes.set('min:2026-11-16:province', new Map([['600.received', 3]]));
      commit.hashes.set('min:2026-11-23:province', new Map([['600.received', 1]]));
      commit.zsets.set('open:province', { add: new Map([['d1', 5]]), remove: new Set() });
      await store.commit(commit);
      await store.putOnce('eod:2026-11-16:province', '{}');
      await store.deleteKeys([
        'min:2026-11-16:province',
        'open:province',
        'eod:2026-11-16:province',
        'absent',
      ]);
      expect(await store.readHashes(['min:2026-11-16:province', 'min:2026-11-23:province'])).toEqual([
        {},
        { '600.received': 1 },
      ]);
      expect(await store.countSets([{ key: 'open:province', below: 10 }])).toEqual([{ total: 0, below: 0 }]);
      expect(await store.getValue('eod:2026-11-16:province')).toBeNull();
    });
  });

  describe('rangeBelow', () => {
    const openSet = (members: Record<string, number>) =>
      commitOf({
        zsets: new Map([['open:commune:00004', { add: hashOf(members), remove: new Set<string>() }]]),
      });

    it('returns the members scoring strictly below, lowest score first, at most `limit`', async () => {
      const store = await open();
      await store.commit(openSet({ late3: 30, late1: 10, due: 50, late2: 20, atTheBound: 40 }));
      expect(await store.rangeBelow('open:commune:00004', 40, 10)).toEqual(['late1', 'late2', 'late3']);
      expect(await store.rangeBelow('open:commune:00004', 40, 2)).toEqual(['late1', 'late2']);
      expect(await store.rangeBelow('open:commune:00004', 40.5, 10)).toEqual([
        'late1',
        'late2',
        'late3',
        'atTheBound',
      ]);
      expect(await store.rangeBelow('open:commune:00004', Infinity, 10)).toHaveLength(5);
      expect(await store.rangeBelow('open:commune:00004', 10, 10)).toEqual([]);
      expect(await store.rangeBelow('open:commune:00004', 40, 0)).toEqual([]);
      expect(await store.rangeBelow('open:nowhere', 40, 10)).toEqual([]);
    });

    it('orders members of one score by member, as Redis does', async () => {
      const store = await open();
      await store.commit(openSet({ 'H-2': 5, 'H-10': 5, 'H-1': 5, A: 7 }));
      expect(await store.rangeBelow('open:commune:00004', 100, 10)).toEqual(['H-1', 'H-10', 'H-2', 'A']);
    });

    it('refuses a negative or fractional limit', async () => {
      const store = await open();
      await expect(store.rangeBelow('open:province', 1, -1)).rejects.toThrow(/limit/);
      await expect(store.rangeBelow('open:province', 1, 1.5)).rejects.toThrow(/limit/);
    });
  });

  describe('rangeLex and countLex', () => {
    /** An index whose members all score 0, read by member order (the due index of dossier lists). */
    const lexSet = (members: string[], remove: string[] = []) =>
      commitOf({
        zsets: new Map([
          ['due:province', { add: new Map(members.map((m) => [m, 0])), remove: new Set(remove) }],
        ]),
      });
    // Byte order: 'Z' < 'a' < 'Đ' (C4 90) < '\uFFFD' (EF BF BD) < '𝟘' (F0 9D 9F 98), though JavaScript puts
    // the surrogates of '𝟘' (D835 …) before '\uFFFD'.
    const members = ['2|a', '1|b', '2|Z', '2|Đ', '2|\uFFFD', '2|𝟘', '3|a', '10|a'];
    const inByteOrder = ['10|a', '1|b', '2|Z', '2|a', '2|Đ', '2|\uFFFD', '2|𝟘', '3|a'];

    it('ranges members in byte order between inclusive, exclusive and open bounds, at most `limit`', async () => {
      const store = await open();
      await store.commit(lexSet(members));
      expect(await store.rangeLex('due:province', '-', '+', 100)).toEqual(inByteOrder);
      expect(await store.rangeLex('due:province', '(2|Z', '(3', 3)).toEqual(['2|a', '2|Đ', '2|\uFFFD']);
      expect(await store.rangeLex('due:province', '(2|\uFFFD', '(3', 10)).toEqual(['2|𝟘']);
      expect(await store.rangeLex('due:province', '[2|Z', '[2|a', 10)).toEqual(['2|Z', '2|a']);
      expect(await store.rangeLex('due:province', '[2', '(3', 0)).toEqual([]);
      expect(await store.rangeLex('absent', '-', '+', 10)).toEqual([]);
      expect(await store.countLex('due:province', '[2', '(3')).toBe(5);
      expect(await store.countLex('due:province', '-', '+')).toBe(8);
      expect(await store.countLex('absent', '-', '+')).toBe(0);
      await store.commit(lexSet([], ['2|a']));
      expect(await store.rangeLex('due:province', '(2|Z', '+', 1)).toEqual(['2|Đ']);
    });

    it('refuses a bound Redis would not read, and a negative limit', async () => {
      const store = await open();
      await expect(store.rangeLex('due:province', 'x' as '-', '+', 1)).rejects.toThrow(RangeError);
      await expect(store.countLex('due:province', '-', '' as '+')).rejects.toThrow(RangeError);
      await expect(store.rangeLex('due:province', '-', '+', -1)).rejects.toThrow(RangeError);
    });
  });

  describe('dropRecords', () => {
    /** Records r0..r(n-1), listed in the index with score i, and one record not listed at all. */
    const records = (n: number) =>
      commitOf({
        records: [
          ...Array.from({ length: n }, (_, i) => ({ key: `d:r${i}`, expect: 0, body: `{"i":${i}}` })),
          { key: 'd:open', expect: 0, body: '{}' },
        ],
        zsets: new Map([
          [
            'closed',
            {
              add: new Map(Array.from({ length: n }, (_, i) => [`d:r${i}`, i] as [string, number])),
              remove: new Set<string>(),
            },
          ],
        ]),
      });

    it('forgets the records scored below the bound, lowest first, and their index entries', async () => {
      const store = await open();
      expect(await store.commit(records(5))).toBe(true);
      expect(await store.dropRecords('closed', 3, 2)).toBe(2);
      expect([...(await store.loadRecords(['d:r0', 'd:r1', 'd:r2'])).keys()]).toEqual(['d:r2']);
      expect(await store.dropRecords('closed', 3, 10)).toBe(1);
      expect(await store.dropRecords('closed', 3, 10)).toBe(0);
      const left = await store.loadRecords(['d:r2', 'd:r3', 'd:r4', 'd:open']);
      expect([...left.keys()].sort()).toEqual(['d:open', 'd:r3', 'd:r4']);
      expect(await store.rangeBelow('closed', Infinity, 10)).toEqual(['d:r3', 'd:r4']);
    });

    it('lets a commit that loaded a dropped record fail its version check, then start it afresh', async () => {
      const store = await open();
      expect(await store.commit(records(1))).toBe(true);
      await store.dropRecords('closed', 1, 10);
      expect(await store.commit(commitOf({ records: [{ key: 'd:r0', expect: 1, body: '{}' }] }))).toBe(false);
      expect(await store.commit(commitOf({ records: [{ key: 'd:r0', expect: 0, body: '{}' }] }))).toBe(true);
    });

    it('drops more than one slice of records in one call', async () => {
      const store = await open();
      expect(await store.commit(records(2_500))).toBe(true);
      expect(await store.dropRecords('closed', 2_400, 10_000)).toBe(2_400);
      expect(await store.rangeBelow('closed', Infinity, 10_000)).toHaveLength(100);
    });
  });

  describe('logs', () => {
    const appendAll = async (store: Store, bodies: string[]) => {
      const out: string[] = [];
      for (const body of bodies) out.push(await store.appendLog('audit', body));
      return out;
    };
    const bodies = (entries: { body: string }[]) => entries.map((e) => e.body);
    const numbered = (n: number) => Array.from({ length: n }, (_, i) => `entry ${i}`);

    it('appendLog hands out increasing "<ms>-<n>" ids; readLog returns the newest first', async () => {
      const store = await open();
      expect(await store.readLog('audit', { count: 10 })).toEqual([]);
      const appended = await appendAll(store, numbered(5));
      for (const id of appended) expect(id).toMatch(/^\d+-\d+$/);
      const asNumbers = appended.map((id) => id.split('-').map(Number) as [number, number]);
      for (let i = 1; i < asNumbers.length; i++) {
        const [[ms0, n0], [ms1, n1]] = [asNumbers[i - 1]!, asNumbers[i]!];
        expect(ms1 > ms0 || (ms1 === ms0 && n1 > n0), `${appended[i]} after ${appended[i - 1]}`).toBe(true);
      }
      expect(await store.readLog('audit', { count: 10 })).toEqual(
        appended.map((id, i) => ({ id, body: `entry ${i}` })).reverse(),
      );
      expect(bodies(await store.readLog('audit', { count: 2 }))).toEqual(['entry 4', 'entry 3']);
    });

    it('pages back with `before`, strictly older than it, until nothing is left', async () => {
      const store = await open();
      const appended = await appendAll(store, numbered(25));
      const pages: string[][] = [];
      let before: string | undefined;
      for (;;) {
        const page = await store.readLog('audit', { count: 10, ...(before ? { before } : {}) });
        if (page.length === 0) break;
        pages.push(bodies(page));
        before = page.at(-1)!.id;
      }
      expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
      expect(pages.flat()).toEqual(numbered(25).reverse());
      // An id between entries, or past the newest, works as well as an entry's own.
      expect(bodies(await store.readLog('audit', { count: 2, before: appended[3]! }))).toEqual([
        'entry 2',
        'entry 1',
      ]);
      expect(await store.readLog('audit', { count: 1, before: `${Number.MAX_SAFE_INTEGER}-0` })).toEqual([
        { id: appended[24], body: 'entry 24' },
      ]);
      expect(await store.readLog('audit', { count: 10, before: appended[0]! })).toEqual([]);
      expect(await store.readLog('audit', { count: 10, before: '0-0' })).toEqual([]);
    });

    it('is shared by every store instance on the same data, and outlives a restart', async () => {
      const first = await open();
      const [id] = await appendAll(first, ['signed in']);
      const other = await open();
      await appendAll(other, ['signed out']);
      await first.close();
      const restarted = await open();
      expect(await restarted.readLog('audit', { count: 10 })).toEqual([
        { id: expect.stringMatching(/^\d+-\d+$/), body: 'signed out' },
        { id, body: 'signed in' },
      ]);
    });

    it('names a bad `before` or `count`', async () => {
      const store = await open();
      for (const before of ['', 'abc', '12', '12-', '-1-0', '1-2-3', '99999999999999999999-0']) {
        await expect(store.readLog('audit', { count: 1, before }), before).rejects.toThrow(`"${before}"`);
      }
      for (const count of [0, -1, 1.5, 1001, NaN]) {
        await expect(store.readLog('audit', { count }), String(count)).rejects.toThrow(/count/);
      }
      expect(await store.readLog('audit', { count: 1000 })).toEqual([]);
    });

    it(`keeps about the newest ${LOG_MAX_ENTRIES.toLocaleString('en')} entries, dropping the oldest`, async () => {
      const store = await open();
      const total = LOG_MAX_ENTRIES + 500;
      let first = '';
      // Sent in concurrent runs (Redis pipelines them), kept in order by each run's awaiting.
      for (let i = 0; i < total; i += 5_000) {
        const run = Array.from({ length: Math.min(5_000, total - i) }, (_, j) =>
          store.appendLog('audit', `${i + j}`),
        );
        const ids = await Promise.all(run);
        if (i === 0) first = ids[0]!;
      }
      let kept = 0;
      let oldest: { id: string; body: string } | undefined;
      for (let before: string | undefined; ;) {
        const page = await store.readLog('audit', { count: 1000, ...(before ? { before } : {}) });
        if (page.length === 0) break;
        kept += page.length;
        oldest = page.at(-1);
        before = oldest!.id;
      }
      // Redis trims approximately (whole nodes of 100 entries): never below the cap, a little above it.
      expect(kept).toBeGreaterThanOrEqual(LOG_MAX_ENTRIES);
      expect(kept).toBeLessThan(total);
      expect(oldest!.body).toBe(String(total - kept));
      expect(oldest!.id).not.toBe(first);
    });
  });

  describe('change feed', () => {
    it('every store instance on the same data hears a commit, the committing one included', async () => {
      const a = await open();
      const b = await open();
      const heardByA = new Promise<ChangeNotice>((resolve) => a.subscribeChanges(resolve));
      const heardByB = new Promise<ChangeNotice>((resolve) => b.subscribeChanges(resolve));
      // A commit that touches no scope and no source publishes nothing: the first notice is the second commit's.
      await a.commit(commitOf({ hashes: new Map([['h', hashOf({ x: 1 })]]) }));
      await a.commit(commitOf({ scopes: ['commune:00004'], sources: { payments: 5 } }));
      const expected = { scopes: ['commune:00004'], sources: { payments: 5 } };
      expect(await within(heardByB, 3_000, 'the other instance')).toEqual(expected);
      expect(await within(heardByA, 3_000, 'the committing instance')).toEqual(expected);
    });

    it('unsubscribing stops delivery', async () => {
      const store = await open();
      const heard: ChangeNotice[] = [];
      const stop = store.subscribeChanges((c) => heard.push(c));
      const last = new Promise<ChangeNotice>((resolve) => store.subscribeChanges(resolve));
      stop();
      await store.commit(commitOf({ scopes: ['province'] }));
      await within(last, 3_000, 'the remaining listener');
      expect(heard).toEqual([]);
    });

    onlyFor('redis')(
      'the change feed and stream reads go on after Redis drops their connections',
      async () => {
        const store = await open();
        // Settled into a value at once: the rejection comes before anyone awaits it.
        const blocked = store.read('c1', { ...READ, blockMs: 5_000 }).catch((err: unknown) => err);
        await sleep(50);
        await backend.raw!.kill(['feed', 'stream']);
        // The read that was waiting loses its connection and says so; the caller reads again.
        expect(await within(blocked, 3_000, 'the interrupted read')).toBeInstanceOf(Error);
        const heard = new Promise<ChangeNotice>((resolve) => store.subscribeChanges(resolve));
        await store.commit(commitOf({ scopes: ['province'] }));
        expect(await within(heard, 5_000, 'the notice after reconnecting')).toEqual({
          scopes: ['province'],
          sources: {},
        });
        const [id] = await store.append(heartbeats(1));
        expect(ids(await store.read('c1', READ))).toEqual([id]);
      },
    );

    onlyFor('memory')('listeners are never called inside commit', async () => {
      const store = await open();
      let heard = false;
      store.subscribeChanges(() => (heard = true));
      const committing = store.commit(commitOf({ scopes: ['province'] }));
      expect(heard).toBe(false);
      await committing;
      await sleep(0);
      expect(heard).toBe(true);
    });
  });

  it('a 1,000-event batch goes round: append, read, one commit with thousands of increments', async () => {
    const store = await open();
    const appended = await store.append(heartbeats(1_000));
    expect(appended).toHaveLength(1_000);
    const entries = [...new Set(appended)];
    expect(entries).toHaveLength(1_000 / EVENTS_PER_ENTRY);
    const read = await readN(store, 'c1', entries.length, { ...READ, count: 1_000 });
    expect(ids(read)).toEqual(entries);

    const hashes = new Map<string, Map<string, number>>();
    for (let h = 0; h < 10; h++) {
      hashes.set(`day:2026-11-23:commune:${String(h).padStart(5, '0')}`, hashOf(fieldsOf(500, 1)));
    }
    const add = new Map(Array.from({ length: 5_000 }, (_, i) => [`m${i}`, i] as [string, number]));
    const big = commitOf({
      records: Array.from({ length: 300 }, (_, i) => ({ key: `d:${i}`, expect: 0, body: `{"n":${i}}` })),
      hashes,
      zsets: new Map([['open:province', { add, remove: new Set<string>() }]]),
      scopes: Array.from({ length: 100 }, (_, i) => `commune:${String(i).padStart(5, '0')}` as const),
      sources: { one_stop: 1 },
      ack: entries,
    });
    expect(await store.commit(big)).toBe(true);

    const [first] = await store.readHashes(['day:2026-11-23:commune:00000']);
    expect(Object.keys(first!)).toHaveLength(500);
    expect(await store.countSets([{ key: 'open:province', below: 2_500 }])).toEqual([
      { total: 5_000, below: 2_500 },
    ]);
    expect((await store.loadRecords(['d:0', 'd:299'])).get('d:299')).toEqual({
      version: 1,
      body: '{"n":299}',
    });
    expect(await store.knownScopes()).toHaveLength(100);
    const restarted = await open();
    expect(await restarted.read('c1', READ)).toEqual([]);
  });
});

function fieldsOf(n: number, amount: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, amount]));
}
