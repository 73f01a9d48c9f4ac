import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { PairingStatus } from '../../shared/admin';
import { ipOf } from '../audit/audit-log';
import { rateLimit, type RateLimit } from '../http/rate-limit';
import type { Devices } from './devices';
import { DEVICE_COOKIE } from './guard';
import type { Store } from '../store/types';
import { cookieValue, credentialCookie } from './tokens';

/** Browsers keep a cookie at most 400 days; it is renewed at every pairing check, so a screen keeps it. */
const DEVICE_COOKIE_MS = 400 * 86_400_000;
const TOO_MANY = { error: 'Quá nhiều yêu cầu ghép nối, thử lại sau', errorEn: 'Too many pairing requests' };

export interface PairingRouteDeps {
  devices: Devices;
  /** Pairing requests per address: anyone may ask for a code, nobody may flood the store with them. */
  pairingLimit: RateLimit;
  /** Counts the requests, in Redis shared by every process. */
  store: Pick<Store, 'limiter'>;
}

/**
 * At /api/v1/pairing, open to any screen (its cookie is all it has): POST asks for a code, GET says
 * where its pairing stands (shared/admin.ts). Operators pair and revoke at /api/v1/devices.
 */
export function pairingRouter(deps: PairingRouteDeps): Router {
  const router = express.Router();
  const setDeviceCookie = (req: Request, res: Response, token: string) =>
    res.append('Set-Cookie', credentialCookie(DEVICE_COOKIE, token, DEVICE_COOKIE_MS, req.secure));

  router.get('/', async (req, res) => {
    const token = cookieValue(req.headers.cookie, DEVICE_COOKIE);
    const status: PairingStatus = await deps.devices.status(token);
    if (status.state !== 'none' && token) setDeviceCookie(req, res, token);
    res.set('Cache-Control', 'no-store').json(status);
  });

  // A screen already pending or paired is told so, and costs no token of its address's limit.
  const current: RequestHandler = (req, res, next) => {
    deps.devices
      .status(cookieValue(req.headers.cookie, DEVICE_COOKIE))
      .then(
        (status) => (status.state === 'none' ? next() : void res.json(status satisfies PairingStatus)),
        next,
      );
  };
  const limit = rateLimit({
    ...deps.pairingLimit,
    store: deps.store,
    key: (req) => ipOf(req) ?? 'unknown',
    refusal: () => TOO_MANY,
  });
  router.post('/', current, limit, async (req, res) => {
    const { token, status } = await deps.devices.requestPairing();
    setDeviceCookie(req, res, token);
    res.status(201).json(status satisfies PairingStatus);
  });
  return router;
}
