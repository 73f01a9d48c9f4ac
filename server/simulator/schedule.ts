/**
 * A day plan's events as a sorted index of (time, reference) pairs. Plans keep compact records and
 * build event objects only for the slice of time being sent, so a month of plans stays small in memory.
 */
export class Schedule {
  /** Event times (epoch ms), ascending. */
  readonly times: Float64Array;
  /** What each time refers to, in the plan's own encoding (e.g. record index * 8 + event kind). */
  readonly refs: Int32Array;

  private constructor(times: Float64Array, refs: Int32Array) {
    this.times = times;
    this.refs = refs;
  }

  /** Sorts entries by time; equal times keep their insertion order (a record's earlier step first). */
  static build(times: readonly number[], refs: readonly number[]): Schedule {
    const order = sortedOrder(times);
    return new Schedule(
      Float64Array.from(order, (i) => times[i] ?? 0),
      Int32Array.from(order, (i) => refs[i] ?? 0),
    );
  }

  /** The time of the last event, or -Infinity when empty. */
  get lastTime(): number {
    return this.times[this.times.length - 1] ?? -Infinity;
  }

  /** Index range [start, end) of the events with from < time <= to. */
  range(from: number, to: number): [number, number] {
    return [this.#firstAfter(from), this.#firstAfter(to)];
  }

  #firstAfter(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.times[mid] ?? Infinity) > t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Entries per schedule that the fast sort can tell apart (the low bits of its keys). */
const FAST_SORT_ENTRIES = 1 << 20;
/** The largest whole second the fast sort's keys can hold exactly (2^53 / 2^20, past the year 2200). */
const FAST_SORT_MAX_SECOND = 2 ** 33;

/**
 * Positions of `times` in ascending order, ties by position. Plans draw whole seconds, so each entry
 * becomes one number, second * 2^20 + position, and a typed array sorts those natively (several times
 * faster than a comparator over thousands of entries); anything else takes the comparator.
 */
function sortedOrder(times: readonly number[]): ArrayLike<number> {
  const n = times.length;
  const keys = new Float64Array(n);
  let fast = n <= FAST_SORT_ENTRIES;
  for (let i = 0; fast && i < n; i++) {
    const second = (times[i] ?? 0) / 1000;
    fast = Number.isInteger(second) && second >= 0 && second < FAST_SORT_MAX_SECOND;
    keys[i] = second * FAST_SORT_ENTRIES + i;
  }
  if (!fast) return Array.from(times.keys()).sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b);
  keys.sort();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = (keys[i] ?? 0) % FAST_SORT_ENTRIES;
  return order;
}
