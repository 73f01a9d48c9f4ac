/** The timers a pacer uses, injectable so tests can drive time by hand. */
export interface PacerTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: PacerTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface FanOutPacerOptions {
  /** Share of one core the runs may take under load (0 < share ≤ 1): 0.35 leaves the rest for ingest. */
  cpuShare: number;
  /** Most runs a second, whatever they cost (MAX_FPS): the ceiling. */
  maxPerSecond: number;
  /** Fewest runs a second under load, however much they cost: screens never wait longer than this. */
  minPerSecond?: number;
  /** How long after a failed run it runs again (the work it failed is still to do). */
  retryMs?: number;
  /** How quickly the smoothed cost follows the measured one: ~63 % of a change within this time. */
  smoothingMs?: number;
  now?: () => number;
  timers?: PacerTimers;
}

/** What the pacer has measured: for /metrics, logs and the bench. */
export interface PacerStats {
  runs: number;
  /** Smoothed cost of a run, ms. */
  costMs: number;
  /** The pause the next run must leave after the previous one ended, ms. */
  gapMs: number;
}

/**
 * Paces async work (a feed's frames) by what it costs rather than by a fixed period: a request runs at
 * once whenever the budget allows, and requests coalesce only while running now would take more than
 * `cpuShare` of a core. Each run reports its cost c (ms of CPU: building and emitting the frame); the
 * next run may start `c·(1/share − 1)` ms after it ended, so runs take `share` of the time. The cost is smoothed (an EWMA over time, `smoothingMs`) so one slow run does not stall the
 * feed and a lasting rise slows it within a second. The gap stays within [1000/maxPerSecond measured
 * start to start, 1000/minPerSecond].
 *
 * A lone request on a quiet path never waits; a flood yields one run per gap, each carrying everything
 * that came meanwhile (the caller's state merges: latest wins). At most one run and one pending request
 * exist at a time: nothing grows without bound. A run that throws is retried after `retryMs`.
 */
export class FanOutPacer {
  readonly #run: () => Promise<number>;
  readonly #share: number;
  readonly #minStartToStart: number;
  readonly #maxGap: number;
  readonly #retryMs: number;
  readonly #smoothingMs: number;
  readonly #now: () => number;
  readonly #timers: PacerTimers;
  #costMs = 0;
  #runs = 0;
  #lastStart = -Infinity;
  #lastEnd = -Infinity;
  #running = false;
  #pending = false;
  #timer: unknown = null;
  #stopped = false;

  /**
   * `run` does the work and resolves to its cost in ms (the part that loads this process's CPU), or NaN
   * when it sent nothing worth learning from (a failed read).
   */
  constructor(run: () => Promise<number>, opts: FanOutPacerOptions) {
    if (!(opts.cpuShare > 0 && opts.cpuShare <= 1)) throw new RangeError('cpuShare must be in (0, 1]');
    this.#run = run;
    this.#share = opts.cpuShare;
    this.#minStartToStart = 1000 / opts.maxPerSecond;
    this.#maxGap = 1000 / (opts.minPerSecond ?? 1);
    this.#retryMs = opts.retryMs ?? 1000;
    this.#smoothingMs = opts.smoothingMs ?? 250;
    this.#now = opts.now ?? (() => performance.now());
    this.#timers = opts.timers ?? realTimers;
  }

  get stats(): PacerStats {
    return { runs: this.#runs, costMs: this.#costMs, gapMs: this.#gap() };
  }

  request(): void {
    if (this.#stopped) return;
    if (this.#running || this.#timer !== null) {
      this.#pending = true;
      return;
    }
    const wait = this.#earliestStart() - this.#now();
    if (wait <= 0) void this.#fire();
    else this.#schedule(wait);
  }

  stop(): void {
    this.#stopped = true;
    this.#pending = false;
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
  }

  #gap(): number {
    return Math.min(this.#maxGap, this.#costMs * (1 / this.#share - 1));
  }

  #earliestStart(): number {
    return Math.max(this.#lastEnd + this.#gap(), this.#lastStart + this.#minStartToStart);
  }

  #schedule(ms: number): void {
    this.#timer = this.#timers.set(() => {
      this.#timer = null;
      void this.#fire();
    }, ms);
  }

  async #fire(): Promise<void> {
    if (this.#stopped) return;
    this.#pending = false;
    this.#running = true;
    const start = this.#now();
    const sinceLast = start - this.#lastStart;
    this.#lastStart = start;
    let failed = false;
    try {
      this.#learn(await this.#run(), sinceLast);
    } catch {
      failed = true;
    } finally {
      this.#running = false;
      this.#lastEnd = this.#now();
    }
    if (this.#stopped) return;
    if (failed) {
      // The caller keeps what it failed to send; a later request finds the retry already scheduled.
      this.#pending = false;
      this.#schedule(this.#retryMs);
    } else if (this.#pending) {
      this.#pending = false;
      this.request();
    }
  }

  /** EWMA over time: a run long after the previous one weighs more (the old cost is stale). */
  #learn(costMs: number, sinceLastMs: number): void {
    this.#runs++;
    if (!Number.isFinite(costMs) || costMs < 0) return;
    if (this.#runs === 1) {
      this.#costMs = costMs;
      return;
    }
    const alpha = Math.max(0.2, 1 - Math.exp(-sinceLastMs / this.#smoothingMs));
    this.#costMs += alpha * (costMs - this.#costMs);
  }
}
