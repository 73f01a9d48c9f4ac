import type { Store } from './types';
import { updateRecord } from './versioned';

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
    const found = (await this.store.loadRecords([this.key])).get(this.key);
    return found ? (JSON.parse(found.body) as Record<string, T>) : {};
  }

  async get(id: string): Promise<T | undefined> {
    return (await this.all())[id];
  }

  /**
   * Applies `change` to a fresh copy: it returns the new collection, or an Error to give up with
   * (nothing is written). Returns what was written.
   */
  async update(change: (items: Record<string, T>) => Record<string, T> | Error): Promise<Record<string, T>> {
    const next = await updateRecord<Record<string, T>>(this.store, this.key, (items) => change(items ?? {}));
    if (next instanceof Error) throw next;
    return next;
  }
}
