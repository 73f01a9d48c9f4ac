import type { Worker } from 'node:worker_threads';
import { logFor } from '../observe/logger';
import { startWorker } from '../worker-thread';
import type { FromWorker, IngestAnswer, IngestJob, IngestWorkerData } from './ingest-protocol';

const logger = logFor('ingest');

export interface IngestPoolOptions {
  /** Worker threads (INGEST_WORKERS). */
  size: number;
  /** Batches one worker works on at once: its Redis round trips overlap with the next batch's parsing. */
  perWorker?: number;
  /** Batches waiting for a worker beyond those (INGEST_QUEUE); past it the pool refuses (503). */
  maxQueue: number;
  /** How long a batch may wait for a worker (none ready: Redis away at start) before it is refused. */
  maxWaitMs?: number;
  data: IngestWorkerData;
}

/** The pool's queue is full: the route answers 503 with Retry-After. */
export class PoolFull extends Error {}
/** The worker holding the batch stopped: it was stored whole or not at all, and a resend counts once. */
export class WorkerLost extends Error {}

interface Pending {
  job: IngestJob;
  resolve: (a: IngestAnswer) => void;
  reject: (e: Error) => void;
}
interface Slot {
  worker: Worker;
  ready: boolean;
  inflight: Map<number, Pending>;
}

/**
 * Worker threads that parse, check and store POSTed batches (ingest-worker.ts), off the thread that
 * serves the screens and runs the aggregator. Bounded: each worker takes `perWorker` batches at once,
 * `maxQueue` more wait, and beyond that `run` refuses. A worker that dies is replaced; the batches it
 * held fail (5xx), each stored whole or not at all, since a worker stores a batch in one MULTI.
 */
export class IngestPool {
  readonly #opts: Required<IngestPoolOptions>;
  readonly #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  #nextId = 1;
  #closed = false;

  constructor(opts: IngestPoolOptions) {
    this.#opts = { perWorker: 4, maxWaitMs: 10_000, ...opts };
    for (let i = 0; i < opts.size; i++) this.#slots.push(this.#spawn());
  }

  /** The threads now working (for tests and diagnostics). */
  get threads(): readonly Worker[] {
    return this.#slots.map((s) => s.worker);
  }

  /** Batches being checked or stored, and waiting to be. */
  get busy(): number {
    return this.#queue.length + this.#slots.reduce((n, s) => n + s.inflight.size, 0);
  }

  /** Resolves once every worker is connected and ready. */
  async ready(): Promise<void> {
    while (!this.#closed && this.#slots.some((s) => !s.ready)) await new Promise((r) => setTimeout(r, 10));
  }

  /** Checks and stores one body; the answer is the HTTP one. Throws PoolFull, WorkerLost. */
  run(job: Omit<IngestJob, 'id'>): Promise<IngestAnswer> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { job: { ...job, id: this.#nextId++ }, resolve, reject };
      if (this.#closed) return reject(new WorkerLost('the ingest pool is closed'));
      if (this.#dispatch(pending)) return;
      if (this.#queue.length >= this.#opts.maxQueue)
        return reject(new PoolFull(`${this.#queue.length} batches already wait for an ingest worker`));
      this.#queue.push(pending);
      const waited = setTimeout(() => {
        const at = this.#queue.indexOf(pending);
        if (at < 0) return;
        this.#queue.splice(at, 1);
        reject(new PoolFull(`no ingest worker took the batch within ${this.#opts.maxWaitMs} ms`));
      }, this.#opts.maxWaitMs);
      waited.unref();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const p of this.#queue.splice(0)) p.reject(new WorkerLost('the server is stopping'));
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }

  /** Hands the job to the least busy ready worker with room; false when none has room. */
  #dispatch(p: Pending): boolean {
    let best: Slot | null = null;
    for (const s of this.#slots) {
      if (
        s.ready &&
        s.inflight.size < this.#opts.perWorker &&
        (!best || s.inflight.size < best.inflight.size)
      )
        best = s;
    }
    if (!best) return false;
    best.inflight.set(p.job.id, p);
    const { buffer, byteOffset, byteLength } = p.job.body;
    // Moved, not copied, when the bytes own their memory (a small body may sit in Node's shared pool).
    const movable = buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength;
    best.worker.postMessage(p.job, movable ? [buffer] : []);
    return true;
  }

  #drain(): void {
    while (this.#queue.length && this.#dispatch(this.#queue[0]!)) this.#queue.shift();
  }

  #spawn(): Slot {
    const worker = startWorker(import.meta.url, 'ingest-worker', this.#opts.data);
    const slot: Slot = { worker, ready: false, inflight: new Map() };
    worker.on('message', (m: FromWorker) => {
      if (m.kind === 'ready') slot.ready = true;
      else {
        const p = slot.inflight.get(m.id);
        slot.inflight.delete(m.id);
        p?.resolve({ status: m.status, body: m.body });
      }
      this.#drain();
    });
    worker.on('error', (err) => logger.error({ err }, 'an ingest worker failed'));
    worker.on('exit', (code) => {
      for (const p of slot.inflight.values())
        p.reject(new WorkerLost(`the ingest worker stopped (exit code ${code}) while storing the batch`));
      slot.inflight.clear();
      const wasReady = slot.ready;
      slot.ready = false;
      if (this.#closed) return;
      logger.warn({ code }, 'an ingest worker stopped; starting another');
      // One that died before it was ready (Redis away at its start) is not restarted in a tight loop.
      const replace = () => {
        if (this.#closed) return;
        this.#slots[this.#slots.indexOf(slot)] = this.#spawn();
      };
      if (wasReady) replace();
      else setTimeout(replace, 1_000).unref();
    });
    return slot;
  }
}
