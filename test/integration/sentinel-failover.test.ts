import { createClient } from 'redis';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, Frame, ServerToClientEvents, Snapshot } from '../../shared/socket';
import { createRedisStore } from '../../server/store/index';
import { received } from '../support/events';
import { startRedisWith } from '../support/redis-server';
import { startSentinel } from '../support/sentinel';
import { freePort, startServerProcess } from '../support/server-process';

const KEY = 'sentinel-test-one-stop-key-01';
const GROUP = 'ioc-wall';
const BATCHES = 120;
const PER_BATCH = 10;
/** The batch during whose sending the primary is killed. */
const KILL_AT = 40;
const RECEIVED = 'province|received';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Redis waits 5 s by default before a full sync to a new replica (repl-diskless-sync-delay), in case
 * others come to share it; one replica at a time here, so none of that wait.
 */
const NO_SYNC_DELAY = ['--repl-diskless-sync-delay', '0'];

/** A replica of `primaryPort`, once its link to the primary is up (it holds what the primary had). */
async function startReplica(primaryPort: number) {
  const replica = await startRedisWith([...NO_SYNC_DELAY, '--replicaof', '127.0.0.1', String(primaryPort)]);
  const probe = createClient({ url: replica.url });
  probe.on('error', () => {});
  await probe.connect();
  const deadline = Date.now() + 10_000;
  while (!(await probe.info('replication')).includes('master_link_status:up')) {
    if (Date.now() > deadline) throw new Error(`the replica on ${replica.port} never caught up`);
    await sleep(50);
  }
  probe.destroy();
  return replica;
}

/**
 * Debian's redis-server and redis-sentinel on loopback, as a data centre runs them: a primary, a
 * replica and a sentinel (quorum 1). The wall server follows the group (REDIS_SENTINELS) and
 * acknowledges a batch only once a replica holds it (REDIS_MIN_REPLICAS=1). The primary is SIGKILLed
 * while a source is sending; the sentinel promotes the replica; the source goes on, resending what
 * was not acknowledged with the same event ids, as a real source does. Then a planned switchover
 * (SENTINEL FAILOVER), under the same stream.
 */
