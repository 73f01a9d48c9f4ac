import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/types';
import { eventually, kpi, startTestApp, TEST_KEYS } from '../support/app';
import { heartbeat, payment, received, resolved, taskCompleted } from '../support/events';
import { STORES, workersOn } from '../support/stores';
import { eventsIn } from '../support/stream-entries';

const now = () => new Date().toISOString();
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const fresh = (p: Parameters<typeof received>[0] = {}) => received({ at: now(), dueAt: inDays(3), ...p });

/** Each store, and Redis once more with ingest on a worker thread: every answer must be the same. */
const VARIANTS = [
  ...STORES.map(([name, make]) => [name, make, false] as const),
  ['redis', STORES[1]![1], true] as const,
];

describe.each(VARIANTS)('POST /api/v1/events (%s store, worker threads: %s)', (name, makeStore, threads) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let prefix: string | undefined;
  let sut: Awaited<ReturnType<typeof startTestApp>>;

  /** What reached the event stream: the aggregator is off in these tests, so nothing consumes it. */
  /** Events held in the stream, however they were packed into entries. */
  const stored = async () =>
    eventsIn(await store.read('probe', { count: 2000, blockMs: 1, claimIdleMs: 60_000 })).length;

  beforeEach(async () => {
    ({ store, cleanup, prefix } = await makeStore(`ingest-${name}`));
    const ingestWorkers = threads ? workersOn(prefix!) : null;
    sut = await startTestApp(store, { aggregate: false, ingestWorkers });
  });
  afterEach(async () => {
    await sut.close();
    await cleanup();
  });

  it('accepts one event or a batch with 202 and stores them in the stream', async () => {
    expect(await sut.post(fresh())).toEqual({ status: 202, body: { accepted: 1 } });
    expect(await sut.post([fresh({ dossierId: 'a' }), fresh({ dossierId: 'b' })])).toEqual({
      status: 202,
      body: { accepted: 2 },
    });
    expect(await stored()).toBe(3);
  });

  it('answers 401 without a key and with an unknown key, storing nothing', async () => {
    expect(await sut.post(fresh(), null)).toMatchObject({
      status: 401,
      body: { error: expect.stringMatching(/API key is required/) },
    });
    expect(await sut.post(fresh(), 'not-a-known-key-000000')).toMatchObject({
      status: 401,
      body: { error: 'unknown API key' },
    });
    expect(await stored()).toBe(0);
  });

  it('answers 403 naming each event whose type or source the key may not send, storing nothing', async () => {
    const r = await sut.post([fresh(), payment({ at: now() })], TEST_KEYS.one_stop);
    expect(r.status).toBe(403);
    expect(r.body.errors).toEqual([
      { index: 1, field: 'source', message: expect.stringMatching(/sends for "one_stop"/) },
    ]);
    const narrow = await sut.post([heartbeat({ at: now() }), fresh()], TEST_KEYS.heartbeatOnly);
    expect(narrow.status).toBe(403);
    expect(narrow.body.errors).toEqual([
      { index: 1, field: 'type', message: 'this key may not send "dossier.received"' },
    ]);
    expect(await stored()).toBe(0);
  });

  it('answers 400 naming every bad field with its index, and stores nothing of the batch', async () => {
    const { feeVnd: _omit, ...noFee } = fresh({ dossierId: 'c' });
    const r = await sut.post([
      fresh({ dossierId: 'a' }),
      { ...fresh({ dossierId: 'b' }), commune: '123', channel: 'fax' },
      noFee,
    ]);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/nothing of this batch was stored/);
    expect(r.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, field: 'commune', message: 'must be a 5-digit commune code' }),
        expect.objectContaining({ index: 1, field: 'channel' }),
        expect.objectContaining({ index: 2, field: 'feeVnd' }),
      ]),
    );
    expect((r.body.errors as { index: number }[]).some((e) => e.index === 0)).toBe(false);
    expect(await stored()).toBe(0);
  });

  it('names an unknown field, a non-integer amount and an unknown type', async () => {
    const r = await sut.post([
      { ...fresh(), colour: 'red' },
      { ...fresh(), feeVnd: 10.5 },
      { ...fresh(), type: 'dossier.lost' },
    ]);
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      { index: 0, field: 'colour', message: expect.stringMatching(/Unrecognized key/) },
      { index: 1, field: 'feeVnd', message: 'must be an integer number of VND' },
      { index: 2, field: 'type', message: expect.stringMatching(/Invalid/) },
    ]);
    expect(await stored()).toBe(0);
  });

  it('refuses an event dated in the future, which would make its source look alive forever', async () => {
    const r = await sut.post([fresh(), fresh({ at: inDays(1) })]);
    expect(r).toMatchObject({
      status: 400,
      body: { errors: [{ index: 1, field: 'at', message: expect.stringMatching(/in the future/) }] },
    });
    expect(await stored()).toBe(0);
  });

  it('refuses a commune outside the province, a due time before reception, and finish or completion times in the future', async () => {
    const r = await sut.post([
      fresh({ commune: '26734' }),
      fresh({ dueAt: '2026-11-20T08:00:00+07:00', at: inDays(-1) }),
      resolved({ finishedAt: inDays(1) }),
    ]);
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      { index: 0, field: 'commune', message: '"26734" is not a commune or ward of this province' },
      { index: 1, field: 'dueAt', message: expect.stringMatching(/is before the dossier was received/) },
      { index: 2, field: 'finishedAt', message: expect.stringMatching(/is in the future/) },
    ]);
    const late = await sut.post(taskCompleted({ completedAt: inDays(1) }), TEST_KEYS.tasks);
    expect(late.body.errors).toEqual([
      { index: 0, field: 'completedAt', message: expect.stringMatching(/is in the future/) },
    ]);
    expect(await stored()).toBe(0);
  });

  it('accepts the lead agency on a task.completed, as on every task event', async () => {
    const r = await sut.post(
      taskCompleted({ agency: 'so-khcn', completedAt: inDays(-1), at: inDays(-1) }),
      TEST_KEYS.tasks,
    );
    expect(r).toEqual({ status: 202, body: { accepted: 1 } });
  });

  it('answers 400 to malformed JSON, an empty batch and a batch of more than 1,000', async () => {
    expect(await sut.post(null, TEST_KEYS.one_stop, '{"id": ')).toMatchObject({
      status: 400,
      body: { error: 'request body is not valid JSON' },
    });
    expect(await sut.post([])).toMatchObject({
      status: 400,
      body: { errors: [{ message: 'the batch is empty' }] },
    });
    const big = Array.from({ length: 1001 }, (_, i) => heartbeat({ at: now(), id: `hb-${i}` }));
    expect(await sut.post(big)).toMatchObject({
      status: 400,
      body: { errors: [{ message: 'a batch holds at most 1000 events' }] },
    });
    expect(await stored()).toBe(0);
  });

  it('answers 413 to an oversize body', async () => {
    const r = await sut.post(null, TEST_KEYS.one_stop, JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024) }));
    expect(r).toEqual({ status: 413, body: { error: 'request body too large (max 2 MB)' } });
    expect(await stored()).toBe(0);
  });
});

