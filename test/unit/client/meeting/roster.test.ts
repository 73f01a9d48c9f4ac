import { describe, expect, it } from 'vitest';
import {
  fromLocalInput,
  handOverCandidates,
  heartbeatAgeS,
  summarise,
  toLocalInput,
  type RosterPoint,
} from '../../../../client/meeting/roster';
import type { Roster } from '../../../../shared/meeting';

const T0 = Date.UTC(2025, 10, 12, 7, 0, 0);
const point = (over: Partial<RosterPoint> = {}): RosterPoint => ({
  id: 's1',
  actor: 'loopback',
  name: 'UBND xã Phú Cát',
  delegates: 20,
  lastSeen: T0,
  rttMs: 12,
  appliedSeq: 4,
  readySeq: 4,
  dropped: false,
  ...over,
});
const roster = (points: RosterPoint[]): Roster => ({
  meetingId: 'm1',
  serverTime: T0,
  points,
  delegates: 0,
});

describe(summarise.name, () => {
  it('counts the connected points, their delegates and those showing the current change', () => {
    const r = roster([
      point({ id: 'a', delegates: 20, appliedSeq: 4 }),
      point({ id: 'b', delegates: 35, appliedSeq: 3, readySeq: 3 }),
      point({ id: 'c', delegates: 50, appliedSeq: 4, dropped: true }),
    ]);
    expect(summarise(r, 4)).toEqual({ online: 2, dropped: 1, delegates: 55, applied: 1, ready: 1 });
  });
  it('counts as ready the points holding the data of a change not yet applied', () => {
    const r = roster([
      point({ id: 'a', appliedSeq: 4, readySeq: 5 }),
      point({ id: 'b', appliedSeq: 4, readySeq: 4 }),
      point({ id: 'c', appliedSeq: 4, readySeq: 5, dropped: true }),
    ]);
    expect(summarise(r, 5)).toMatchObject({ online: 2, applied: 0, ready: 1 });
  });
  it('is all zeros before the roster arrives', () => {
    expect(summarise(null, 1)).toEqual({ online: 0, dropped: 0, delegates: 0, applied: 0, ready: 0 });
  });
});

describe(handOverCandidates.name, () => {
  it('offers the connected people other than the presenter, once each', () => {
    const points = [
      point({ id: 'a', actor: 'user:chu.tich', name: 'Chủ tịch' }),
      point({ id: 'b', actor: 'user:pho.ct', name: 'Phó chủ tịch' }),
      point({ id: 'b2', actor: 'user:pho.ct', name: 'Phó chủ tịch' }),
      point({ id: 'c', actor: 'device:x1', name: 'Phòng họp xã' }),
      point({ id: 'd', actor: 'user:vang', name: 'Vắng', dropped: true }),
      point({ id: 'e', name: 'Không rõ' }),
    ];
    expect(handOverCandidates(points, 'user:chu.tich')).toEqual([
      { actor: 'user:pho.ct', name: 'Phó chủ tịch' },
    ]);
  });
});

describe(heartbeatAgeS.name, () => {
  it('is in real seconds, whatever the speed of the server’s clock', () => {
    expect(heartbeatAgeS({ lastSeen: T0 - 3_500 }, T0)).toBe(3);
    expect(heartbeatAgeS({ lastSeen: T0 - 180_000 }, T0, 60)).toBe(3);
    expect(heartbeatAgeS({ lastSeen: T0 + 50 }, T0)).toBe(0);
  });
});

describe('start times in the province’s time', () => {
  it('round-trips a datetime-local value at UTC+7', () => {
    expect(toLocalInput(T0)).toBe('2025-11-12T14:00');
    expect(fromLocalInput('2025-11-12T14:00')).toBe(T0);
    expect(fromLocalInput('14:00')).toBeNull();
  });
});
