import { Router } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOperatorCommunes, type OperatorCommune } from './operator-geojson';

export interface MapRouteOptions {
  /** Two-digit code of the province the server runs for. */
  province: string;
  /** The built client, where `npm run build:map` wrote geo/province-<code>.json. */
  staticDir: string | null;
  /** An operator's commune boundaries (GeoJSON), replacing the synthetic partition; null for none. */
  communesFile: string | null;
}

/** The built map with the operator's communes in place of the synthetic ones, and no banner. */
function withOperatorCommunes(builtJson: string, communes: OperatorCommune[]): string {
  const built = JSON.parse(builtJson) as Record<string, unknown>;
  return JSON.stringify({
    ...built,
    communes: { type: 'FeatureCollection', features: communes },
    synthetic: false,
  });
}

/**
 * GET /geo/province.json: the map of the server's province (outline, communes, context). Screens ask
 * for this one address and never need to know the province code or where the boundaries came from.
 * The operator's file is read and checked here, at start: a bad file throws out of createApp.
 */
export function mapRouter(opts: MapRouteOptions): Router {
  const operator = opts.communesFile ? loadOperatorCommunes(opts.communesFile, opts.province) : null;
  const builtFile = opts.staticDir ? join(opts.staticDir, 'geo', `province-${opts.province}.json`) : null;
  /** Merged once: at start, or at the first request if `npm run build:map` had not yet written the file. */
  let merged: string | null = null;
  const mergedBody = (file: string, communes: OperatorCommune[]): string =>
    (merged ??= withOperatorCommunes(readFileSync(file, 'utf8'), communes));
  if (operator && builtFile && existsSync(builtFile)) mergedBody(builtFile, operator);

  const router = Router();
  router.get('/geo/province.json', (_req, res) => {
    if (!builtFile) return void res.status(404).json({ error: 'the client is not built (npm run build)' });
    // Checked here rather than left to sendFile, whose 404 would show the server's file path.
    if (!existsSync(builtFile))
      return void res.status(404).json({ error: 'the map is not built (npm run build)' });
    if (!operator) return res.sendFile(builtFile);
    res.type('json').send(mergedBody(builtFile, operator));
  });
  return router;
}
