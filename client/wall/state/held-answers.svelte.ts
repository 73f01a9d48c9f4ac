import { SvelteMap } from 'svelte/reactivity';
import { getJson } from '../../lib/net/api';

/** One answer as last read: kept when a later read fails, flagged so the screen can say it is old. */
export interface Held<T> {
  answer: T;
  /** Device time it arrived. */
  at: number;
  failed: boolean;
}

/**
 * Answers of a JSON route by key, the last `keep` of them (the view shown, the one coming, a few gone
 * back to): read once at a time per key; a failed read keeps the last answer, flagged. What the wall's
 * period views (view-data) and its map under a period (map-period) read their numbers through.
 */
export class HeldAnswers<T> {
  #answers = new SvelteMap<string, Held<T>>();
  // Only to skip a second read of one key: nothing on screen depends on it, so it need not be reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #inFlight = new Set<string>();
  readonly #keep: number;
  readonly #name: string;

  constructor(keep: number, name: string) {
    this.#keep = keep;
    this.#name = name;
  }

  get(key: string): Held<T> | undefined {
    return this.#answers.get(key);
  }

  has(key: string): boolean {
    return this.#answers.has(key);
  }

  async fetch(key: string, url: string): Promise<void> {
    if (this.#inFlight.has(key)) return;
    this.#inFlight.add(key);
    try {
      const answer = await getJson<T>(url);
      this.#answers.delete(key);
      this.#answers.set(key, { answer, at: Date.now(), failed: false });
      for (const old of this.#answers.keys()) {
        if (this.#answers.size <= this.#keep) break;
        this.#answers.delete(old);
      }
    } catch (err) {
      const held = this.#answers.get(key);
      if (held) this.#answers.set(key, { ...held, failed: true });
      console.warn(`${this.#name} ${key}: read failed`, err);
    } finally {
      this.#inFlight.delete(key);
    }
  }
}
