import { describe, expect, it } from 'vitest';
import { DEFAULT_HEAP_POLICY, heapVerdict } from '../../../../client/wall/heap-watchdog';
import { DEFAULT_DIM, parsePageOptions } from '../../../../client/wall/page-options';
import { SHIFT_EVERY_MS, isNight, pixelShift, shiftAmplitude } from '../../../../client/wall/panel-care';

const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00+07:00`);
const MB = 2 ** 20;

describe(parsePageOptions.name, () => {
  it('rotates, shows controls and dims at night by default', () => {
    expect(parsePageOptions('')).toEqual({
      pin: null,
      kiosk: false,
      mapKpi: 'onTimeRate',
      dim: DEFAULT_DIM,
      scope: 'province',
      period: 'today',
    });
  });

  it('reads a pinned scene, kiosk mode, the map KPI and a night window', () => {
    expect(parsePageOptions('?scene=map&kiosk&kpi=open.late&dim=23:00-05:30')).toEqual({
      pin: 'map',
      kiosk: true,
      mapKpi: 'open.late',
      dim: { from: 23 * 60, to: 5 * 60 + 30 },
      scope: 'province',
      period: 'today',
    });
  });

  it('ignores an unknown scene, turns dimming off on request and keeps the default for a bad window', () => {
    expect(parsePageOptions('?scene=weather').pin).toBeNull();
    expect(parsePageOptions('?dim=off').dim).toBeNull();
    expect(parsePageOptions('?dim=25:00-06:00').dim).toEqual(DEFAULT_DIM);
    expect(parsePageOptions('?kiosk=false').kiosk).toBe(false);
  });
});

describe(pixelShift.name, () => {
  it('moves the picture a few pixels every few minutes and comes back home', () => {
    const t0 = Math.floor(at('10:00') / (SHIFT_EVERY_MS * 9)) * SHIFT_EVERY_MS * 9;
    const positions = Array.from({ length: 10 }, (_, i) => pixelShift(t0 + i * SHIFT_EVERY_MS, 2));
    expect(positions[0]).toEqual({ x: 0, y: 0 });
    expect(new Set(positions.slice(0, 9).map((p) => `${p.x},${p.y}`)).size).toBe(9);
    expect(positions[9]).toEqual(positions[0]);
    for (const p of positions) expect(Math.max(Math.abs(p.x), Math.abs(p.y))).toBeLessThanOrEqual(2);
    expect(pixelShift(t0 + SHIFT_EVERY_MS - 1, 2)).toEqual(positions[0]);
  });

  it('scales the amplitude with the panel: 2 px on 1080p, 4 px on 4K', () => {
    expect(shiftAmplitude(1080)).toBe(2);
    expect(shiftAmplitude(2160)).toBe(4);
    expect(shiftAmplitude(600)).toBe(2);
  });
});

describe(isNight.name, () => {
  it('covers a window that crosses midnight, in Hà Nội time', () => {
    expect(isNight(at('23:30'), DEFAULT_DIM)).toBe(true);
    expect(isNight(at('05:59'), DEFAULT_DIM)).toBe(true);
    expect(isNight(at('06:00'), DEFAULT_DIM)).toBe(false);
    expect(isNight(at('14:00'), DEFAULT_DIM)).toBe(false);
    expect(isNight(at('12:30'), { from: 12 * 60, to: 13 * 60 })).toBe(true);
    expect(isNight(at('23:30'), null)).toBe(false);
  });
});

describe(heapVerdict.name, () => {
  const p = DEFAULT_HEAP_POLICY;
  it('leaves a page within its bound alone', () => {
    expect(heapVerdict(100 * MB, at('03:30'), p)).toBe('ok');
    expect(heapVerdict(null, at('03:30'), p)).toBe('ok');
  });

  it('waits for the quiet hour to reload a page past its bound', () => {
    expect(heapVerdict(500 * MB, at('14:00'), p)).toBe('wait');
    expect(heapVerdict(500 * MB, at('03:30'), p)).toBe('reload');
  });

  it('reloads at once when the heap is far past the bound', () => {
    expect(heapVerdict(1100 * MB, at('14:00'), p)).toBe('reload');
  });
});
