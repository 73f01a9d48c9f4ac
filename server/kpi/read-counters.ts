import type { DayKey } from '../../shared/brand';
import { PROGRAMMES } from '../../shared/events';
import { addDayFlows, type Counters } from '../../shared/counters';
import type { Scope } from '../../shared/scope';
import { dueBefore } from '../aggregate/due-index';
import { keys } from '../aggregate/keys';
import type { Store } from '../store/types';
import { readStocksAtEndOf } from './stocks';

/** Open dossiers and tasks at an instant: the part of the counters that depends on t. */
export type LiveCounts = Pick<Counters, 'openNotLate' | 'openLate'> & Record<string, number>;

/**
 * Counters of today for each scope, at instant `now`: the day's flows, and what is open, late and
 * overdue now from the open sets and task counts. Two round trips whatever the number of scopes.
 */
export async function readTodayCounters(
  store: Store,
  scopes: readonly Scope[],
  today: DayKey,
  now: number,
): Promise<Map<Scope, Counters>> {
  const [hashes, live] = await Promise.all([
    store.readHashes(scopes.flatMap((s) => [keys.day(today, s), keys.tasks(s)])),
    readLiveCounts(store, scopes, now),
  ]);
  const out = new Map<Scope, Counters>();
  scopes.forEach((s, i) => {
    const c: Counters = { ...hashes[2 * i + 1], ...live[i] };
    addDayFlows(c, hashes[2 * i]!, Infinity);
    out.set(s, c);
  });
  return out;
}

/**
 * Counters of a past day: its flows, with "received that day that have X by t" taken at t = the end of
 * that day, and the stocks at the end of that day from their moves. `since` is the first day of data.
 */
export async function readPastDayCounters(
  store: Store,
  scope: Scope,
  day: DayKey,
  since: DayKey,
): Promise<Counters> {
  const [[hash], [stocks]] = await Promise.all([
    store.readHashes([keys.day(day, scope)]),
    readStocksAtEndOf(store, [scope], day, since),
  ]);
  const c: Counters = { ...stocks };
  addDayFlows(c, hash!, 0);
  return c;
}

/**
 * Open dossiers split by due time (from the due index: members below `dueBefore(t)` are late), open
 * tasks split by deadline, at instant t. Every read is issued in the same tick: one round trip.
 */
export async function readLiveCounts(
  store: Store,
  scopes: readonly Scope[],
  t: number,
): Promise<LiveCounts[]> {
  const late = dueBefore(t);
  const [dossiers, tasks] = await Promise.all([
    Promise.all(
      scopes.map((s) =>
        Promise.all([store.countLex(keys.due(s), '-', late), store.countLex(keys.due(s), '-', '+')]),
      ),
    ),
    store.countSets(scopes.flatMap((s) => PROGRAMMES.map((p) => ({ key: keys.openTasks(p, s), below: t })))),
  ]);
  return scopes.map((_, i) => {
    const [below, total] = dossiers[i]!;
    const c: LiveCounts = { openLate: below, openNotLate: total - below };
    PROGRAMMES.forEach((p, j) => {
      const open = tasks[i * PROGRAMMES.length + j]!;
      c[`${p}.overdue`] = open.below;
      c[`${p}.inProgress`] = open.total - open.below;
    });
    return c;
  });
}
