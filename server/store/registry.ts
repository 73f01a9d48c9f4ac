import { emptyCommit, type Store } from './types';

/**
 * A small collection kept whole in one versioned record (devices, source keys, the list of logins):
 * tens to a few thousand entries, read whole by the pages that list them. Every change is a
 * compare-and-set on the record's version, retried on a fresh copy, so two operators acting at the
 * same moment from two server processes never overwrite each other.
 */
export class Registry<T> {
  constructor(
    private readonly store: Store,
    private readonly key: string,
  ) {}

  async all(): Promise<Record<string, T>> {
    return (await this.#load()).items;
  }

  async get(id: string): Promise<T | undefined> {
    return (await this.all())[id];
  }

  /**
   * Applies `change` to a fresh copy: it returns the new collection, or an Error to give up with
   * (nothing is written). Returns what was written.
   */
  async update(change: (items: Record<string, T>) => Record<string, T> | Error): Promise<Record<string, T>> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const { version, items } = await this.#load();
      const next = change(structuredClone(items));
      if (next instanceof Error) throw next;
      const commit = emptyCommit();
      commit.records.push({ key: this.key, expect: version, body: JSON.stringify(next) });
      if (await this.store.commit(commit)) return next;
    }
    throw new Error(`${this.key}: too many concurrent updates, try again`);
  }

  async #load(): Promise<{ version: number; items: Record<string, T> }> {
    const found = (await this.store.loadRecords([this.key])).get(this.key);
    return found
      ? { version: found.version, items: JSON.parse(found.body) as Record<string, T> }
      : { version: 0, items: {} };
  }
}
