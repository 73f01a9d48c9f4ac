import { deleteJson } from '../lib/net/api';
import { RemoteList } from './remote-list.svelte';

/** Something an operator can revoke: a paired screen, a source key. */
export interface RevocableItem {
  id: string;
  revokedAt: number | null;
}

/**
 * A list of things that can be revoked (devices, source keys): read from `path`, shown active first
 * then newest first, and revoked one at a time with DELETE `path/<id>`; the list is read again after.
 */
export class Revocable<T extends RevocableItem> {
  readonly list: RemoteList<T>;
  #path: string;
  #newest: (item: T) => number;
  #revoking = $state<string | null>(null);
  #revokeError = $state<{ id: string; message: string } | null>(null);

  /** `newest`: the instant that orders the list (paired, created). */
  constructor(path: string, newest: (item: T) => number) {
    this.list = new RemoteList<T>(path);
    this.#path = path;
    this.#newest = newest;
  }

  /** Active first, then newest first. */
  get items(): T[] {
    const revoked = (x: T) => Number(x.revokedAt !== null);
    return [...this.list.items].sort((x, y) => revoked(x) - revoked(y) || this.#newest(y) - this.#newest(x));
  }
  /** The item being revoked. */
  get revoking(): string | null {
    return this.#revoking;
  }
  /** Why the last revoke failed, by item. */
  get revokeError(): { id: string; message: string } | null {
    return this.#revokeError;
  }

  async revoke(id: string): Promise<void> {
    this.#revoking = id;
    this.#revokeError = null;
    try {
      await deleteJson(`${this.#path}/${encodeURIComponent(id)}`);
    } catch (err) {
      this.#revokeError = { id, message: err instanceof Error ? err.message : String(err) };
    } finally {
      this.#revoking = null;
    }
    await this.list.load();
  }
}