describe.each(STORES)('exactly once through the aggregator (%s store)', (name, makeStore) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  beforeEach(async () => {
    ({ store, cleanup } = await makeStore(`once-${name}`));
    sut = await startTestApp(store);
  });
  afterEach(async () => {
    await sut.close();
    await cleanup();
  });

  it('accepts repeated ids and counts them once', async () => {
    const e = fresh({ channel: 'in_person', onlineLevel: 'none' });
    expect((await sut.post(e)).status).toBe(202);
    expect((await sut.post([e, e])).status).toBe(202);
    const other = fresh({ dossierId: 'other' });
    expect((await sut.post(other)).status).toBe(202);
    const body = await eventually(async () => {
      const r = (await sut.kpis()).body;
      return kpi(r, 'received') === 2 && r;
    });
    expect(kpi(body, 'received.in_person')).toBe(1);
    expect(kpi(body, 'onlineShare')).toBe(0.5);
  });

  it('answers the read API per scope and day, and names a bad scope or date', async () => {
    await sut.post(fresh({ commune: '00008', agency: 'so-xay-dung' }));
    const commune = await eventually(async () => {
      const r = (await sut.kpis('scope=commune:00008')).body;
      return kpi(r, 'received') === 1 && r;
    });
    expect(commune.scope).toBe('commune:00008');
    expect(commune.kpis.find((k) => k.id === 'received')).toMatchObject({ numerator: 1, denominator: null });
    expect(kpi((await sut.kpis('scope=agency:so-xay-dung')).body, 'received')).toBe(1);
    expect(kpi((await sut.kpis('scope=commune:00004')).body, 'received')).toBe(0);
    // Before the first event there is no telling: unknown, never 0.
    const before = (await sut.kpis('scope=province&date=2020-01-01')).body;
    expect(kpi(before, 'received')).toBeNull();
    expect(before).toMatchObject({ known: false, reason: 'beforeData' });
    expect(await sut.kpis('scope=district:1')).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^scope: /) },
    });
    expect(await sut.kpis('scope=commune:123')).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/5 digits/) },
    });
    expect(await sut.kpis('date=2026-02-30')).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^date: /) },
    });
  });
});
