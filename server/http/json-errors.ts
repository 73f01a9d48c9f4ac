import type { ErrorRequestHandler } from 'express';
import type { ApiErrorBody } from '../../shared/admin';

/** Body-parser and other errors as JSON with the right status (413 oversize, 400 bad JSON). */
export const jsonErrors: ErrorRequestHandler = (err, req, res, _next) => {
  const e = err as { status?: number; type?: string; message?: string };
  if (e.type === 'entity.too.large')
    return void res.status(413).json({ error: 'request body too large (max 2 MB)' });
  if (e.type === 'entity.parse.failed')
    return void res.status(400).json({ error: 'request body is not valid JSON' });
  const status = e.status && e.status >= 400 && e.status < 600 ? e.status : 500;
  if (status >= 500) req.log.error({ err }, 'request failed');
  const body: ApiErrorBody = { error: status >= 500 ? 'internal error' : (e.message ?? 'bad request') };
  res.status(status).json(body);
};
