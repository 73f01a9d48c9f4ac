import { describe, expect, it } from 'vitest';
import { freshness } from '../../../../../client/wall/freshness';
import { FeedCore } from '../../../../../client/lib/net/feed-core';
import type { DayKey } from '../../../../../shared/brand';
import type { Frame, KpiKey, Snapshot, WireKpi } from '../../../../../shared/socket';

const day = '2025-11-12' as DayKey;
const snapshot = (epoch: string, seq: number, kpis: Record<string, WireKpi> = {}): Snapshot => ({
  feed: 'province',
  epoch,
  seq,
  serverTime: 1_000 + seq,
  day,
  kpis: kpis as Record<KpiKey, WireKpi>,
  sources: { one_stop: 500, payments: 400, tasks: null },
});
const frame = (
  epoch: string,
  seq: number,
  kpis: Record<string, WireKpi> = {},
  sources?: Frame['sources'],
): Frame => ({
  feed: 'province',
  epoch,
  seq,
  serverTime: 1_000 + seq,
  day,
  kpis: kpis as Record<KpiKey, WireKpi>,
  ...(sources ? { sources } : {}),
});
const received = (n: number): WireKpi => [n, n, null];

/** A core that has subscribed and taken a snapshot of epoch "A" at seq 10 with received = 100. */
function live() {
  const sut = new FeedCore('province');
  sut.request();
  sut.reply({ kind: 'snapshot', snapshot: snapshot('A', 10, { 'province|received': received(100) }) });
  return sut;
}

