/**
 * The machine's own floor for one message to reach N screens: plain TCP on loopback, with no HTTP, no
 * WebSocket framing, no Socket.IO and nothing of the product. A writer process holds N accepted sockets
 * and, every `intervalMs`, writes one frame-sized JSON line to each (stamped with the time it began);
 * the readers, in as many processes as the bench's screens (client-pool.ts), parse every line and note
 * its delay. What is left is what this machine's kernel and Node's streams charge per socket, on both
 * sides, for cores the writer and readers share. run.ts prints it next to the bare Socket.IO floor and
 * the product's lone-event row, so the lone-event figure reads against what no server could beat here.
 *
 * Run by run.ts through `rawTcpFloor`; this file forks itself in the roles 'writer' and 'reader'.
 */
import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { CLIENT_PROCESSES } from './client-pool';
import { summarize, type Summary } from './stats';

export interface RawFloorResult {
  sockets: number;
  rounds: number;
  /** Every (round, socket) pair: write start to the reader's parse. */
  perSocket: Summary;
  /** Per round, the last socket's delay. */
  lastSocket: Summary;
  /** Per round, the writer's own time to write to every socket (the loop, not the delivery). */
  writeLoop: Summary;
}

const self = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Msg =
  { kind: 'ready'; port?: number } | { kind: 'delays'; delays: number[][] } | { kind: 'loop'; ms: number[] };

function spawnRole(role: string, args: string[]): ChildProcess {
  return fork(self, [role, ...args], { cwd: root, execArgv: ['--import', 'tsx'], serialization: 'advanced' });
}

const next = (child: ChildProcess, kind: Msg['kind']) =>
  new Promise<Msg>((resolve, reject) => {
    const onMsg = (m: Msg) => {
      if (m.kind !== kind) return;
      child.off('message', onMsg);
      resolve(m);
    };
    child.on('message', onMsg);
    child.once('exit', (code) => reject(new Error(`raw floor ${kind}: process exited (${code})`)));
  });

/** `sockets` screens in CLIENT_PROCESSES readers, `rounds` messages `intervalMs` apart. */
export async function rawTcpFloor(
  sockets: number,
  rounds: number,
  intervalMs: number,
): Promise<RawFloorResult> {
  const writer = spawnRole('writer', [String(sockets), String(rounds), String(intervalMs)]);
  const readers: ChildProcess[] = [];
  try {
    const { port } = (await next(writer, 'ready')) as { port: number };
    const share = Math.ceil(sockets / CLIENT_PROCESSES);
    for (let i = 0; i < CLIENT_PROCESSES; i++)
      readers.push(spawnRole('reader', [String(port), String(Math.min(share, sockets - i * share))]));
    await Promise.all(readers.map((r) => next(r, 'ready')));
    const loop = next(writer, 'loop');
    writer.send('go');
    const { ms } = (await loop) as { ms: number[] };
    await sleep(1_000); // the last round is still in the readers' sockets
    const answers = await Promise.all(
      readers.map((r) => {
        const d = next(r, 'delays');
        r.send('report');
        return d;
      }),
    );
    const perRound = Array.from({ length: rounds }, () => -Infinity);
    const all: number[] = [];
    for (const a of answers)
      for (const [round, delays] of (a as { delays: number[][] }).delays.entries())
        for (const d of delays) {
          all.push(d);
          perRound[round] = Math.max(perRound[round]!, d);
        }
    return {
      sockets,
      rounds,
      perSocket: summarize(all),
      lastSocket: summarize(perRound.filter(Number.isFinite)),
      writeLoop: summarize(ms),
    };
  } finally {
    for (const c of [writer, ...readers]) c.kill();
  }
}

/** The writer: accepts the sockets, then writes each round to all of them. */
function writerRole(sockets: number, rounds: number, intervalMs: number): void {
  const conns: net.Socket[] = [];
  const server = net.createServer((s) => {
    s.setNoDelay(true);
    conns.push(s);
  });
  server.listen(0, '127.0.0.1', () =>
    process.send?.({ kind: 'ready', port: (server.address() as net.AddressInfo).port }),
  );
  process.once('message', async () => {
    while (conns.length < sockets) await sleep(50);
    await sleep(500);
    const loopMs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const t = now();
      // About a lone event's frame: a few KPIs as [value, num, den], the feed's seq and times.
      const line = `${JSON.stringify({ round, t, feed: 'province', seq: round, day: '2026-12-07', kpis: { 'province|received': [round, round, null], 'province|resolved': [round, round, null] } })}\n`;
      const bytes = Buffer.from(line);
      for (const s of conns) s.write(bytes);
      loopMs.push(now() - t);
      await sleep(intervalMs);
    }
    process.send?.({ kind: 'loop', ms: loopMs });
  });
}

/** A reader: `count` sockets, every line parsed, its delay kept by round. */
function readerRole(port: number, count: number): void {
  const delays: number[][] = [];
  let connected = 0;
  for (let i = 0; i < count; i++) {
    const s = net.connect(port, '127.0.0.1', () => {
      if (++connected === count) process.send?.({ kind: 'ready' });
    });
    s.setNoDelay(true);
    let pending = '';
    s.on('data', (chunk: Buffer) => {
      const t = now();
      pending += chunk.toString();
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const m = JSON.parse(pending.slice(0, nl)) as { round: number; t: number };
        pending = pending.slice(nl + 1);
        (delays[m.round] ??= []).push(t - m.t);
      }
    });
  }
  process.on('message', () => process.send?.({ kind: 'delays', delays }));
}

const [role, ...args] = process.argv.slice(2);
if (role === 'writer') writerRole(Number(args[0]), Number(args[1]), Number(args[2]));
else if (role === 'reader') readerRole(Number(args[0]), Number(args[1]));
