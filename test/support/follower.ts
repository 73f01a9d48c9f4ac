import { io as connect } from 'socket.io-client';
import type { MeetingState } from '../../shared/meeting';
import type { TestSocket } from './app';

/** One change as a follower applied it. */
export interface Applied {
  seq: number;
  scene: string;
  commune: string | null;
  /** The server-clock instant it was stamped for, and the one the follower applied it at (its estimate). */
  applyAt: number;
  appliedAt: number;
  /** Real time it was applied, for click-to-last-follower. */
  realAt: number;
}

/**
 * A bridge point as a test or the bench sees it: measures its offset to the server clock (the shortest
 * of five round trips), joins by code, and applies every change at its `applyAt` by that offset, the
 * way the page does. Kept to what the screens do, so the spread it measures is theirs.
 */
export class Follower {
  readonly socket: TestSocket;
  offset = 0;
  rtt = 0;
  readonly applied: Applied[] = [];
  #seq = -1;

  constructor(baseUrl: string, opts: { cookie?: string } = {}) {
    this.socket = connect(baseUrl, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(opts.cookie ? { extraHeaders: { cookie: opts.cookie } } : {}),
    });
    this.socket.on('meeting:changed', (s) => this.#schedule(s));
  }

  async measure(probes = 5): Promise<void> {
    let best = Infinity;
    for (let i = 0; i < probes; i++) {
      const t0 = Date.now();
      const r = await this.socket.timeout(5000).emitWithAck('clock:ping');
      const t1 = Date.now();
      if (!('data' in r) || t1 - t0 >= best) continue;
      best = t1 - t0;
      this.offset = r.data.serverTime - (t0 + t1) / 2;
    }
    this.rtt = best;
  }

  async join(code: string, name: string, delegates: number): Promise<MeetingState> {
    const r = await this.socket.timeout(5000).emitWithAck('meeting:join', { code, name, delegates });
    if ('error' in r) throw new Error(`join: ${r.error}`);
    this.#schedule(r.data);
    return r.data;
  }

  heartbeat(id: string, delegates: number): void {
    this.socket.emit('meeting:heartbeat', {
      id,
      delegates,
      rttMs: this.rtt,
      appliedSeq: Math.max(0, this.#seq),
    });
  }

  /** Resolves once the change `seq` has been applied. */
  async until(seq: number, ms = 10_000): Promise<Applied> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.applied.find((a) => a.seq === seq);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`seq ${seq} not applied within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  #schedule(s: MeetingState): void {
    if (s.seq <= this.#seq) return;
    const apply = () => {
      if (s.seq <= this.#seq) return;
      this.#seq = s.seq;
      const realAt = Date.now();
      this.applied.push({
        seq: s.seq,
        scene: s.view.scene,
        commune: s.view.commune,
        applyAt: s.applyAt,
        appliedAt: realAt + this.offset,
        realAt,
      });
    };
    const wait = s.applyAt - (Date.now() + this.offset);
    if (wait <= 0) apply();
    else setTimeout(apply, wait);
  }
}

/** Quantiles of a list of numbers (nearest rank). */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}