describe('a Redis primary killed mid-stream under Sentinel', { timeout: 90_000 }, () => {
  let primary: Awaited<ReturnType<typeof startRedisWith>>;
  let replica: Awaited<ReturnType<typeof startRedisWith>>;
  let successor: Awaited<ReturnType<typeof startRedisWith>> | null = null;
  let sentinel: Awaited<ReturnType<typeof startSentinel>>;
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let wall: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  let base = '';

  beforeAll(async () => {
    primary = await startRedisWith(NO_SYNC_DELAY);
    replica = await startReplica(primary.port);
    sentinel = await startSentinel({
      name: GROUP,
      primaryPort: primary.port,
      downAfterMs: 1_000,
      failoverTimeoutMs: 3_000,
    });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = await startServerProcess(
      {
        REDIS_URL: '', // the group alone says where Redis is
        REDIS_SENTINELS: sentinel.address,
        REDIS_SENTINEL_NAME: GROUP,
        REDIS_MIN_REPLICAS: '1',
        // A hash tag: every key of the wall in one Cluster slot, as the scripts need.
        REDIS_PREFIX: 'ioc:{sentinel}:',
        INGEST_KEYS: `one_stop:${KEY}`,
        SIMULATOR: 'off',
        LOOPBACK_WATCH: 'on',
        CONSUMER_NAME: 'sentinel-test',
        LOG_LEVEL: 'warn',
      },
      port,
    );
  }, 60_000);

  afterAll(async () => {
    wall?.disconnect();
    await server?.kill('SIGKILL');
    await Promise.all([sentinel?.stop(), primary?.stop(), replica?.stop(), successor?.stop()]);
  });

  const batch = (b: number) =>
    Array.from({ length: PER_BATCH }, (_, i) =>
      received({
        id: `sentinel-${b}-${i}`,
        dossierId: `SN-${b}-${i}`,
        at: new Date().toISOString(),
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    );

  /** Sends a batch until it is acknowledged, as a source does; the answers that were not 202. */
  async function deliver(b: number, beforeEachAttempt: (attempt: number) => void = () => {}) {
    const events = batch(b);
    const refusals: string[] = [];
    const deadline = Date.now() + 30_000;
    for (let attempt = 0; ; attempt++) {
      beforeEachAttempt(attempt);
      const status = await fetch(`${base}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify(events),
      }).then(
        (r) => String(r.status),
        (err: Error) => err.message,
      );
      if (status === '202') return refusals;
      refusals.push(status);
      if (Date.now() > deadline)
        throw new Error(
          `batch ${b} was not acknowledged within 30 s (last answer ${status}); the sentinel's log:\n` +
            `${sentinel.log()}\nthe server's:\n${server.output().slice(-4000)}`,
        );
      await sleep(100);
    }
  }

  /** The count once it reads `expected` (or 20 s passed), half a second later: nothing counted late twice. */
  async function settledCount(expected: number): Promise<number | null> {
    const deadline = Date.now() + 20_000;
    while ((await countedToday()) !== expected && Date.now() < deadline) await sleep(100);
    await sleep(500);
    return countedToday();
  }

  /** The names of the connections on a Redis: every one of the wall server's carries its use. */
  async function connectionNames(url: string) {
    const probe = createClient({ url });
    await probe.connect();
    const names = (await probe.clientList()).map((c) => c.name);
    probe.destroy();
    return names;
  }
  const USES = ['commands', 'stream', 'feed', 'ingest', 'adapter'].map((use) => `ioc:{sentinel}:${use}`);

  /** Batches acknowledged so far, over the tests of this file. */
  let acknowledged = 0;

  async function countedToday(): Promise<number | null> {
    try {
      const r = await fetch(`${base}/api/v1/kpis?scope=province`);
      const body = (await r.json()) as { kpis: { id: string; value: number | null }[] };
      return body.kpis.find((k) => k.id === 'received')?.value ?? null;
    } catch {
      return null;
    }
  }

  it('names what is wrong when no sentinel can say where the primary is, and lets go of them on close', async () => {
    const unknown = {
      sentinels: [{ host: '127.0.0.1', port: sentinel.port }],
      sentinelName: 'no-such-group',
    };
    await expect(createRedisStore(unknown)).rejects.toThrow(
      new RegExp(`127\\.0\\.0\\.1:${sentinel.port}: knows no primary named "no-such-group"`),
    );
    const nobody = { sentinels: [{ host: '127.0.0.1', port: await freePort() }], sentinelName: GROUP };
    await expect(createRedisStore(nobody)).rejects.toThrow(/no sentinel named the primary of "ioc-wall"/);

    // A store on the group listens to the sentinel (+switch-master) until it is closed.
    const listening = async () => (await sentinel.clients()).filter((c) => /\bsub=[1-9]/.test(c)).length;
    const before = await listening();
    const store = await createRedisStore({
      sentinels: [{ host: '127.0.0.1', port: sentinel.port }],
      sentinelName: GROUP,
      prefix: 'ioc:{sentinel-probe}:',
    });
    expect(await store.getValue('nothing-here')).toBeNull();
    const deadline = Date.now() + 5_000;
    while ((await listening()) !== before + 1 && Date.now() < deadline) await sleep(50);
    expect(await listening()).toBe(before + 1);
    await store.close();
    while ((await listening()) !== before && Date.now() < deadline + 5_000) await sleep(50);
    expect(await listening()).toBe(before);
  });

  it('loses nothing acknowledged, counts nothing twice, and the wall carries on', async () => {
    const seen = { received: null as number | null, frameTimes: [] as number[] };
    wall = connect(base, { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 500 });
    const take = (kpis: Snapshot['kpis'] | Frame['kpis']) => {
      const kpi = kpis[RECEIVED];
      if (kpi) seen.received = kpi[0];
    };
    wall.on('connect', () =>
      wall!.emit('feed:subscribe', { feed: 'province' }, (r) => {
        if ('data' in r && r.data.kind === 'snapshot') take(r.data.snapshot.kpis);
      }),
    );
    wall.on('kpi:frame', (f) => {
      seen.frameTimes.push(Date.now());
      take(f.kpis);
    });

    // After the promotion the new primary has no replica, and WAIT cannot be met: a replica follows
    // it again, as the failed machine (or a spare) would be brought back by the operators.
    let promotedAt: number | null = null;
    const promotion = (async () => {
      while ((await sentinel.primary()).port === primary.port) await sleep(50);
      promotedAt = Date.now();
      successor = await startReplica((await sentinel.primary()).port);
    })();

    const refused = new Map<string, number>();
    let lastAck = Date.now();
    let longestGapMs = 0;
    let killedAt = 0;
    let killing: Promise<void> | null = null;
    for (let b = 0; b < BATCHES; b++) {
      const refusals = await deliver(b, (attempt) => {
        if (b !== KILL_AT || attempt !== 0) return;
        // SIGKILL while this batch's request is on its way: mid-stream, not between batches.
        killedAt = Date.now();
        killing = primary.stop();
      });
      for (const status of refusals) refused.set(status, (refused.get(status) ?? 0) + 1);
      acknowledged += 1;
      longestGapMs = Math.max(longestGapMs, Date.now() - lastAck);
      lastAck = Date.now();
      await sleep(20);
    }
    await killing;
    await promotion;
    const sent = BATCHES * PER_BATCH;
    const counted = await settledCount(sent);
    const deadline = Date.now() + 10_000;
    while (seen.received !== sent && Date.now() < deadline) await sleep(50);

    const framesAfter = seen.frameTimes.filter((t) => t > (promotedAt ?? Infinity)).length;
    console.log(
      `[sentinel failover] events sent ${sent} (${BATCHES} batches of ${PER_BATCH}), counted ${counted}; ` +
        `primary killed at batch ${KILL_AT}, replica promoted ${((promotedAt! - killedAt) / 1000).toFixed(1)} s ` +
        `later; longest gap without an acknowledged ingest ${(longestGapMs / 1000).toFixed(1)} s; refused ` +
        `attempts ${JSON.stringify(Object.fromEntries(refused))}; wall frames after the promotion ${framesAfter}, ` +
        `the wall shows ${seen.received}`,
    );
    expect(promotedAt).not.toBeNull();
    expect((await sentinel.primary()).port).toBe(replica.port);
    // Every connection is on the new primary: the store's (its blocking reads, feed and WAIT included)
    // and the Socket.IO adapter's.
    const names = await connectionNames(replica.url);
    for (const name of USES) expect(names).toContain(name);
    expect(counted).toBe(sent); // 0 lost, 0 doubled
    expect(seen.received).toBe(sent);
    expect(framesAfter).toBeGreaterThan(0);
    expect(longestGapMs).toBeLessThan(20_000);
  });

  it('a planned switchover (SENTINEL FAILOVER) moves every connection too, and loses nothing', async () => {
    // The primary's connections do not break this time: the server hears of it from the sentinel.
    expect(successor).not.toBeNull();
    const next = successor!;
    // The sentinel hands over only to a replica it knows is in sync (it reads the primary's INFO).
    const deadline = Date.now() + 20_000;
    const ready = async () =>
      (await sentinel.replicas()).some(
        (r) => Number(r.port) === next.port && r.flags === 'slave' && r['master-link-status'] === 'ok',
      );
    while (!(await ready())) {
      if (Date.now() > deadline) throw new Error(`the sentinel never saw the replica on ${next.port}`);
      await sleep(100);
    }
    expect(await sentinel.failover()).toBe('OK');
    const startedAt = Date.now();
    let switchedAt: number | null = null;
    const switching = (async () => {
      while ((await sentinel.primary()).port !== next.port && Date.now() - startedAt < 30_000)
        await sleep(50);
      switchedAt = Date.now();
    })();
    let refusals = 0;
    let after = 0;
    let lastAck = Date.now();
    let longestGapMs = 0;
    // Go on sending through the switchover, and for 10 batches once the sentinel names the new primary.
    for (let b = BATCHES; after < 10; b++) {
      refusals += (await deliver(b)).length;
      acknowledged += 1;
      longestGapMs = Math.max(longestGapMs, Date.now() - lastAck);
      lastAck = Date.now();
      if (switchedAt !== null) after += 1;
      if (Date.now() - startedAt > 40_000) throw new Error('no switchover within 40 s');
      await sleep(20);
    }
    await switching;
    const sent = acknowledged * PER_BATCH;
    const counted = await settledCount(sent);
    // With one replica, ingest waits for the old primary to become the new one's replica: the sentinel
    // turns it (+convert-to-slave) when it next reads its INFO, up to 10 s later (docs/deploy/redis).
    console.log(
      `[sentinel switchover] events sent ${sent} in all, counted ${counted}; the sentinel named the new ` +
        `primary ${((switchedAt! - startedAt) / 1000).toFixed(1)} s after SENTINEL FAILOVER; longest gap ` +
        `without an acknowledged ingest ${(longestGapMs / 1000).toFixed(1)} s; refused attempts ${refusals}`,
    );
    const names = await connectionNames(next.url);
    for (const name of USES) expect(names).toContain(name);
    expect(counted).toBe(sent);
  });
});
