import express, { type Request, type Response, type Router } from 'express';
import type { ApiErrorBody } from '../../shared/admin';
import { validateEvents, type FieldError, type IngestAccepted } from '../../shared/events';
import type { Clock } from '../clock';
import { rateLimit, type RateLimit } from '../http/rate-limit';
import type { Store } from '../store/types';
import type { ApiKeys, KeyGrant } from './api-keys';
import type { SourceKeys } from './source-keys';
import { ruleProblems, type EventRules } from './event-rules';

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

  router.post('/', authenticate, limit, parseJson, async (req, res) => {
    const grant = grantOf(res);

    const checked = validateEvents(req.body);
    if ('errors' in checked)
      return fail(res, 400, 'invalid events: nothing of this batch was stored', checked.errors);

    const forbidden: FieldError[] = [];
    const broken: FieldError[] = [];
    const now = deps.clock.now();
    checked.events.forEach((e, index) => {
      if (e.source !== grant.source) {
        forbidden.push({
          index,
          field: 'source',
          message: `this key sends for "${grant.source}", not "${e.source}"`,
        });
      } else if (!grant.types.has(e.type)) {
        forbidden.push({ index, field: 'type', message: `this key may not send "${e.type}"` });
      }
      for (const p of ruleProblems(e, deps.rules, now)) broken.push({ index, ...p });
    });
    if (forbidden.length)
      return fail(res, 403, 'event types not allowed for this key: nothing was stored', forbidden);
    if (broken.length) return fail(res, 400, 'invalid events: nothing of this batch was stored', broken);

    try {
      await deps.store.append(checked.events);
    } catch (err) {
      return fail(res, 503, `event store unavailable, retry later: ${(err as Error).message}`);
    }
    res.status(202).json({ accepted: checked.events.length } satisfies IngestAccepted);
  });
  return router;
}
