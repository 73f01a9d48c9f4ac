import { getJson } from './api';

/** Where a read stands: nothing asked yet, asked, answered, or failed (the last answer, if any, is kept). */
export type ResourceStatus = 'idle' | 'loading' | 'ok' | 'failed';

/**
 * One JSON answer of the server, re-read on demand. Numbers of another address are never shown under
 * this one: a new address clears the data; a refresh of the same address keeps the last answer on screen
 * (with its own "as of" time) until a newer one arrives, and keeps it, marked failed, if none does.
 */
export class Resource<T> {
  #data = $state.raw<T | null>(null);
  #status = $state<ResourceStatus>('idle');
  /** The HTTP status of the last failure (0: the network); 404 while a route is not there yet. */
  #failure = $state(0);
  #url: string | null = null;

  get data(): T | null {
    return this.#data;
  }
  get status(): ResourceStatus {
    return this.#status;
  }
  get failure(): number {
    return this.#failure;
  }

  /** Reads `url`; stale answers (a newer read started, or the view moved on) are dropped by `signal`. */
  async load(url: string, signal: AbortSignal): Promise<void> {
    if (url !== this.#url) {
      this.#url = url;
      this.#data = null;
    }
    if (this.#data === null) this.#status = 'loading';
    try {
      const answer = await getJson<T>(url, signal);
      if (signal.aborted) return;
      if (answer.ok) {
        this.#data = answer.data;
        this.#status = 'ok';
      } else {
        this.#failure = answer.status;
        this.#status = 'failed';
      }
    } catch {
      // Aborted: a newer read owns the state.
    }
  }
}
