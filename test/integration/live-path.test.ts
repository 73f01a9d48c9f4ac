import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/types';
import { curveKey } from '../../shared/curves';
import type { Frame, Snapshot, SubscribeReply } from '../../shared/socket';
import { startTestApp, type TestSocket } from '../support/app';
import { received } from '../support/events';
import { STORES } from '../support/stores';

const now = () => new Date().toISOString();
const fresh = (dossierId: string) =>
  received({ dossierId, at: now(), dueAt: new Date(Date.now() + 86_400_000).toISOString() });

async function subscribe(
  socket: TestSocket,
  resume?: { epoch: string; seq: number },
): Promise<SubscribeReply> {
  const r = await socket
    .timeout(5000)
    .emitWithAck('feed:subscribe', { feed: 'province', ...(resume ? { resume } : {}) });
  if ('error' in r) throw new Error(r.error);
  return r.data;
}

/** Collects frames and resolves when one carries `province|received` at the wanted value. */
function frameWith(socket: TestSocket, received: number, frames: Frame[] = []): Promise<Frame> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no frame with received=${received}`)), 5000);
    socket.on('kpi:frame', (f) => {
      frames.push(f);
      if (f.kpis['province|received']?.[0] === received) {
        clearTimeout(timer);
        resolve(f);
      }
    });
  });
}

describe.each(STORES)('from POST to every screen (%s store)', (name, makeStore) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  beforeEach(async () => {
    ({ store, cleanup } = await makeStore(`live-${name}`));
    sut = await startTestApp(store);
  });
  afterEach(async () => {
    await sut.close();
    await cleanup();
  });

  it('gives a screen a snapshot with every headline KPI and the server clock, then a frame per change', async () => {
    const a = sut.socket();
    const b = sut.socket();
    const [ra, rb] = await Promise.all([subscribe(a), subscribe(b)]);
    expect(ra.kind).toBe('snapshot');
    const snap = (ra as { snapshot: Snapshot }).snapshot;
    expect(snap.kpis['province|received']).toEqual([0, 0, null]);
    expect(snap.kpis['province|onTimeRate']).toEqual([null, 0, 0]);
    expect(Math.abs(snap.serverTime - Date.now())).toBeLessThan(5000);
    expect(rb.kind).toBe('snapshot');

    const seenByA: Frame[] = [];
    const frames = [frameWith(a, 1, seenByA), frameWith(b, 1)];
    const posted = performance.now();
    expect((await sut.post(fresh('d1'))).status).toBe(202);
    const [fa, fb] = (await Promise.all(frames)) as [Frame, Frame];
    expect(performance.now() - posted).toBeLessThan(2000);
    // Numbered from the snapshot on, with no gap (a curve frame may come first).
    expect(seenByA.map((f) => f.seq)).toEqual(seenByA.map((_, i) => snap.seq + 1 + i));
    expect(fb).toEqual(fa);
    expect(fa.kpis['province|onTimeRate']).toEqual([1, 1, 1]);
    expect(fa.sources?.one_stop).toBeGreaterThan(0);
  });

  it('resumes a screen that reconnects with exactly the frames it missed, in order', async () => {
    const first = sut.socket();
    const snap = ((await subscribe(first)) as { snapshot: Snapshot }).snapshot;
    await sut.post(fresh('d1'));
    const seen = await frameWith(first, 1);
    first.disconnect();

    // While the screen is away, two more changes are framed for the others.
    const watcher = sut.socket();
    await subscribe(watcher);
    const w = frameWith(watcher, 3);
    await sut.post(fresh('d2'));
    await new Promise((r) => setTimeout(r, 150));
    await sut.post(fresh('d3'));
    await w;

    const back = sut.socket();
    const reply = await subscribe(back, { epoch: snap.epoch, seq: seen.seq });
    expect(reply.kind).toBe('replay');
    const frames = (reply as { frames: Frame[] }).frames;
    expect(frames.map((f) => f.seq)).toEqual(frames.map((_, i) => seen.seq + 1 + i));
    expect(frames.length).toBeGreaterThanOrEqual(1);
    const receivedValues = frames.map((f) => f.kpis['province|received']?.[0]).filter((v) => v !== undefined);
    expect(receivedValues.at(-1)).toBe(3);
  });

  it('sends a fresh snapshot when the screen comes from another epoch or beyond the ring', async () => {
    await sut.post(fresh('d1'));
    const s = sut.socket();
    const first = await subscribe(s);
    const snap = (first as { snapshot: Snapshot }).snapshot;
    const reply = await subscribe(sut.socket(), { epoch: 'an-old-server-run', seq: 5 });
    expect(reply.kind).toBe('snapshot');
    const ahead = await subscribe(sut.socket(), { epoch: snap.epoch, seq: snap.seq + 100 });
    expect(ahead.kind).toBe('snapshot');
  });

  it("carries today's hourly curve of the province in the same feed", async () => {
    const s = sut.socket();
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', {
        hour: 'numeric',
        hourCycle: 'h23',
        timeZone: 'Asia/Ho_Chi_Minh',
      }).format(new Date()),
    );
    const key = curveKey('today', 'received', hour);
    const snap = ((await subscribe(s)) as { snapshot: Snapshot }).snapshot;
    expect(snap.kpis[key]).toEqual([0, 0, null]);
    const framed = new Promise<Frame>((resolve) =>
      s.on('kpi:frame', (f) => f.kpis[key]?.[0] === 2 && resolve(f)),
    );
    await sut.post([fresh('c1'), fresh('c2')]);
    expect((await framed).kpis[key]).toEqual([2, 2, null]);
  });

  it('answers a clock probe with the server time', async () => {
    const r = await sut.socket().timeout(5000).emitWithAck('clock:ping');
    expect('data' in r && Math.abs(r.data.serverTime - Date.now()) < 1000).toBe(true);
  });

  it('refuses a malformed subscribe request with an error naming the problem', async () => {
    const s = sut.socket();
    const r = await s.timeout(5000).emitWithAck('feed:subscribe', { feed: 'everything' as 'province' });
    expect(r).toMatchObject({ error: expect.stringMatching(/^feed: /) });
  });
});
