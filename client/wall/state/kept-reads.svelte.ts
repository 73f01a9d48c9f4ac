import { SvelteMap } from 'svelte/reactivity';
import { getJson } from '../../lib/net/api';

export interface Kept<T> {
  data: T;
  /** Device time it arrived. */
  at: number;
  /** The last read failed: the data is the one before, and not current. */
  failed: boolean;
}

/**
 * Answers of a GET the wall reads per view (a period's numbers, a unit's late list, a view's curves),
 * the last few kept by key: the one shown, the one a meeting brings next, a few the presenter went back
 * to. One read per key at a time; a failure keeps the last answer, flagged, so a scene shows it as not
 * current rather than nothing.
 */
export class KeptReads<T> {
  #held = new SvelteMap<string, Kept<T>>();
  // Bookkeeping no view reads: a plain Set, not a reactive one.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #inFlight = new Set<string>();

  constructor(
    /** Names the reads in the console: "view data", "late dossiers". */
    private readonly what: string,
    private readonly keep = 8,
  ) {}

  get(key: string): Kept<T> | null {
    return this.#held.get(key) ?? null;
  }
  has(key: string): boolean {
    return this.#held.has(key);
  }

  async read(key: string, path: string): Promise<void> {
    if (this.#inFlight.has(key)) return;
    this.#inFlight.add(key);
    try {
      const data = await getJson<T>(path);
      // Re-inserted at the end: the oldest key is the first to go.
      this.#held.delete(key);
      this.#held.set(key, { data, at: Date.now(), failed: false });
      for (const old of this.#held.keys()) {
        if (this.#held.size <= this.keep) break;
        this.#held.delete(old);
      }
    } catch (err) {
      const held = this.#held.get(key);
      if (held) this.#held.set(key, { ...held, failed: true });
      console.warn(`${this.what} ${key}: read failed`, err);
    } finally {
      this.#inFlight.delete(key);
    }
  }
}

/** A view's reads are made again this often while it is shown (as the tablet does). */
export const READ_AGAIN_MS = 30_000;

/**
 * Reads what the wall shows, at once and every READ_AGAIN_MS while it is shown (`shown` null: nothing
 * to read), and what a meeting brings next, as soon as it is announced, so it is at hand at the instant.
 */
export function readWhileShown<V>(
  shown: () => V | null,
  upcoming: () => V | null,
  read: (v: V) => void,
): void {
  $effect.root(() => {
    $effect(() => {
      const v = shown();
      if (v === null) return;
      read(v);
      const timer = setInterval(() => read(v), READ_AGAIN_MS);
      return () => clearInterval(timer);
    });
    $effect(() => {
      const next = upcoming();
      if (next !== null) read(next);
    });
  });
}
