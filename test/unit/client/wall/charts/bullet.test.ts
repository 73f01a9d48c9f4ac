import { describe, expect, it } from 'vitest';
import { bulletGeometry, bulletStart, bulletTicks } from '../../../../../client/wall/charts/bullet';

describe(bulletStart.name, () => {
  it('starts the track at the round 10% below both value and target, less a margin', () => {
    expect(bulletStart(0.93, 0.98)).toBeCloseTo(0.8);
    expect(bulletStart(0.99, 0.98)).toBeCloseTo(0.9);
    expect(bulletStart(null, 0.98)).toBeCloseTo(0.9);
    expect(bulletStart(0.4, 0.98)).toBeCloseTo(0.3);
  });

  it('never starts below zero', () => {
    expect(bulletStart(0.01, 0.5)).toBe(0);
  });
});

describe(bulletGeometry.name, () => {
  it('places the bar, the target and the zones as fractions of the track', () => {
    const g = bulletGeometry(0.95, 0.98, 0.9);
    expect(g.domain).toEqual([0.9, 1]);
    expect(g.bar).toBeCloseTo(0.5);
    expect(g.target).toBeCloseTo(0.8);
    expect(g.zones).toEqual([
      { kind: 'bad', start: 0, width: g.target },
      { kind: 'good', start: g.target, width: 1 - g.target },
    ]);
    expect(g.met).toBe(false);
  });

  it('says a value at the target meets it', () => {
    expect(bulletGeometry(0.98, 0.98, 0.9).met).toBe(true);
  });

  it('draws no bar without a value, rather than an empty bar read as 0%', () => {
    const g = bulletGeometry(null, 0.98);
    expect(g.bar).toBeNull();
    expect(g.met).toBeNull();
  });

  it('keeps the bar inside the track', () => {
    expect(bulletGeometry(0.5, 0.98, 0.9).bar).toBe(0);
  });

  it('labels the track from its start to 100%, at most 6 ticks', () => {
    expect(bulletGeometry(0.95, 0.98, 0.9).ticks.map((t) => t.value)).toEqual([0.9, 0.95, 1]);
    const wide = bulletGeometry(0.3, 0.98, 0.2).ticks;
    expect(wide.map((t) => t.value)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    expect(wide[0]?.at).toBe(0);
    expect(wide.at(-1)?.at).toBe(1);
  });
});

describe(bulletTicks.name, () => {
  it('uses the finest round step that gives at most 5 steps (6 ticks) and starts on the track start', () => {
    expect(bulletTicks(0.8)).toEqual([0.8, 0.85, 0.9, 0.95, 1]);
    expect(bulletTicks(0.5)).toEqual([0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(bulletTicks(0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('falls back to the two ends when no round step fits', () => {
    expect(bulletTicks(0.3)).toEqual([0.3, 1]);
  });
});
