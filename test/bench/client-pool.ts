import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  AnalyzeResult,
  Command,
  ConnectResult,
  Reply,
  Request,
  ResultOf,
  StatusResult,
  StopResult,
  WorkerAnalysis,
  WorkerResultOf,
} from './protocol';
import { LatencyHistogram, summarize } from './stats';

const script = fileURLToPath(new URL('./clients.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Clients processes in the pool. Two, like the peer's harness: 1,000 sockets' parsing in one Node process
 * on this 2-core box made the clients' own event loop part of the measured latency.
 */
export const CLIENT_PROCESSES = 2;

/** One clients process: typed request/reply over IPC, each with a deadline. */
class ClientsProcess {
  readonly #child: ChildProcess;
  readonly #waiting = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  #next = 0;
  readonly exited: Promise<void>;

  constructor() {
    this.#child = fork(script, [], {
      cwd: root,
      execArgv: ['--import', 'tsx'],
      // Structured clone: the send times go over as a Float64Array, not as 50,000 JSON numbers.
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child.on('message', (msg: Reply) => {
      const w = this.#waiting.get(msg.id);
      if (!w) return;
      this.#waiting.delete(msg.id);
      if (msg.ok) w.resolve(msg.result);
      else w.reject(new Error(`clients: ${msg.error}`));
    });
    this.exited = new Promise((resolve) =>
      this.#child.once('exit', (code, signal) => {
        for (const w of this.#waiting.values())
          w.reject(new Error(`clients process exited (${code ?? signal})`));
        this.#waiting.clear();
        resolve();
      }),
    );
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  call<C extends Command>(command: C, timeoutMs: number): Promise<WorkerResultOf<C['kind']>> {
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        reject(new Error(`clients: '${command.kind}' took more than ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiting.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r as WorkerResultOf<C['kind']>);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.#child.send({ id, command } satisfies Request);
    });
  }

  /** Asks the process to close its sockets and leave; kills it if it does not within 5 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.call({ kind: 'exit' }, 5_000).catch(() => {});
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** `n` split as evenly as possible into `parts`, the first parts taking the remainder. */
const split = (n: number, parts: number) =>
  Array.from({ length: parts }, (_, i) => Math.floor(n / parts) + (i < n % parts ? 1 : 0));

/**
 * The driver's handle on the screens: several clients processes behind one request/reply interface. A
 * command goes to every process (connect and trim with their share of the count) and the answers are
 * merged exactly: latencies through their histograms, per-event and per-frame times through max/min.
 */
export class ClientPool {
  readonly #procs: ClientsProcess[];

  private constructor(procs: ClientsProcess[]) {
    this.#procs = procs;
  }

  static start(processes = CLIENT_PROCESSES): ClientPool {
    return new ClientPool(Array.from({ length: processes }, () => new ClientsProcess()));
  }

  get pids(): number[] {
    return this.#procs.flatMap((p) => (p.pid === undefined ? [] : [p.pid]));
  }

  async call<C extends Command>(command: C, timeoutMs: number): Promise<ResultOf<C['kind']>> {
    const n = this.#procs.length;
    const each = (make: (i: number) => Command) =>
      Promise.all(this.#procs.map((p, i) => p.call(make(i), timeoutMs)));
    switch (command.kind) {
      case 'connect': {
        const counts = split(command.count, n);
        const per = Math.max(1, Math.ceil(command.concurrency / n));
        const rs = (await each((i) => ({
          ...command,
          count: counts[i]!,
          concurrency: per,
        }))) as ConnectResult[];
        return mergeConnect(rs) as ResultOf<C['kind']>;
      }
      case 'trim': {
        const keeps = split(command.keep, n);
        const rs = (await each((i) => ({ kind: 'trim', keep: keeps[i]! }))) as StatusResult[];
        return mergeStatus(rs) as ResultOf<C['kind']>;
      }
      case 'status':
        return mergeStatus((await each(() => command)) as StatusResult[]) as ResultOf<C['kind']>;
      case 'stop':
        return mergeStop((await each(() => command)) as StopResult[]) as ResultOf<C['kind']>;
      case 'analyze':
        return mergeAnalysis((await each(() => command)) as WorkerAnalysis[]) as ResultOf<C['kind']>;
      case 'start':
      case 'exit':
        await each(() => command);
        return null as ResultOf<C['kind']>;
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.#procs.map((p) => p.stop()));
  }
}

function mergeConnect(rs: ConnectResult[]): ConnectResult {
  return {
    connected: rs.reduce((s, r) => s + r.connected, 0),
    failed: rs.reduce((s, r) => s + r.failed, 0),
    firstError: rs.find((r) => r.firstError !== null)?.firstError ?? null,
    elapsedMs: Math.max(...rs.map((r) => r.elapsedMs)),
  };
}

function mergeStatus(rs: StatusResult[]): StatusResult {
  const live = rs.filter((r) => r.connected > 0);
  return {
    connected: rs.reduce((s, r) => s + r.connected, 0),
    minCount: live.length ? Math.min(...live.map((r) => r.minCount)) : 0,
    maxCount: live.length ? Math.max(...live.map((r) => r.maxCount)) : 0,
    snapshots: rs.reduce((s, r) => s + r.snapshots, 0),
    disconnects: rs.reduce((s, r) => s + r.disconnects, 0),
  };
}

function mergeStop(rs: StopResult[]): StopResult {
  return {
    wallMs: Math.max(...rs.map((r) => r.wallMs)),
    frames: rs.reduce((s, r) => s + r.frames, 0),
    loopDelays: rs.flatMap((r) => r.loopDelays),
  };
}

function mergeAnalysis(rs: WorkerAnalysis[]): AnalyzeResult {
  const hist = new LatencyHistogram();
  const events = rs[0]?.events ?? 0;
  const lastArrival = new Float64Array(events).fill(-Infinity);
  const seqFirst = new Map<number, number>();
  const seqLast = new Map<number, number>();
  for (const r of rs) {
    hist.merge(r.perClient);
    for (let k = 0; k < events; k++) lastArrival[k] = Math.max(lastArrival[k]!, r.lastArrival[k]!);
    for (const [seq, t] of r.seqFirst) seqFirst.set(seq, Math.min(t, seqFirst.get(seq) ?? Infinity));
    for (const [seq, t] of r.seqLast) seqLast.set(seq, Math.max(t, seqLast.get(seq) ?? -Infinity));
  }
  const spreads = [...seqFirst].map(([seq, first]) => seqLast.get(seq)! - first);
  return {
    clients: rs.reduce((s, r) => s + r.clients, 0),
    events,
    perClient: hist.summary(),
    allClients: summarize(lastArrival),
    missing: rs.reduce((s, r) => s + r.missing, 0),
    fanoutSpread: summarize(spreads),
  };
}
