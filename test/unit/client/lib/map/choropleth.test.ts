import { describe, expect, it } from 'vitest';
import {
  choroplethFor,
  classOf,
  colourOf,
  legendOf,
  NO_DATA_COLOUR,
  type Choropleth,
} from '../../../../../client/lib/map/choropleth';
import { KPI_BY_ID, type KpiDef } from '../../../../../shared/kpis';

const kpi = (id: string) => KPI_BY_ID.get(id) as KpiDef;
const onTime = kpi('onTimeRate'); // percent, target 98%
const late = kpi('open.late'); // count, target 0, lower is better
const received = kpi('received'); // count, no target

describe(choroplethFor.name, () => {
  it('splits a percent KPI at fixed points below its target: −10, −5 points and the target', () => {
    const sut = choroplethFor(onTime);
    expect(sut.breaks).toEqual([0.88, 0.93, 0.98]);
    expect(sut.colours).toHaveLength(4);
  });

  it('keeps percent breaks whatever the values, so a colour means the same every day', () => {
    expect(choroplethFor(onTime, [0.1, 0.2])).toEqual(choroplethFor(onTime, [0.99, 1]));
  });

  it('keeps the breaks increasing for a target of 100%', () => {
    expect(choroplethFor(kpi('syncRate')).breaks).toEqual([0.9, 0.95, 1]);
  });

  it('gives late dossiers a class of their own for 0 and nice round breaks for the rest', () => {
    const sut = choroplethFor(late, [0, 0, 0, 1, 2, 3, 4, 7, 9, 12, 30]);
    expect(sut.breaks[0]).toBe(1);
    expect(sut.breaks.slice(1).every((b) => [1, 2, 5].includes(b / 10 ** Math.floor(Math.log10(b))))).toBe(
      true,
    );
    expect(sut.breaks).toEqual([...sut.breaks].sort((a, b) => a - b));
  });

  it('with no late dossiers anywhere, still colours 0 as good', () => {
    const sut = choroplethFor(late, [0, 0, 0]);
    expect(colourOf(sut, 0)).toBe(choroplethFor(onTime).colours.at(-1));
  });

  it('splits a count without a target in quartiles on one hue', () => {
    const sut = choroplethFor(received, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 40, 80, 150]);
    expect(sut.breaks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sut.colours).size).toBe(sut.colours.length);
  });
});

describe(classOf.name, () => {
  const sut: Choropleth = { breaks: [0.88, 0.93, 0.98], colours: ['a', 'b', 'c', 'd'], unit: 'percent' };

  it('puts a value on a break into the class above it (the target is met at the target)', () => {
    expect(classOf(sut, 0.98)).toBe(3);
    expect(classOf(sut, 0.9799)).toBe(2);
    expect(classOf(sut, 0)).toBe(0);
    expect(classOf(sut, 1)).toBe(3);
  });

  it('has no class for no value', () => {
    expect(classOf(sut, null)).toBe(-1);
    expect(classOf(sut, Number.NaN)).toBe(-1);
  });
});

describe(colourOf.name, () => {
  it('colours a missed target red-orange and a met one teal, and no value neutral', () => {
    const sut = choroplethFor(onTime);
    expect(colourOf(sut, 0.5)).toBe('#d7301f');
    expect(colourOf(sut, 0.99)).toBe('#35b6a6');
    expect(colourOf(sut, null)).toBe(NO_DATA_COLOUR);
  });

  it('colours more late dossiers redder', () => {
    const sut = choroplethFor(late, [1, 2, 3, 5, 8, 13, 21]);
    expect(colourOf(sut, 0)).toBe('#35b6a6');
    expect(colourOf(sut, 1000)).toBe('#d7301f');
  });
});

describe(legendOf.name, () => {
  it('words percent classes in Vietnamese, then "no data"', () => {
    expect(legendOf(choroplethFor(onTime), 'vi').map((e) => e.label)).toEqual([
      '< 88,0%',
      '88,0–93,0%',
      '93,0–98,0%',
      '≥ 98,0%',
      'Chưa có số liệu',
    ]);
  });

  it('writes decimals the way each language does', () => {
    const sut: Choropleth = { breaks: [0.925], colours: ['a', 'b'], unit: 'percent' };
    expect(legendOf(sut, 'vi')[0]?.label).toBe('< 92,5%');
    expect(legendOf(sut, 'en')[0]?.label).toBe('< 92.5%');
  });

  it('words count classes as whole ranges: "0", "1–4", "≥ 10"', () => {
    const sut: Choropleth = { breaks: [1, 5, 10], colours: ['a', 'b', 'c', 'd'], unit: 'count' };
    expect(legendOf(sut, 'en').map((e) => e.label)).toEqual(['0', '1–4', '5–9', '≥ 10', 'No data']);
  });

  it('writes what a count counts in every class of a KPI, so the legend has its unit', () => {
    const labels = legendOf(choroplethFor(late, [1, 4, 9]), 'vi').map((e) => e.label);
    expect(labels.slice(0, -1).every((l) => l.endsWith(' hồ sơ'))).toBe(true);
    expect(labels[0]).toBe('0 hồ sơ');
    expect(legendOf(choroplethFor(late, [1, 4, 9]), 'en')[0]?.label).toBe('0 dossiers');
  });

  it("words money classes in millions of đồng, the wall's money unit, not in đồng", () => {
    const amount = kpi('payments.amount');
    const sut = choroplethFor(amount, [400_000, 1_500_000, 4_000_000, 12_000_000]);
    const labels = legendOf(sut, 'vi').map((e) => e.label);
    expect(labels.slice(0, -1).every((l) => l.endsWith(' triệu đồng'))).toBe(true);
    expect(labels[0]).toMatch(/^< [\d,]+ triệu đồng$/);
    expect(
      legendOf(
        { breaks: [500_000, 5_000_000], colours: ['a', 'b', 'c'], unit: 'count', countUnit: 'vnd' },
        'vi',
      ).map((e) => e.label),
    ).toEqual(['< 0,5 triệu đồng', '0,5–5 triệu đồng', '≥ 5 triệu đồng', 'Chưa có số liệu']);
    expect(
      legendOf({ breaks: [500_000], colours: ['a', 'b'], unit: 'count', countUnit: 'vnd' }, 'en')[0]?.label,
    ).toBe('< 0.5 million VND');
  });

  it('groups thousands in counts', () => {
    const sut: Choropleth = { breaks: [1000], colours: ['a', 'b'], unit: 'count' };
    expect(legendOf(sut, 'vi')[1]?.label).toBe('≥ 1.000');
  });

  it('gives every entry a colour, the last one the no-data colour', () => {
    const entries = legendOf(choroplethFor(late, [1, 4, 9]), 'vi');
    expect(entries.at(-1)?.colour).toBe(NO_DATA_COLOUR);
    expect(entries.every((e) => /^#[0-9a-f]{6}$/.test(e.colour))).toBe(true);
  });
});
