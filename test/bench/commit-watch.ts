import type { createClient } from 'redis';
import { dayOf } from '../../shared/time';
import { summarize, type Summary } from './stats';

type RedisClient = ReturnType<typeof createClient>;

/**
 * Splits event-to-screen latency in two: when was each event committed by the aggregator? It follows
 * the store's change stream (`<prefix>changes`, one notice per commit) and, at each notice, reads the
 * province's received counter of today (`<prefix>day:<day>:province`, field `received`).
 *
 * Diagnostic only: it relies on the Redis store's key layout (server/store/redis-scripts.ts,
 * server/aggregate/keys.ts). If that changes it sees nothing and the figure reads n/a, nothing else breaks.
 */
export class CommitWatch {
  readonly #conn: RedisClient;
  readonly #changes: string;
  readonly #counter: string;
  #running = true;
  #loop: Promise<void> = Promise.resolve();
  readonly counts: number[] = [];
  readonly times: number[] = [];

  private constructor(conn: RedisClient, prefix: string) {
    this.#conn = conn;
    this.#changes = `${prefix}changes`;
    this.#counter = `${prefix}day:${dayOf(Date.now())}:province`;
  }

  static async start(redis: RedisClient, prefix: string): Promise<CommitWatch> {
    // A connection of its own: its blocking reads must not hold up the driver's other commands.
    const conn = redis.duplicate();
    conn.on('error', () => {});
    await conn.connect();
    const w = new CommitWatch(conn, prefix);
    const newest = (await conn.sendCommand(['XREVRANGE', w.#changes, '+', '-', 'COUNT', '1'])) as
      [string, unknown][] | null;
    w.#loop = w.#follow(newest?.[0]?.[0] ?? '0-0');
    return w;
  }

  async #follow(from: string): Promise<void> {
    let last = from;
    while (this.#running) {
      const reply = (await this.#conn.sendCommand([
        'XREAD',
        'COUNT',
        '1000',
        'BLOCK',
        '200',
        'STREAMS',
        this.#changes,
        last,
      ])) as [string, [string, unknown][]][] | null;
      const entries = reply?.[0]?.[1] ?? [];
      if (entries.length === 0) continue;
      const t = performance.timeOrigin + performance.now();
      last = entries[entries.length - 1]![0];
      const count = Number((await this.#conn.hGet(this.#counter, 'received')) ?? 0);
      this.counts.push(count);
      this.times.push(t);
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop.catch(() => {});
    this.#conn.destroy();
  }

  /** Per event: from its POST to the first commit notice after which the count covered it. */
  latencies(base: number, sendTimes: Float64Array): { summary: Summary; missing: number } {
    const out: number[] = [];
    let j = 0;
    let missing = 0;
    for (let k = 1; k <= sendTimes.length; k++) {
      while (j < this.counts.length && this.counts[j]! < base + k) j++;
      if (j >= this.counts.length) {
        missing = sendTimes.length - k + 1;
        break;
      }
      out.push(this.times[j]! - sendTimes[k - 1]!);
    }
    return { summary: summarize(out), missing };
  }
}
