import { emptyCommit, type Store } from './types';

/**
 * Reads a JSON record, applies `change` and writes the result only if nobody wrote in between (the
 * record's version guards the write); on a conflict it starts again from the fresh record. `change`
 * gets null when the record does not exist, and returns the new value or an Error to give up with
 * (nothing is written).
 */
export async function updateRecord<T>(
  store: Store,
  key: string,
  change: (current: T | null) => T | Error,
): Promise<T | Error> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const found = (await store.loadRecords([key])).get(key);
    const next = change(found ? (JSON.parse(found.body) as T) : null);
    if (next instanceof Error) return next;
    const commit = emptyCommit();
    commit.records.push({ key, expect: found?.version ?? 0, body: JSON.stringify(next) });
    if (await store.commit(commit)) return next;
  }
  return new Error(`${key}: too many changes at once, try again`);
}
