/**
 * A leading-edge throttle for async work: a request on a quiet path runs at once; requests that come
 * while it runs, or within `periodMs` of the last start, coalesce into one trailing run. So a lone event
 * reaches the screens without waiting a frame period, and a flood yields at most 1000/periodMs runs a second.
 */
export class LeadingThrottle {
  #lastStart = -Infinity;
  #running = false;
  #pending = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;

  constructor(
    private readonly periodMs: number,
    private readonly run: () => Promise<void>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  request(): void {
    if (this.#stopped) return;
    if (this.#running || this.#timer) {
      this.#pending = true;
      return;
    }
    const wait = this.#lastStart + this.periodMs - this.now();
    if (wait <= 0) void this.#fire();
    else this.#timer = setTimeout(() => void this.#fire(), wait);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #fire(): Promise<void> {
    this.#timer = null;
    this.#pending = false;
    this.#running = true;
    this.#lastStart = this.now();
    try {
      await this.run();
    } finally {
      this.#running = false;
      if (this.#pending) {
        this.#pending = false;
        this.request();
      }
    }
  }
}