describe(FeedCore.name, () => {
  describe('request()', () => {
    it('subscribes without resume before it has any data', () => {
      expect(new FeedCore('province').request()).toEqual({ feed: 'province' });
    });

    it('resumes from the last applied frame once it has data', () => {
      const sut = live();
      sut.frame(frame('A', 11, { 'province|received': received(101) }));
      expect(sut.request()).toEqual({ feed: 'province', resume: { epoch: 'A', seq: 11 } });
    });
  });

  describe('reply(snapshot)', () => {
    it('replaces every value, the sources and the position', () => {
      const sut = live();
      sut.request();
      const r = sut.reply({
        kind: 'snapshot',
        snapshot: snapshot('B', 3, { 'province|onTimeRate': [0.98, 98, 100] }),
      });
      expect(r).toBe('applied');
      expect(sut.epoch).toBe('B');
      expect(sut.seq).toBe(3);
      expect(sut.kpis.get('province|received')).toBeUndefined();
      expect(sut.kpis.get('province|onTimeRate')).toEqual([0.98, 98, 100]);
      expect(sut.sources).toEqual({ one_stop: 500, payments: 400, tasks: null });
      expect(sut.hasData).toBe(true);
      expect(sut.pending).toBe(false);
    });
  });

  describe('frame(f)', () => {
    it('applies in-order frames, changing only the KPIs and sources they carry', () => {
      const sut = live();
      expect(sut.frame(frame('A', 11, { 'province|onlineShare': [0.3, 3, 10] }, { one_stop: 900 }))).toBe(
        'applied',
      );
      expect(sut.frame(frame('A', 12, { 'province|received': received(102) }))).toBe('applied');
      expect(sut.seq).toBe(12);
      expect(sut.serverTime).toBe(1_012);
      expect(sut.kpis.get('province|received')).toEqual(received(102));
      expect(sut.kpis.get('province|onlineShare')).toEqual([0.3, 3, 10]);
      expect(sut.sources).toEqual({ one_stop: 900, payments: 400, tasks: null });
    });

    it('ignores a duplicate or older frame', () => {
      const sut = live();
      sut.frame(frame('A', 11, { 'province|received': received(101) }));
      expect(sut.frame(frame('A', 11, { 'province|received': received(999) }))).toBe('old');
      expect(sut.frame(frame('A', 5, { 'province|received': received(5) }))).toBe('old');
      expect(sut.kpis.get('province|received')).toEqual(received(101));
    });

    it('reports a gap and applies nothing when a frame is missing', () => {
      const sut = live();
      expect(sut.frame(frame('A', 12, { 'province|received': received(102) }))).toBe('gap');
      expect(sut.seq).toBe(10);
      expect(sut.kpis.get('province|received')).toEqual(received(100));
    });

    it('reports a gap on a frame of another epoch (the hub restarted)', () => {
      const sut = live();
      expect(sut.frame(frame('B', 11))).toBe('gap');
      expect(sut.epoch).toBe('A');
    });

    it('reports a gap for a frame before any snapshot', () => {
      expect(new FeedCore('province').frame(frame('A', 1))).toBe('gap');
    });

    it('ignores frames of another feed', () => {
      const sut = live();
      expect(sut.frame({ ...frame('A', 11), feed: 'units' })).toBe('old');
      expect(sut.seq).toBe(10);
    });
  });

  describe('after a gap', () => {
    it('asks to resume from the last frame it applied', () => {
      const sut = live();
      sut.frame(frame('A', 11));
      expect(sut.frame(frame('A', 14))).toBe('gap');
      expect(sut.request()).toEqual({ feed: 'province', resume: { epoch: 'A', seq: 11 } });
    });

    it('applies a replay of the missed frames in order, then the frames held meanwhile', () => {
      const sut = live();
      expect(sut.frame(frame('A', 13, { 'province|received': received(103) }))).toBe('gap');
      sut.request();
      expect(sut.frame(frame('A', 14, { 'province|received': received(104) }))).toBe('held');
      const r = sut.reply({
        kind: 'replay',
        frames: [
          frame('A', 11, { 'province|received': received(101) }),
          frame('A', 12, { 'province|received': received(102) }),
          frame('A', 13, { 'province|received': received(103) }),
        ],
      });
      expect(r).toBe('applied');
      expect(sut.seq).toBe(14);
      expect(sut.kpis.get('province|received')).toEqual(received(104));
    });

    it('takes a snapshot when the hub has moved to another epoch', () => {
      const sut = live();
      expect(sut.frame(frame('B', 1))).toBe('gap');
      expect(sut.request()).toEqual({ feed: 'province', resume: { epoch: 'A', seq: 10 } });
      sut.frame(frame('B', 3, { 'province|received': received(7) }));
      const r = sut.reply({
        kind: 'snapshot',
        snapshot: snapshot('B', 2, { 'province|received': received(6) }),
      });
      expect(r).toBe('applied');
      expect(sut.epoch).toBe('B');
      expect(sut.seq).toBe(3);
      expect(sut.kpis.get('province|received')).toEqual(received(7));
    });

    it('drops held frames the snapshot already covers', () => {
      const sut = live();
      sut.request();
      expect(sut.frame(frame('A', 11, { 'province|received': received(1) }))).toBe('held');
      sut.reply({ kind: 'snapshot', snapshot: snapshot('A', 12, { 'province|received': received(12) }) });
      expect(sut.seq).toBe(12);
      expect(sut.kpis.get('province|received')).toEqual(received(12));
    });

    it('asks again when the replay itself has a hole', () => {
      const sut = live();
      sut.request();
      const r = sut.reply({ kind: 'replay', frames: [frame('A', 11), frame('A', 13)] });
      expect(r).toBe('gap');
      expect(sut.seq).toBe(11);
      expect(sut.request()).toEqual({ feed: 'province', resume: { epoch: 'A', seq: 11 } });
    });
  });

  describe('abandon()', () => {
    it('keeps the last numbers when the connection drops, and resumes from them', () => {
      const sut = live();
      sut.request();
      sut.frame(frame('A', 11));
      sut.abandon();
      expect(sut.pending).toBe(false);
      expect(sut.kpis.get('province|received')).toEqual(received(100));
      expect(sut.request()).toEqual({ feed: 'province', resume: { epoch: 'A', seq: 10 } });
    });
  });

  describe('snapshot(s)', () => {
    it('takes a pushed snapshot that is newer, ignores one that is older', () => {
      const sut = live();
      expect(sut.snapshot(snapshot('A', 9, { 'province|received': received(1) }))).toBe('old');
      expect(sut.snapshot(snapshot('A', 20, { 'province|received': received(120) }))).toBe('applied');
      expect(sut.seq).toBe(20);
      expect(sut.kpis.get('province|received')).toEqual(received(120));
    });
  });
});

describe(freshness.name, () => {
  const now = 10 * 3_600_000;
  const oneStop = { sources: ['one_stop'] as const };
  const both = { sources: ['one_stop', 'payments'] as const };

  it('is fresh while every source spoke within its budget', () => {
    expect(freshness(oneStop, { one_stop: now - 60_000 }, now)).toBe('fresh');
  });
  it('turns amber past the amber budget, red past the red budget', () => {
    expect(freshness(oneStop, { one_stop: now - 6 * 60_000 }, now)).toBe('amber');
    expect(freshness(oneStop, { one_stop: now - 16 * 60_000 }, now)).toBe('red');
  });
  it('takes the worst of the sources, and a source never heard is silent', () => {
    expect(freshness(both, { one_stop: now, payments: now - 6 * 60_000 }, now)).toBe('amber');
    expect(freshness(both, { one_stop: now, payments: null }, now)).toBe('red');
    expect(freshness(both, { one_stop: now }, now)).toBe('red');
  });
});
