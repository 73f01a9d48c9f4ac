/**
 * Percentiles for the bench. Small samples are sorted exactly; the per-(event, client) latencies of a
 * high-rate run (50,000 events × 1,000 clients) are too many to keep, so they go into a fixed-width
 * histogram whose error (one bucket, 0.1 ms) is far below what the figures are judged on.
 */

/** The p-th percentile (0..100) of an ascending array, nearest-rank; NaN when empty. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

/** p50 / p99 / max of a sample (copied, then sorted). */
export function summarize(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values).sort();
  return {
    n: sorted.length,
    p50: percentileSorted(sorted, 50),
    p99: percentileSorted(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

/** A histogram's counts as plain data (structured-clone friendly). */
export interface HistogramRaw {
  buckets: Uint32Array;
  n: number;
  max: number;
}

/** Latencies in ms, 0.1 ms buckets up to `maxMs`; anything above lands in the last bucket (and in max). */
export class LatencyHistogram {
  static readonly BUCKET_MS = 0.1;
  readonly #buckets: Uint32Array;
  #n = 0;
  #max = -Infinity;

  constructor(maxMs = 60_000) {
    this.#buckets = new Uint32Array(Math.ceil(maxMs / LatencyHistogram.BUCKET_MS) + 1);
  }

  add(ms: number): void {
    // A latency can come out a hair below 0 (two processes read the clock); it is 0 for our purpose.
    const i = Math.min(this.#buckets.length - 1, Math.max(0, Math.floor(ms / LatencyHistogram.BUCKET_MS)));
    this.#buckets[i]!++;
    this.#n++;
    if (ms > this.#max) this.#max = ms;
  }

  get count(): number {
    return this.#n;
  }

  /** The raw counts, to travel over IPC and be merged with another process's (`merge`). */
  toRaw(): HistogramRaw {
    return { buckets: this.#buckets, n: this.#n, max: this.#max };
  }

  /** Adds another histogram's counts (same bucket width and range) to this one. */
  merge(raw: HistogramRaw): void {
    for (let i = 0; i < raw.buckets.length && i < this.#buckets.length; i++)
      this.#buckets[i]! += raw.buckets[i]!;
    this.#n += raw.n;
    if (raw.max > this.#max) this.#max = raw.max;
  }

  /** Upper edge of the bucket holding the p-th percentile (nearest rank): never flatters the figure. */
  percentile(p: number): number {
    if (this.#n === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.#n));
    let seen = 0;
    for (let i = 0; i < this.#buckets.length; i++) {
      seen += this.#buckets[i]!;
      if (seen >= rank) return Math.min(this.#max, (i + 1) * LatencyHistogram.BUCKET_MS);
    }
    return this.#max;
  }

  summary(): Summary {
    return {
      n: this.#n,
      p50: this.percentile(50),
      p99: this.percentile(99),
      max: this.#n ? this.#max : Number.NaN,
    };
  }
}
