import express, { type Router } from 'express';
import { z } from 'zod';
import {
  DOSSIER_LIST_STATES,
  DOSSIER_PAGE_DEFAULT,
  DOSSIER_PAGE_MAX,
  DUE_SOON_HOURS_DEFAULT,
  DUE_SOON_HOURS_MAX,
} from '../../shared/dossier-list';
import type { Clock } from '../clock';
import type { Store } from '../store/types';
import { problemOf } from '../validation';
import { decodeCursor, readDossierPage } from './dossiers-read';
import { scopeQuery } from './queries';

const integerIn = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`)
    .default(fallback);

/** GET /api/v1/dossiers: a scope, a list, its look-ahead, a page size, where the page before stopped. */
export const dossierListQuery = scopeQuery.extend({
  state: z.enum(DOSSIER_LIST_STATES, { error: `must be one of ${DOSSIER_LIST_STATES.join(', ')}` }),
  hours: integerIn(1, DUE_SOON_HOURS_MAX, DUE_SOON_HOURS_DEFAULT),
  limit: integerIn(1, DOSSIER_PAGE_MAX, DOSSIER_PAGE_DEFAULT),
  cursor: z.string().max(2_000).optional(),
});

/**
 * At /api/v1/dossiers (mounted behind the leader guard): the dossiers of a scope open and late now, or
 * falling due within the next hours, a page at a time (shared/dossier-list.ts).
 */
export function dossiersRouter(deps: { store: Store; clock: Clock }): Router {
  const router = express.Router();
  router.get('/', async (req, res) => {
    const query = dossierListQuery.safeParse(req.query);
    if (!query.success) return void res.status(400).json({ error: problemOf(query.error) });
    const { scope, state, hours, limit, cursor } = query.data;
    let after: string | null = null;
    if (cursor !== undefined) {
      const decoded = decodeCursor(cursor, { scope, state });
      if ('error' in decoded) return void res.status(400).json({ error: `cursor: ${decoded.error}` });
      after = decoded.after;
    }
    const page = await readDossierPage(deps.store, { scope, state, hours, limit, after }, deps.clock.now());
    res.set('Cache-Control', 'no-store').json(page);
  });
  return router;
}
