import { ApiError, getJson } from '../lib/net/api';

/** Where a read stands: nothing asked yet, asked, answered, or failed (the last answer, if any, is kept). */
export type ResourceStatus = 'idle' | 'loading' | 'ok' | 'failed';

/**
 * One JSON answer of the server, re-read on demand. Numbers of another address are never shown under
 * this one: a new address clears the data; a refresh of the same address keeps the last answer on screen
 * (with its own "as of" time) until a newer one arrives, and keeps it, marked failed, if none does.
 * A 401 sends the leader to sign in.
 */
export class Resource<T> {
  #data = $state.raw<T | null>(null);
  #status = $state<ResourceStatus>('idle');
  #url: string | null = null;

  get data(): T | null {
    return this.#data;
  }
  get status(): ResourceStatus {
    return this.#status;
  }

  /** Reads `url`; stale answers (a newer read started, or the view moved on) are dropped by `signal`. */
  async load(url: string, signal: AbortSignal): Promise<void> {
    if (url !== this.#url) {
      this.#url = url;
      this.#data = null;
    }
    if (this.#data === null) this.#status = 'loading';
    try {
      const data = await getJson<T>(url, { signal, signInOn401: true });
      if (signal.aborted) return;
      this.#data = data;
      this.#status = 'ok';
    } catch (err) {
      // Aborted: a newer read owns the state.
      if (signal.aborted || !(err instanceof ApiError)) return;
      this.#status = 'failed';
    }
  }
}
