import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';
import { logFor } from './logger';

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** A request id a client or proxy may hand us (nginx's $request_id, a source's own); else ours. */
const GIVEN_ID = /^[\w.:-]{1,64}$/;

/**
 * pino-http: every request gets an id (X-Request-Id, answered back) and `req.log`, a logger whose
 * every line carries it. Answers are logged at debug (a busy wall server answers thousands a
 * minute), 4xx at info and 5xx at error.
 */
export const requestLog = () =>
  pinoHttp({
    logger: logFor('http'),
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
    // Probes answer 503 by design (not ready, store down) and are asked every few seconds.
    autoLogging: { ignore: (req) => PROBES.has(req.url?.split('?')[0] ?? '') },
    // What an operator needs of a request; headers stay out (cookies, keys, and noise).
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
