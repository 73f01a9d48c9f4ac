import { Router } from 'express';
import { join } from 'node:path';

export interface MapRouteOptions {
  /** Two-digit code of the province the server runs for. */
  province: string;
  /** The built client, where `npm run build:map` wrote geo/province-<code>.json. */
  staticDir: string | null;
  /** An operator's commune boundaries (GeoJSON), replacing the synthetic partition; null for none. */
  communesFile: string | null;
}

/**
 * GET /geo/province.json: the map of the server's province (outline, communes, context). Screens ask
 * for this one address and never need to know the province code or where the boundaries came from.
 */
export function mapRouter(opts: MapRouteOptions): Router {
  const router = Router();
  router.get('/geo/province.json', (_req, res) => {
    if (!opts.staticDir)
      return void res.status(404).json({ error: 'the client is not built (npm run build)' });
    res.sendFile(join(opts.staticDir, 'geo', `province-${opts.province}.json`));
  });
  return router;
}
