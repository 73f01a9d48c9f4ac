/**
 * `npx tsx test/bench/fanout-cost.ts [screens]`: where a KPI frame's per-screen microseconds go, on this
 * machine. One process: a Socket.IO server on loopback and `screens` websocket clients in one room
 * (default 1,000). Each variant runs 200 times, 20 ms apart so the clients drain; only the synchronous
 * part (what the hub's pacer counts as a frame's cost) is timed. Figures are medians, µs per screen.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import type { Frame, KpiKey, WireKpi } from '../../shared/socket';
import { percentileSorted } from './stats';

const SCREENS = Number(process.argv[2] ?? 1000);
const RUNS = 200;
const ROOM = 'feed:province';

const frameOf = (kpis: number, seq: number): Frame => ({
  feed: 'province',
  epoch: 'abcdefgh',
  seq,
  serverTime: Date.now(),
  day: '2026-12-07' as Frame['day'],
  kpis: Object.fromEntries(
    Array.from({ length: kpis }, (_, i): [KpiKey, WireKpi] => [
      `province|kpi${i}` as KpiKey,
      [Math.random(), 1234 + i, 5678],
    ]),
  ) as Record<KpiKey, WireKpi>,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  io.on('connection', (s) => void s.join(ROOM));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: Socket[] = [];
  for (let i = 0; i < SCREENS; i += 50) {
    const batch = Array.from({ length: Math.min(50, SCREENS - i) }, () =>
      connect(url, { transports: ['websocket'], forceNew: true, reconnection: false }),
    );
    await Promise.all(batch.map((c) => new Promise<void>((r) => c.once('connect', () => r()))));
    clients.push(...batch);
  }
  await sleep(200);
  const room = () => io.sockets.adapter.rooms.get(ROOM)?.size ?? 0;
  console.log(`${room()} screens in the room; µs per screen, median (p90) of ${RUNS} frames`);

  const time = async (name: string, body: (seq: number) => void) => {
    const us: number[] = [];
    for (let seq = 1; seq <= RUNS; seq++) {
      const t = performance.now();
      body(seq);
      us.push(((performance.now() - t) * 1000) / SCREENS);
      await sleep(20);
    }
    us.sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(2).padStart(6);
    console.log(`${name.padEnd(58)} ${f(percentileSorted(us, 50))} (${f(percentileSorted(us, 90))})`);
  };
  const sockets = () => io.sockets.sockets as Map<string, ServerSocket>;
  const walk = () => {
    let waiting = 0;
    for (const id of io.sockets.adapter.rooms.get(ROOM) ?? []) {
      const s = sockets().get(id);
      waiting += (s?.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;
    }
    return waiting;
  };
  const small = (seq: number) => frameOf(1, seq);
  const large = (seq: number) => frameOf(100, seq);

  await time('slow-screen walk (room, sockets.get, writeBuffer)', () => void walk());
  await time('JSON.stringify of a 1-KPI frame, once (÷ screens)', (s) => void JSON.stringify(small(s)));
  await time('room emit of a 1-KPI frame (encode once, ws frame once)', (s) =>
    io.local.to(ROOM).emit('kpi:frame', small(s)),
  );
  await time('room emit of a 100-KPI frame (encode once, ws frame once)', (s) =>
    io.local.to(ROOM).emit('kpi:frame', large(s)),
  );
  await time('per-socket emit of a 1-KPI frame (encode per screen)', (s) => {
    const f = small(s);
    for (const sock of sockets().values()) sock.emit('kpi:frame', f);
  });
  await time('walk + room emit of a 1-KPI frame (what the hub does)', (s) => {
    walk();
    io.local.to(ROOM).emit('kpi:frame', small(s));
  });

  for (const c of clients) c.close();
  await io.close();
}

await main();
