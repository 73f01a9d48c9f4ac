import express, { type Router } from 'express';
import type { Directory } from '../../shared/directory';
import { DEFAULT_MIN_SAMPLE } from '../../shared/min-sample';
import { wardsOf } from '../geo/wards';
import { provinceKindOf } from '../../shared/provinces';
import { AGENCIES, agencyName } from '../simulator/agencies';

/**
 * At /api/v1/directory: the names behind the codes in the feeds (communes by ma_xa, agencies by id), so
 * screens can write "Phường Ba Đình" where the wire says "commune:00004", agencies in both languages
 * and worded for a city where the server runs for one, and the minimum sample every ranking uses.
 * Built once: it never changes while the server runs.
 */
export function directoryRouter(
  province: { code: string; name: string },
  simulated = false,
  minSample = DEFAULT_MIN_SAMPLE,
): Router {
  const router = express.Router();
  let body: Directory | null = null;
  router.get('/', (_req, res) => {
    body ??= {
      province: { ...province, kind: provinceKindOf(province.code) },
      communes: Object.fromEntries(wardsOf(province.code).map((w) => [w.code, w.name])),
      agencies: Object.fromEntries(AGENCIES.map((a) => [a.id, agencyName(a, province.code, 'vi')])),
      agenciesEn: Object.fromEntries(AGENCIES.map((a) => [a.id, agencyName(a, province.code, 'en')])),
      simulated,
      minSample,
    };
    res.set('Cache-Control', 'max-age=300').json(body);
  });
  return router;
}
