/** Every render slot is taken and the waiting line is full: the caller answers 503 with Retry-After. */
export class QueueFull extends Error {
  override name = 'QueueFull';
}

/** A render that took longer than its time-out; its page is closed. */
export class RenderTimeout extends Error {
  override name = 'RenderTimeout';
}

/**
 * A bounded line in front of the one browser: at most `concurrency` renders at once (each a page of
 * the same Chromium), at most `maxWaiting` behind them; any more is refused at once rather than left
 * to pile up memory and time-outs on a 2-core server.
 */
export class RenderQueue {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly opts: { concurrency: number; maxWaiting: number }) {}

  /** Renders waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.#running < this.opts.concurrency) this.#running++;
    else if (this.#waiting.length >= this.opts.maxWaiting)
      throw new QueueFull(`${this.#running} renders running and ${this.#waiting.length} waiting`);
    // The slot is handed over by the render that ends, so #running stays counted meanwhile.
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await job();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}

/** `work`, or RenderTimeout after `ms`; `onTimeout` then cleans up (closes the page the work is on). */
export async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new RenderTimeout(`render took longer than ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
    // The work rejects once its page is closed; nobody awaits it any more.
    work.catch(() => {});
  }
}
