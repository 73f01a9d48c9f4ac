import type { DayKey } from '../../shared/brand';
import { PROGRAMMES } from '../../shared/events';
import type { Counters } from '../../shared/kpis';
import type { Scope } from '../../shared/scope';
import { keys } from '../aggregate/keys';
import type { Store } from '../store/types';

/** Open dossiers and tasks at an instant: the part of the counters that depends on t. */
export type LiveCounts = Pick<Counters, 'openNotLate' | 'openLate'> & Record<string, number>;

/**
 * Counters of `day` for each scope, with the open dossiers and tasks at instant t. Two round trips
 * whatever the number of scopes. Open sets are live (they hold today's open items), so for a past day
 * the end-of-day snapshot taken at rollover stands in for them (see `freezeDay`).
 */
export async function readCounters(
  store: Store,
  scopes: readonly Scope[],
  day: DayKey,
  t: number,
  live: boolean,
): Promise<Map<Scope, Counters>> {
  const [hashes, liveCounts] = await Promise.all([
    store.readHashes(scopes.flatMap((s) => [keys.day(day, s), keys.tasks(s)])),
    live ? readLiveCounts(store, scopes, t) : readFrozenCounts(store, scopes, day),
  ]);
  const out = new Map<Scope, Counters>();
  scopes.forEach((s, i) => {
    out.set(s, { ...hashes[2 * i], ...hashes[2 * i + 1], ...liveCounts[i] } as Counters);
  });
  return out;
}

/** Open dossiers split by due time, open tasks split by deadline, at instant t. */
export async function readLiveCounts(
  store: Store,
  scopes: readonly Scope[],
  t: number,
): Promise<LiveCounts[]> {
  const perScope = 1 + PROGRAMMES.length;
  const counts = await store.countSets(
    scopes.flatMap((s) => [
      { key: keys.open(s), below: t },
      ...PROGRAMMES.map((p) => ({ key: keys.openTasks(p, s), below: t })),
    ]),
  );
  return scopes.map((_, i) => {
    const open = counts[i * perScope]!;
    const c: LiveCounts = { openLate: open.below, openNotLate: open.total - open.below };
    PROGRAMMES.forEach((p, j) => {
      const tasks = counts[i * perScope + 1 + j]!;
      c[`${p}.overdue`] = tasks.below;
      c[`${p}.inProgress`] = tasks.total - tasks.below;
    });
    return c;
  });
}

async function readFrozenCounts(store: Store, scopes: readonly Scope[], day: DayKey): Promise<LiveCounts[]> {
  const values = await Promise.all(scopes.map((s) => store.getValue(keys.endOfDay(day, s))));
  return values.map((v) => (v ? (JSON.parse(v) as LiveCounts) : { openLate: 0, openNotLate: 0 }));
}

/**
 * Freezes the open counts of a day that has just ended, once (the first process to see midnight wins).
 * Counts are taken at `t`, the first moment after midnight the server looked.
 */
export async function freezeDay(
  store: Store,
  scopes: readonly Scope[],
  day: DayKey,
  t: number,
): Promise<void> {
  const counts = await readLiveCounts(store, scopes, t);
  await Promise.all(scopes.map((s, i) => store.putOnce(keys.endOfDay(day, s), JSON.stringify(counts[i]))));
}
