import { getJson } from '../lib/net/api';

/** A list the console reads from the server (devices, keys, people), reloaded after each change. */
export class RemoteList<T> {
  #items = $state.raw<readonly T[]>([]);
  #loaded = $state(false);
  #loading = $state(false);
  #error = $state<string | null>(null);
  #path: string;
  #seq = 0;

  constructor(path: string) {
    this.#path = path;
  }

  /** The items as last read. */
  get items(): readonly T[] {
    return this.#items;
  }
  /** Whether it has been read at least once. */
  get loaded(): boolean {
    return this.#loaded;
  }
  get loading(): boolean {
    return this.#loading;
  }
  /** Why the last read failed, or null. */
  get error(): string | null {
    return this.#error;
  }

  /** Reads the list again; an older read answering late is dropped. */
  async load(): Promise<void> {
    const seq = ++this.#seq;
    this.#loading = true;
    try {
      const items = await getJson<T[]>(this.#path);
      if (seq !== this.#seq) return;
      this.#items = items;
      this.#loaded = true;
      this.#error = null;
    } catch (err) {
      if (seq === this.#seq) this.#error = err instanceof Error ? err.message : String(err);
    } finally {
      if (seq === this.#seq) this.#loading = false;
    }
  }
}
