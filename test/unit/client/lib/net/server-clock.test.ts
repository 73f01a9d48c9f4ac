import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  bestSample,
  pinnedBy,
  sampleOffset,
  serverAt,
  type ServerClock,
} from '../../../../../client/lib/net/server-clock';
import { deviceMs, serverMs, type DeviceMs, type ServerMs } from '../../../../../shared/brand';

const T0 = Date.UTC(2025, 10, 12, 7, 0, 0);

describe('the server clock as a screen sees it', () => {
  it('keeps device time and server time apart by type', () => {
    expectTypeOf<DeviceMs>().not.toExtend<ServerMs>();
    expectTypeOf<ServerMs>().not.toExtend<DeviceMs>();
    expectTypeOf<number>().not.toExtend<ServerMs>();
    expectTypeOf(serverAt).parameter(1).toEqualTypeOf<DeviceMs>();
    expectTypeOf(serverAt).returns.toEqualTypeOf<ServerMs>();
    // At the instant it was pinned, the clock reads exactly the server's time (brands cost nothing at run time).
    expect(serverAt({ serverTime: serverMs(T0), receivedAt: deviceMs(7), speed: 60 }, deviceMs(7))).toBe(T0);
  });

  it('runs the server clock forward from where it was pinned, at its speed', () => {
    const clock: ServerClock = { serverTime: serverMs(T0), receivedAt: deviceMs(1_000), speed: 1 };
    expect(serverAt(clock, deviceMs(3_500))).toBe(T0 + 2_500);
    expect(serverAt({ ...clock, speed: 60 }, deviceMs(2_000))).toBe(T0 + 60_000);
  });

  it('takes the server as answering halfway through the round trip', () => {
    const s = sampleOffset(serverMs(T0 + 1_000), deviceMs(T0), deviceMs(T0 + 200));
    expect(s).toEqual({ offset: 900, rtt: 200, mid: T0 + 100 });
    expect(serverAt(pinnedBy(s, 1), deviceMs(T0 + 100))).toBe(T0 + 1_000);
  });

  it('trusts the sample with the shortest round trip', () => {
    const slow = sampleOffset(serverMs(T0), deviceMs(0), deviceMs(300));
    const fast = sampleOffset(serverMs(T0), deviceMs(0), deviceMs(40));
    expect(bestSample([slow, fast, slow])).toBe(fast);
    expect(bestSample([])).toBeNull();
  });
});
