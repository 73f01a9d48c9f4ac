import type { RequestHandler } from 'express';
import type { Store } from '../store/types';

/**
 * Default READY_MAX_LAG: entries the aggregators may be behind before a process says it is not ready.
 * An entry holds 1 event (direct XADD, import) to 100 (a POSTed batch, entry-pack.ts).
 */
export const DEFAULT_READY_MAX_LAG = 100_000;

export type ReadyState = 'starting' | 'ready' | 'draining';

export interface ReadyResponse {
  ready: boolean;
  state: ReadyState;
  /** Entries not yet delivered to an aggregator; null when the store cannot say. */
  lag: number | null;
  reason?: string;
}

/**
 * Whether a balancer should send this process new work: not while it starts, not once it drains
 * (SIGTERM), and not while the aggregators are so far behind that its walls would show old numbers.
 */
export class Readiness {
  #state: ReadyState = 'starting';

  constructor(private readonly opts: { store: Store; maxLag: number }) {}

  get state(): ReadyState {
    return this.#state;
  }

  ready(): void {
    if (this.#state === 'starting') this.#state = 'ready';
  }

  drain(): void {
    this.#state = 'draining';
  }

  async check(): Promise<ReadyResponse> {
    const stats = await this.opts.store.streamStats?.().catch(() => null);
    const lag = stats?.lag ?? null;
    if (this.#state !== 'ready') return { ready: false, state: this.#state, lag, reason: this.#state };
    if (stats === null) return { ready: false, state: this.#state, lag, reason: 'the store does not answer' };
    if (lag !== null && lag > this.opts.maxLag)
      return { ready: false, state: this.#state, lag, reason: `the aggregators are ${lag} entries behind` };
    return { ready: true, state: this.#state, lag };
  }

  route(): RequestHandler {
    return async (_req, res) => {
      const body = await this.check();
      res
        .status(body.ready ? 200 : 503)
        .set('Cache-Control', 'no-store')
        .json(body);
    };
  }
}
