import { deviceMs, serverMs, type DeviceMs, type ServerMs } from '../../../shared/brand';

/**
 * The arithmetic of the server's clock as a screen sees it, with the two clocks kept apart by type: a
 * server instant read at a device instant, run forward at the server's speed (1 but in an accelerated
 * demo). Screens show server time, so a player with a wrong clock or zone still shows the province's.
 */

/** This device's clock now. */
export const deviceNow = (): DeviceMs => deviceMs(Date.now());

/** The server's clock pinned to this device's: its time then, when that was on this device, its speed. */
export interface ServerClock {
  serverTime: ServerMs;
  receivedAt: DeviceMs;
  /** Server ms per real ms (1, or more in a demo that plays a day in minutes). */
  speed: number;
}

/** Server time at device time `device`. */
export const serverAt = (c: ServerClock, device: DeviceMs): ServerMs =>
  serverMs(Math.round(c.serverTime + (device - c.receivedAt) * c.speed));

/** One NTP-style probe: the server's time against this device's, and how long the round trip took. */
export interface ClockSample {
  /** Server time minus device time, at `mid`. */
  offset: number;
  rtt: number;
  /** The device instant the offset holds at: the round trip's midpoint. */
  mid: DeviceMs;
}

/** offset = serverTime − (t0 + t1) / 2: the server answered, on average, halfway through the round trip. */
export function sampleOffset(serverTime: ServerMs, t0: DeviceMs, t1: DeviceMs): ClockSample {
  const mid = deviceMs((t0 + t1) / 2);
  return { offset: serverTime - mid, rtt: t1 - t0, mid };
}

/** The sample with the lowest round trip, or null when none came back. */
export const bestSample = (samples: readonly ClockSample[]): ClockSample | null =>
  samples.reduce<ClockSample | null>((best, s) => (best === null || s.rtt < best.rtt ? s : best), null);

/** The clock a sample pins: server time mid + offset at device time mid. */
export const pinnedBy = (s: ClockSample, speed: number): ServerClock => ({
  serverTime: serverMs(s.mid + s.offset),
  receivedAt: s.mid,
  speed,
});
