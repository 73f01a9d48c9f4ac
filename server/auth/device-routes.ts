import express, { type Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../../shared/access';
import { normalisePairingCode, type DeviceInfo } from '../../shared/admin';
import type { AuditLog } from '../audit/audit-log';
import { deviceRoom } from '../hub/rooms';
import { fieldProblems } from '../validation';
import type { Devices } from './devices';
import { principalOf, type Guard } from './guard';
import type { SocketGuard } from './socket-guard';

const CODE = 'mã ghép nối gồm 6 ký tự, ví dụ K7M-4QX';
const NAME = 'cần tên màn hình (1–80 ký tự)';

/** What an operator types to pair a screen; extra fields are ignored, a bad place is left out. */
const newDevice = z.object({
  code: z.string({ error: CODE }).transform((typed, ctx) => {
    const code = normalisePairingCode(typed);
    if (!code) ctx.addIssue({ code: 'custom', message: CODE });
    return code ?? '';
  }),
  name: z
    .string({ error: NAME })
    .refine((n) => n.trim() !== '' && n.length <= 80, NAME)
    .transform((n) => n.trim()),
  place: z
    .string()
    .max(120)
    .transform((p) => p.trim())
    .catch(''),
});

export interface DeviceRouteDeps {
  devices: Devices;
  guard: Guard;
  sockets: SocketGuard;
  audit: AuditLog;
}

/** At /api/v1/devices, operators pair, list and revoke the display devices (shared/admin.ts). */
export function deviceRouter(deps: DeviceRouteDeps): Router {
  const router = express.Router();
  router.use(deps.guard.need('operator'));

  router.post('/', express.json({ limit: '4kb' }), async (req, res) => {
    const parsed = newDevice.safeParse(req.body ?? {});
    if (!parsed.success)
      return void res.status(400).json({ error: 'invalid pairing', errors: fieldProblems(parsed.error) });
    const { code, name, place } = parsed.data;
    const result = await deps.devices.pair(code, name, place, actorOf(principalOf(res)));
    if ('error' in result)
      return void res
        .status(result.status)
        .json({ error: result.error, errors: [{ field: result.field ?? 'code', message: result.error }] });
    await deps.audit.byRequest(req, {
      action: 'device.paired',
      target: `device:${result.device.id}`,
      detail: `${result.device.name}${place ? ` — ${place}` : ''}`,
    });
    res.status(201).json(result.device satisfies DeviceInfo);
  });

  router.get('/', async (_req, res) => {
    res.json((await deps.devices.list()) satisfies DeviceInfo[]);
  });

  router.delete('/:id', async (req, res) => {
    const id = String(req.params.id);
    const device = await deps.devices.revoke(id, actorOf(principalOf(res)));
    if (!device) return void res.status(404).json({ error: `no device "${id}"` });
    // Every screen holding the token is disconnected now, on every server process; their next
    // handshake is refused and they show a pairing code.
    deps.sockets.cutOff(deviceRoom(id));
    await deps.audit.byRequest(req, {
      action: 'device.revoked',
      target: `device:${id}`,
      detail: device.name,
    });
    res.json(device satisfies DeviceInfo);
  });
  return router;
}
