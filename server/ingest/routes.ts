import express, { type Request, type Response, type Router } from 'express';
import type { ApiErrorBody } from '../../shared/admin';
import type { FieldError, IngestAccepted } from '../../shared/events';
import type { Clock } from '../clock';
import { rateLimit, type RateLimit } from '../http/rate-limit';
import type { Store } from '../store/types';
import type { ApiKeys, KeyGrant } from './api-keys';
import type { SourceKeys } from './source-keys';
import { checkBatch } from './check-batch';
import type { EventRules } from './event-rules';
import { PoolFull, WorkerLost, type IngestPool } from './pool';

/** Bodies above this are refused with 413 before they are parsed (1,000 events fit well within it). */
const MAX_BODY = '2mb';

function presentedKey(req: Request): string | null {
  const auth = req.get('authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return req.get('x-api-key') ?? null;
}

const fail = (res: Response, status: number, error: string, errors?: FieldError[]) =>
  res.status(status).json((errors ? { error, errors } : { error }) satisfies ApiErrorBody);

export interface IngestDeps {
  store: Store;
  clock: Clock;
  /** The fixed keys of INGEST_KEYS (and the embedded simulator's). */
  keys: ApiKeys;
  /** The keys admins manage (source-keys.ts). */
  sourceKeys: SourceKeys;
  /** Requests per key: a runaway source cannot starve the others. */
  limit: RateLimit;
  /** The province's communes and the history kept (event-rules.ts). */
  rules: EventRules;
  /** Worker threads that parse, check and store batches (INGEST_WORKERS); none: all on this thread. */
  pool?: IngestPool | null;
}

const grantOf = (res: Response) => res.locals.grant as KeyGrant;

/**
 * At /api/v1/events, POST one event or an array of up to 1,000, with a source key. The batch is stored
 * whole or not at all: every problem is answered at once, naming each bad field with its index, and
 * nothing of a batch with a problem reaches the stream. Repeated ids are accepted (202) and counted once
 * by the aggregator.
 */
export function ingestRouter(deps: IngestDeps): Router {
  const router = express.Router();
  // The key is checked before the body is read: an unknown caller costs no parsing.
  const authenticate: express.RequestHandler = (req, res, next) => {
    const key = presentedKey(req);
    if (!key) return void fail(res, 401, 'an API key is required (Authorization: Bearer <key>)');
    const fixed = deps.keys.check(key);
    (fixed ? Promise.resolve(fixed) : deps.sourceKeys.check(key)).then(
      (grant) => {
        if (!grant) return void fail(res, 401, 'unknown API key');
        res.locals.grant = grant;
        next();
      },
      (err: unknown) => fail(res, 503, `cannot check the key now, retry later: ${(err as Error).message}`),
    );
  };
  const limit = rateLimit({
    ...deps.limit,
    store: deps.store,
    key: (_req, res) => grantOf(res).name,
    refusal: (_s, _req, res) => ({ error: `too many requests for key "${grantOf(res).name}", slow down` }),
  });
  const parseJson = express.json({ limit: MAX_BODY, type: () => true });

  /** Checks and stores on this thread: without worker threads, or with no body to hand them. */
  const here = async (body: unknown, res: Response) => {
    const grant = grantOf(res);
    const verdict = checkBatch(body, grant, deps.rules, deps.clock.now());
    if (!verdict.ok) return void res.status(verdict.status).json(verdict.body);
    try {
      await deps.store.append(verdict.events);
    } catch (err) {
      return fail(res, 503, `event store unavailable, retry later: ${(err as Error).message}`);
    }
    res.status(202).json({ accepted: verdict.events.length } satisfies IngestAccepted);
  };

  if (!deps.pool) {
    router.post('/', authenticate, limit, parseJson, (req, res) => here(req.body, res));
    return router;
  }

  // With worker threads, this thread only reads the bytes: parsing, checks and the XADDs are theirs.
  const pool = deps.pool;
  const readBody = express.raw({ limit: MAX_BODY, type: () => true });
  router.post('/', authenticate, limit, readBody, async (req, res) => {
    const body = req.body as unknown;
    // No body at all (not even an empty one): no bytes to hand over.
    if (!Buffer.isBuffer(body)) return here(undefined, res);
    const grant = grantOf(res);
    try {
      const answer = await pool.run({
        body,
        grant: { source: grant.source, types: [...grant.types] },
        now: deps.clock.now(),
      });
      res.status(answer.status).json(answer.body);
    } catch (err) {
      if (err instanceof PoolFull) {
        res.set('Retry-After', '1');
        return fail(res, 503, 'ingest is busy, retry later: nothing of this batch was stored');
      }
      if (err instanceof WorkerLost)
        return fail(res, 503, `ingest failed, resend the batch (a resend counts once): ${err.message}`);
      throw err;
    }
  });
  return router;
}
