import type { Socket as NetSocket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import type { Frame, KpiKey, Snapshot, WireKpi } from '../../shared/socket';
import { eventually, startTestApp, type TestSocket } from '../support/app';
import { wardsOf } from '../../server/geo/wards';
import { received } from '../support/events';

/** Every commune of the test app's province (ingest refuses others), all moving at once. */
const COMMUNES = wardsOf('01').map((w) => w.code);

/** A screen's view of the units feed, built only from what reached it: snapshots and frames. */
function follow(socket: TestSocket) {
  const state = new Map<KpiKey, WireKpi>();
  let frames = 0;
  const apply = (kpis: Record<KpiKey, WireKpi>) => {
    for (const [k, v] of Object.entries(kpis)) state.set(k as KpiKey, v);
  };
  socket.on('kpi:frame', (f: Frame) => {
    frames++;
    apply(f.kpis);
  });
  socket.on('kpi:snapshot', (s: Snapshot) => apply(s.kpis));
  return { state, frames: () => frames, apply };
}

/** The TCP socket under a Socket.IO client: pausing it makes the screen stop reading, like a stalled player. */
const tcpOf = (s: TestSocket) =>
  (s.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;

describe('a screen that stops reading', () => {
  let store: Store;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  beforeEach(async () => {
    store = createMemoryStore();
    // The units feed at 20 frames a second: a province's communes (a hundred or so) then fill the
    // stalled screen's socket buffers within seconds.
    sut = await startTestApp(store, { unitsFps: 20 });
  });
  afterEach(async () => {
    await sut.close();
    await store.close();
  });

  it('skips frames instead of queueing them on the server, then catches up to the latest state', async () => {
    const slow = sut.socket();
    const fast = sut.socket();
    const slowView = follow(slow);
    const fastView = follow(fast);
    for (const [s, view] of [
      [slow, slowView],
      [fast, fastView],
    ] as const) {
      const r = await s.timeout(5000).emitWithAck('feed:subscribe', { feed: 'units' });
      if ('data' in r && r.data.kind === 'snapshot') view.apply(r.data.snapshot.kpis);
    }
    const serverSide = sut.app.io.sockets.sockets.get(slow.id!)!;
    const queued = () => (serverSide.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;
    const inRoom = () => sut.app.io.sockets.adapter.rooms.get('feed:units')?.has(slow.id!) ?? false;

    tcpOf(slow).pause();
    let round = 0;
    let maxQueued = 0;
    let leftRoom = false;
    const deadline = Date.now() + 20_000;
    // Large frames (every commune moving at once) until the stalled screen's buffers are full.
    while (Date.now() < deadline && !(leftRoom && round > 8)) {
      const at = new Date().toISOString();
      const due = new Date(Date.now() + 86_400_000).toISOString();
      const batch = COMMUNES.map((commune, i) =>
        received({ id: `s${round}-${i}`, dossierId: `SL-${round}-${i}`, commune, at, dueAt: due }),
      );
      expect((await sut.post(batch)).status).toBe(202);
      round++;
      await new Promise((r) => setTimeout(r, 50));
      maxQueued = Math.max(maxQueued, queued());
      leftRoom ||= !inRoom();
    }
    expect(leftRoom).toBe(true);
    // Bounded: the server never held more than a handful of packets for the stalled screen.
    expect(maxQueued).toBeLessThanOrEqual(20);

    const last: KpiKey = `commune:${COMMUNES.at(-1)!}|received`;
    await eventually(() => fastView.state.get(last)?.[0] === round, 10_000);
    tcpOf(slow).resume();
    // It catches up by itself (missed frames replayed, or a snapshot): latest state wins.
    await eventually(() => slowView.state.get(last)?.[0] === round, 15_000);
    expect(inRoom()).toBe(true);
    expect(slowView.frames()).toBeLessThan(fastView.frames() + 5);
    for (const [k, v] of fastView.state) expect(slowView.state.get(k)).toEqual(v);
  }, 60_000);
});
