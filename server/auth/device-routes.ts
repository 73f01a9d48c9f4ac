import express, { type Router } from 'express';
import { normalisePairingCode, type NewDevice } from '../../shared/admin';
import { ipOf, type AuditLog } from '../audit/audit-log';
import type { TokenBuckets } from '../http/rate-limit';
import type { Devices } from './devices';
import { DEVICE_COOKIE, deviceRoom, principalOf, type Guard } from './guard';
import type { SocketGuard } from './socket-guard';
import { cookieValue, credentialCookie } from './tokens';
import { actorOf } from '../../shared/access';

/** Browsers keep a cookie at most 400 days; it is renewed at every pairing check, so a screen keeps it. */
const DEVICE_COOKIE_MS = 400 * 86_400_000;

const field = (v: unknown, max: number) =>
  typeof v === 'string' && v.trim() && v.length <= max ? v.trim() : null;

export interface DeviceRouteDeps {
  devices: Devices;
  guard: Guard;
  sockets: SocketGuard;
  audit: AuditLog;
  /** Pairing requests per address: anyone may ask for a code, nobody may flood the store with them. */
  pairingLimit: TokenBuckets;
}

/**
 * Pairing (the screen's side, no credentials needed) and the operators' device list: the contract is
 * in shared/admin.ts.
 */
export function deviceRouter(deps: DeviceRouteDeps): Router {
  const router = express.Router();
  const setDeviceCookie = (req: express.Request, res: express.Response, token: string) =>
    res.append('Set-Cookie', credentialCookie(DEVICE_COOKIE, token, DEVICE_COOKIE_MS, req.secure));

  router.get('/api/v1/pairing', async (req, res) => {
    const token = cookieValue(req.headers.cookie, DEVICE_COOKIE);
    const status = await deps.devices.status(token);
    if (status.state !== 'none' && token) setDeviceCookie(req, res, token);
    res.set('Cache-Control', 'no-store').json(status);
  });

  router.post('/api/v1/pairing', async (req, res) => {
    const current = await deps.devices.status(cookieValue(req.headers.cookie, DEVICE_COOKIE));
    if (current.state !== 'none') return void res.json(current);
    const allowed = deps.pairingLimit.take(ipOf(req) ?? 'unknown');
    if (!allowed.ok)
      return void res
        .status(429)
        .set('Retry-After', String(Math.ceil(allowed.retryAfterMs / 1000)))
        .json({ error: 'Quá nhiều yêu cầu ghép nối, thử lại sau', errorEn: 'Too many pairing requests' });
    const { token, status } = await deps.devices.requestPairing();
    setDeviceCookie(req, res, token);
    res.status(201).json(status);
  });

  router.post(
    '/api/v1/devices',
    deps.guard.need('operator'),
    express.json({ limit: '4kb' }),
    async (req, res) => {
      const body = (req.body ?? {}) as Partial<Record<keyof NewDevice, unknown>>;
      const code = typeof body.code === 'string' ? normalisePairingCode(body.code) : null;
      const name = field(body.name, 80);
      const place = field(body.place ?? '', 120) ?? '';
      const errors = [
        ...(code ? [] : [{ field: 'code', message: 'mã ghép nối gồm 6 ký tự, ví dụ K7M-4QX' }]),
        ...(name ? [] : [{ field: 'name', message: 'cần tên màn hình (1–80 ký tự)' }]),
      ];
      if (errors.length) return void res.status(400).json({ error: 'invalid pairing', errors });
      const who = principalOf(res)!;
      const result = await deps.devices.pair(code!, name!, place, actorOf(who));
      if ('error' in result)
        return void res
          .status(result.status)
          .json({ error: result.error, errors: [{ field: result.field ?? 'code', message: result.error }] });
      await deps.audit.record({
        action: 'device.paired',
        who,
        target: `device:${result.device.id}`,
        ip: ipOf(req),
        detail: `${result.device.name}${place ? ` — ${place}` : ''}`,
      });
      res.status(201).json(result.device);
    },
  );

  router.get('/api/v1/devices', deps.guard.need('operator'), async (_req, res) => {
    res.json(await deps.devices.list());
  });

  router.delete('/api/v1/devices/:id', deps.guard.need('operator'), async (req, res) => {
    const who = principalOf(res)!;
    const id = String(req.params.id);
    const device = await deps.devices.revoke(id, actorOf(who));
    if (!device) return void res.status(404).json({ error: `no device "${id}"` });
    // Every screen holding the token is disconnected now, on every server process; their next
    // handshake is refused and they show a pairing code.
    deps.sockets.cutOff(deviceRoom(id));
    await deps.audit.record({
      action: 'device.revoked',
      who,
      target: `device:${id}`,
      ip: ipOf(req),
      detail: device.name,
    });
    res.json(device);
  });
  return router;
}
