import { expect } from 'vitest';
import type { DeviceInfo, PairingStatus } from '../../shared/admin';

/**
 * A paired display, as a wall gets one: it asks for a pairing code, an operator pairs it. Returns the
 * display's cookie (for requests and sockets) and the device record.
 */
export async function pairDisplay(
  baseUrl: string,
  operatorCookie: string,
  name: string,
  place = 'UBND xã',
): Promise<{ cookie: string; device: DeviceInfo }> {
  const asked = await fetch(`${baseUrl}/api/v1/pairing`, { method: 'POST' });
  const cookie = (asked.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { code } = (await asked.json()) as PairingStatus & { code: string };
  const paired = await fetch(`${baseUrl}/api/v1/devices`, {
    method: 'POST',
    headers: { cookie: operatorCookie, 'content-type': 'application/json' },
    body: JSON.stringify({ code, name, place }),
  });
  expect(paired.status).toBe(201);
  return { cookie, device: (await paired.json()) as DeviceInfo };
}
