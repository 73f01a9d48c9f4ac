import type { HistogramRaw, Summary } from './stats';

/**
 * The IPC contract between the bench driver (run.ts) and the Socket.IO clients process (clients.ts).
 * The clients live in their own process so that 1,000 sockets' parsing does not share an event loop
 * with the server nor with the driver's timed sending. Messages use the 'advanced' serialisation, so
 * the send times travel as a Float64Array without a JSON round. The screens are split across several
 * such processes (client-pool.ts): each answers for its own, and the pool merges the answers.
 */
export type Command =
  | { kind: 'connect'; url: string; count: number; concurrency: number }
  | { kind: 'status' }
  /** Forget every frame seen so far and start the CPU clock: a measured window begins. */
  | { kind: 'start' }
  /** End of the window: what the clients process went through. */
  | { kind: 'stop' }
  /** Per-(event, client) latencies of the window: event k counts once received ≥ base + k. */
  | { kind: 'analyze'; base: number; sendTimes: Float64Array }
  /** Close sockets until `keep` remain. */
  | { kind: 'trim'; keep: number }
  | { kind: 'exit' };

export interface Request {
  id: number;
  command: Command;
}

export interface ConnectResult {
  connected: number;
  failed: number;
  firstError: string | null;
  elapsedMs: number;
}

export interface StatusResult {
  connected: number;
  /** Lowest and highest received count the clients know (from snapshot and frames). */
  minCount: number;
  maxCount: number;
  /** Times the server sent a whole snapshot instead of frames (a screen judged lagging). */
  snapshots: number;
  disconnects: number;
}

/** Event-loop delay of one clients process over the window: when high, the clients are the bottleneck. */
export interface LoopDelay {
  p99Ms: number;
  maxMs: number;
}

export interface StopResult {
  wallMs: number;
  frames: number;
  /** One entry per clients process. */
  loopDelays: LoopDelay[];
}

/** One process's part of an analysis, in a form that merges exactly with the other processes'. */
export interface WorkerAnalysis {
  clients: number;
  events: number;
  perClient: HistogramRaw;
  /** Per event, the time until the last of this process's clients had it. */
  lastArrival: Float64Array;
  missing: number;
  /** Per frame seq, the first and last arrival among this process's clients. */
  seqFirst: Map<number, number>;
  seqLast: Map<number, number>;
}

export interface AnalyzeResult {
  clients: number;
  events: number;
  /** Every (event, client) pair. */
  perClient: Summary;
  /** Per event, the time until the last client had it. */
  allClients: Summary;
  /** (event, client) pairs never seen within the window. */
  missing: number;
  /** Per frame (by seq), the spread between the first and the last client to take it in. */
  fanoutSpread: Summary;
}

/** What the pool answers (merged over its processes). */
export type ResultOf<C extends Command['kind']> = C extends 'connect'
  ? ConnectResult
  : C extends 'status'
    ? StatusResult
    : C extends 'stop'
      ? StopResult
      : C extends 'analyze'
        ? AnalyzeResult
        : C extends 'trim'
          ? StatusResult
          : null;

export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** What one clients process answers. */
export type WorkerResultOf<C extends Command['kind']> = C extends 'analyze' ? WorkerAnalysis : ResultOf<C>;
