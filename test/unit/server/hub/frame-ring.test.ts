import { describe, expect, it } from 'vitest';
import { FrameRing } from '../../../../server/hub/frame-ring';
import type { DayKey } from '../../../../shared/brand';
import type { Frame } from '../../../../shared/socket';

const frame = (seq: number, entries = 1): Frame => ({
  feed: 'province',
  epoch: 'e',
  seq,
  serverTime: 0,
  day: '2026-11-23' as DayKey,
  kpis: Object.fromEntries(Array.from({ length: entries }, (_, i) => [`province|k${i}`, [seq, seq, null]])),
});

describe(FrameRing.name, () => {
  it('gives the frames after a sequence number, in order', () => {
    const ring = new FrameRing(10);
    for (let s = 1; s <= 5; s++) ring.push(frame(s));
    expect(ring.since(2, 5)?.map((f) => f.seq)).toEqual([3, 4, 5]);
    expect(ring.since(5, 5)).toEqual([]);
    expect(ring.since(0, 5)?.map((f) => f.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('answers null when frames the screen needs are gone, so it gets a snapshot instead', () => {
    const ring = new FrameRing(3);
    for (let s = 1; s <= 10; s++) ring.push(frame(s));
    expect(ring.length).toBe(3);
    expect(ring.since(6, 10)).toBeNull();
    expect(ring.since(7, 10)?.map((f) => f.seq)).toEqual([8, 9, 10]);
    expect(ring.since(11, 10)).toBeNull();
  });

  it('stays within its entry budget when frames are large', () => {
    const ring = new FrameRing(1000, 500);
    for (let s = 1; s <= 100; s++) ring.push(frame(s, 100));
    expect(ring.length).toBeLessThanOrEqual(5);
    expect(ring.since(99, 100)?.map((f) => f.seq)).toEqual([100]);
  });
});
