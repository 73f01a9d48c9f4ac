import express, { type Router } from 'express';
import {
  DUE_TODAY_SOON_HOURS,
  dueTodayUntil,
  rankDueToday,
  type DueToday,
  type DueTodayRow,
} from '../../shared/due-today';
import { agencyScope } from '../../shared/scope';
import { dueKey, parseDueMember } from '../aggregate/due-index';
import { keys } from '../aggregate/keys';
import type { Clock } from '../clock';
import type { Store } from '../store/types';

const HOUR_MS = 3_600_000;
/**
 * One reading serves every wall for this long: a thousand walls showing the scene cost the store one
 * read of each agency's index every few seconds, not a thousand. The scene says how old it is.
 */
const READ_EVERY_MS = 5_000;

/**
 * The open dossiers falling due between now and the end of today, per agency and for the province,
 * counted from the due indexes the aggregator keeps (lex ranges: a count and the first member, never a
 * scan of the dossiers themselves).
 */
export async function readDueToday(store: Store, now: number): Promise<DueToday> {
  // Every agency the aggregator has met, not only the directory's: a source's own ids count too.
  const agencies = (await store.knownScopes())
    .filter((s) => s.startsWith('agency:'))
    .map((s) => s.slice('agency:'.length));
  const until = dueTodayUntil(now);
  const from = `[${dueKey(now)}` as const;
  const to = `(${dueKey(until)}` as const;
  const soonEnd = `(${dueKey(Math.min(until, now + DUE_TODAY_SOON_HOURS * HOUR_MS))}` as const;
  const [total, soon, rows] = await Promise.all([
    store.countLex(keys.due('province'), from, to),
    store.countLex(keys.due('province'), from, soonEnd),
    Promise.all(
      agencies.map(async (agency): Promise<DueTodayRow | null> => {
        const index = keys.due(agencyScope(agency));
        const [count, first] = await Promise.all([
          store.countLex(index, from, to),
          store.rangeLex(index, from, to, 1),
        ]);
        const earliest = first[0] ? parseDueMember(first[0]) : null;
        return count > 0 && earliest ? { agency, count, earliestDueAt: earliest.dueAt } : null;
      }),
    ),
  ]);
  const withDue = rows.filter((r) => r !== null);
  const ranked = rankDueToday(withDue);
  return {
    serverTime: now,
    until,
    total,
    soonHours: DUE_TODAY_SOON_HOURS,
    soon,
    agencies: ranked,
    moreAgencies: withDue.length - ranked.length,
  };
}

/** At /api/v1/due-today (any principal that may watch): the counts above, read at most every 5 s. */
export function dueTodayRouter(deps: { store: Store; clock: Clock }): Router {
  const router = express.Router();
  let last: { at: number; body: Promise<DueToday> } | null = null;
  router.get('/', async (_req, res) => {
    const now = deps.clock.now();
    // A reading in flight or younger than READ_EVERY_MS is shared; one that failed is not kept.
    let entry = last;
    if (!entry || now - entry.at >= READ_EVERY_MS || now < entry.at) {
      const fresh = { at: now, body: readDueToday(deps.store, now) };
      fresh.body.catch(() => {
        if (last === fresh) last = null;
      });
      last = entry = fresh;
    }
    res.set('Cache-Control', 'no-store').json(await entry.body);
  });
  return router;
}
