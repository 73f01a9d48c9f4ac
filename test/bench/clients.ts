/**
 * The screens: N Socket.IO clients in a process of their own (one of the pool's: client-pool.ts), driven
 * over IPC by run.ts.
 *
 * Each client subscribes to the 'province' feed like a wall does and, for every frame that carries the
 * received count, notes (count, arrival time, seq). That is all it does on the hot path: 1,000 sockets in
 * one Node process on a 2-core box is already heavy, and any work here would show up as latency.
 * The arithmetic (which frame first covered event k) is done after the window, on request.
 *
 * Times are `performance.timeOrigin + performance.now()`: epoch-based and sub-millisecond in every
 * process of this machine, so they compare with the driver's send times.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, KpiKey, ServerToClientEvents, WireKpi } from '../../shared/socket';
import type {
  Command,
  ConnectResult,
  Reply,
  Request,
  StatusResult,
  StopResult,
  WorkerAnalysis,
} from './protocol';
import { LatencyHistogram } from './stats';

type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const RECEIVED: KpiKey = 'province|received';
const CONNECT_TIMEOUT_MS = 20_000;
const now = () => performance.timeOrigin + performance.now();

interface Screen {
  socket: BenchSocket;
  /** Latest received count this screen knows. */
  count: number;
  // Parallel arrays of what arrived in the current window (cheaper than an object per frame).
  counts: number[];
  times: number[];
  /** Frame seq, or -1 for a whole snapshot (sent to a screen the server judged lagging). */
  seqs: number[];
}

const screens: Screen[] = [];
let snapshots = 0;
let disconnects = 0;
let windowStart = now();
// Built into Node and sampled by libuv, so watching our own loop costs next to nothing.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

function record(screen: Screen, t: number, v: WireKpi | undefined, seq: number): void {
  if (v === undefined) return;
  const count = v[0] ?? 0;
  screen.count = count;
  screen.counts.push(count);
  screen.times.push(t);
  screen.seqs.push(seq);
}

function openScreen(url: string): Promise<Screen> {
  const socket: BenchSocket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false, // a dropped screen must show up as a drop in the figures, not be hidden
    timeout: CONNECT_TIMEOUT_MS,
  });
  const screen: Screen = { socket, count: 0, counts: [], times: [], seqs: [] };
  // Listeners first: the server joins the room in the tick it answers, so a frame may follow the ack at once.
  socket.on('kpi:frame', (f) => {
    const t = now();
    record(screen, t, f.kpis[RECEIVED], f.seq);
  });
  socket.on('kpi:snapshot', (s) => {
    const t = now();
    snapshots++;
    record(screen, t, s.kpis[RECEIVED], -1);
  });
  socket.on('disconnect', (reason) => {
    if (reason !== 'io client disconnect') disconnects++;
  });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
    socket.once('connect', () => {
      socket.timeout(CONNECT_TIMEOUT_MS).emit('feed:subscribe', { feed: 'province' }, (err, reply) => {
        if (err) return reject(err);
        if ('error' in reply) return reject(new Error(reply.error));
        if (reply.data.kind !== 'snapshot')
          return reject(new Error('expected a snapshot on first subscribe'));
        screen.count = reply.data.snapshot.kpis[RECEIVED]?.[0] ?? 0;
        resolve(screen);
      });
    });
  });
}

async function connect(url: string, count: number, concurrency: number): Promise<ConnectResult> {
  const started = now();
  let next = 0;
  let connected = 0;
  let failed = 0;
  let firstError: string | null = null;
  // A bounded pool of connects in flight: 1,000 handshakes at once only measure the accept queue.
  const worker = async () => {
    while (next < count) {
      next++;
      try {
        screens.push(await openScreen(url));
        connected++;
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { connected, failed, firstError, elapsedMs: now() - started };
}

function status(): StatusResult {
  let minCount = Infinity;
  let maxCount = -Infinity;
  let connected = 0;
  for (const s of screens) {
    if (!s.socket.connected) continue;
    connected++;
    minCount = Math.min(minCount, s.count);
    maxCount = Math.max(maxCount, s.count);
  }
  return {
    connected,
    minCount: connected ? minCount : 0,
    maxCount: connected ? maxCount : 0,
    snapshots,
    disconnects,
  };
}

function start(): null {
  for (const s of screens) {
    s.counts = [];
    s.times = [];
    s.seqs = [];
  }
  windowStart = now();
  loopDelay.reset();
  return null;
}

function stop(): StopResult {
  const wallMs = now() - windowStart;
  const frames = screens.reduce((sum, s) => sum + s.counts.length, 0);
  return {
    wallMs,
    frames,
    loopDelays: [{ p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 }],
  };
}

/**
 * For each client, walk its frames and the events together: event k (1-based) is on that screen at the
 * first frame whose count ≥ base + k. Counts only grow, so one pass per client is enough.
 */
function analyze(base: number, sendTimes: Float64Array): WorkerAnalysis {
  const events = sendTimes.length;
  const hist = new LatencyHistogram();
  const lastArrival = new Float64Array(events).fill(-Infinity);
  const seqFirst = new Map<number, number>();
  const seqLast = new Map<number, number>();
  let missing = 0;
  let clients = 0;
  for (const s of screens) {
    if (!s.socket.connected && s.counts.length === 0) continue;
    clients++;
    let j = 0;
    let high = -Infinity; // running max, in case a snapshot ever arrived behind a frame
    for (let k = 1; k <= events; k++) {
      const target = base + k;
      while (j < s.counts.length && Math.max(high, s.counts[j]!) < target)
        high = Math.max(high, s.counts[j++]!);
      if (j >= s.counts.length) {
        missing += events - k + 1;
        for (let r = k - 1; r < events; r++) lastArrival[r] = Infinity;
        break;
      }
      const latency = s.times[j]! - sendTimes[k - 1]!;
      hist.add(latency);
      if (latency > lastArrival[k - 1]!) lastArrival[k - 1] = latency;
    }
    for (let i = 0; i < s.seqs.length; i++) {
      const seq = s.seqs[i]!;
      if (seq < 0) continue;
      const t = s.times[i]!;
      const first = seqFirst.get(seq);
      if (first === undefined || t < first) seqFirst.set(seq, t);
      const last = seqLast.get(seq);
      if (last === undefined || t > last) seqLast.set(seq, t);
    }
  }
  return { clients, events, perClient: hist.toRaw(), lastArrival, missing, seqFirst, seqLast };
}

function trim(keep: number): StatusResult {
  while (screens.length > keep) screens.pop()!.socket.close();
  return status();
}

async function handle(command: Command): Promise<unknown> {
  switch (command.kind) {
    case 'connect':
      return connect(command.url, command.count, command.concurrency);
    case 'status':
      return status();
    case 'start':
      return start();
    case 'stop':
      return stop();
    case 'analyze':
      return analyze(command.base, command.sendTimes);
    case 'trim':
      return trim(command.keep);
    case 'exit':
      trim(0);
      setImmediate(() => process.exit(0));
      return null;
  }
}

if (!process.send) {
  console.error('clients.ts is started by run.ts over IPC (child_process.fork)');
  process.exit(2);
}
process.on('message', (msg: Request) => {
  handle(msg.command).then(
    (result) => process.send?.({ id: msg.id, ok: true, result } satisfies Reply),
    (err: unknown) => process.send?.({ id: msg.id, ok: false, error: String(err) } satisfies Reply),
  );
});
// The driver is gone (crashed or killed): nobody will ever close these sockets.
process.on('disconnect', () => process.exit(0));
