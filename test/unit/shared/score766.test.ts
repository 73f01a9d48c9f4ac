import { describe, expect, it } from 'vitest';
import { KPIS, KPI_BY_ID } from '../../../shared/kpis';
import { BANDS, GROUPS_766, INDICATORS_766, band766, score766, shownScore } from '../../../shared/score766';

/** Every scored KPI exactly at its target: full points everywhere. */
const atTarget = (id: string) => KPI_BY_ID.get(id)?.target ?? null;
const none = () => null;

describe('GROUPS_766', () => {
  it('holds every catalogue KPI that earns 766 points, each in one group, for 62 points in all', () => {
    const scored = KPIS.filter((k) => k.points766 !== undefined).map((k) => k.id);
    const grouped = GROUPS_766.flatMap((g) => g.kpiIds);
    expect([...grouped].sort()).toEqual([...scored].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
    expect(score766(atTarget).max).toBe(62);
  });

  it('names each group in Vietnamese and English', () => {
    expect(GROUPS_766.map((g) => g.vi)).toEqual([
      'Công khai, minh bạch',
      'Tiến độ, kết quả giải quyết',
      'Cung cấp dịch vụ trực tuyến',
      'Mức độ hài lòng',
      'Số hóa hồ sơ',
    ]);
    for (const g of GROUPS_766) expect(g.en.length).toBeGreaterThan(0);
  });
});

describe('the total as an estimate over the indicators it covers', () => {
  it("lists the decision's ten indicators of KPIS.md, every scored one among them", () => {
    expect(INDICATORS_766).toHaveLength(10);
    expect(new Set(INDICATORS_766).size).toBe(10);
    for (const id of INDICATORS_766) expect(KPI_BY_ID.has(id)).toBe(true);
    for (const id of GROUPS_766.flatMap((g) => g.kpiIds)) expect(INDICATORS_766).toContain(id);
    // Shown in the decision's list without points the wall can source.
    expect(INDICATORS_766.filter((id) => KPI_BY_ID.get(id)?.points766 === undefined).sort()).toEqual([
      'avgResolutionHours',
      'onlineShare',
    ]);
  });

  it('counts the scored indicators with data, out of the ten: 8/10 at most, never 8/8', () => {
    expect(score766(atTarget).coverage).toEqual({ covered: 8, of: 10 });
    const five = new Set(['syncRate', 'onTimeRate', 'fullOnlineShare', 'satisfaction', 'digitisedRate']);
    expect(score766((id) => (five.has(id) ? atTarget(id) : null)).coverage).toEqual({ covered: 5, of: 10 });
    // A rate of 0 is data (it scores nothing, but it was measured); no value is not.
    expect(
      score766((id) => (id === 'reuseRate' ? 0 : id === 'eResultRate' ? null : atTarget(id))).coverage,
    ).toEqual({ covered: 7, of: 10 });
    expect(score766(none).coverage).toEqual({ covered: 0, of: 10 });
  });
});

describe(score766.name, () => {
  it('gives full points to a rate that meets its target, and 100 on the scale', () => {
    const s = score766(atTarget);
    expect(s.total).toBe(62);
    expect(s.score100).toBe(100);
    expect(s.band?.vi).toBe('Xuất sắc');
    expect(s.withData).toBe(8);
    expect(s.kpiCount).toBe(8);
    for (const g of s.groups) expect(g.points).toBe(g.max);
  });

  it('gives R/T × max below the target', () => {
    // On-time 0.49 against 0.98 is half the target: 10 of 20 points.
    const s = score766((id) => (id === 'onTimeRate' ? 0.49 : atTarget(id)));
    const progress = s.groups.find((g) => g.id === 'progress')!;
    expect(progress.points).toBeCloseTo(10);
    expect(progress.max).toBe(20);
    expect(progress.kpis[0]?.met).toBe(false);
    expect(s.total).toBeCloseTo(52);
    expect(s.score100).toBeCloseTo((52 / 62) * 100);
  });

  it('sums a group over its KPIs', () => {
    // fullOnline 0.35 of 0.7 → 6 of 12; onlinePayment at target → 6 of 6.
    const s = score766((id) => (id === 'fullOnlineShare' ? 0.35 : atTarget(id)));
    const online = s.groups.find((g) => g.id === 'online')!;
    expect(online.points).toBeCloseTo(12);
    expect(online.max).toBe(18);
  });

  it('scores nothing for a KPI with no value, marks it, and counts the KPIs that had data', () => {
    const s = score766((id) => (id === 'eResultRate' ? null : atTarget(id)));
    const k = s.groups.flatMap((g) => g.kpis).find((k) => k.def.id === 'eResultRate')!;
    expect(k).toMatchObject({ value: null, points: 0, hasData: false, met: null, max: 6 });
    expect(s.total).toBe(56);
    expect(s.max).toBe(62);
    expect(s.withData).toBe(7);
  });

  it('gives no band when no KPI has data', () => {
    const s = score766(none);
    expect(s.total).toBe(0);
    expect(s.withData).toBe(0);
    expect(s.band).toBeNull();
  });

  it('uses configured targets over the catalogue defaults', () => {
    const s = score766((id) => (id === 'onTimeRate' ? 0.9 : atTarget(id)), { onTimeRate: 0.9 });
    expect(s.total).toBe(62);
  });
});

describe(band766.name, () => {
  it('is "Xuất sắc" from 90, "Tốt" from 80, and only "below Good" under it', () => {
    expect(band766(100).vi).toBe('Xuất sắc');
    expect(band766(90).vi).toBe('Xuất sắc');
    expect(band766(89.99).vi).toBe('Tốt');
    expect(band766(80)).toEqual({ id: 'good', vi: 'Tốt', en: 'Good' });
    expect(band766(79.9)).toEqual({ id: 'belowGood', vi: 'Dưới mức Tốt', en: 'Below Good' });
    expect(band766(0).id).toBe('belowGood');
    expect(BANDS).toHaveLength(3);
  });

  it('puts a score that lands on a boundary through float arithmetic in the higher band', () => {
    // 55.8 of 62 is exactly 90 points; in floats it can come out a hair under.
    const s = score766((id) => (id === 'onTimeRate' ? (0.98 * 13.8) / 20 : atTarget(id)));
    expect(s.total).toBeCloseTo(55.8);
    expect(s.score100).toBe(90);
    expect(s.band?.id).toBe('excellent');
  });
});

describe(shownScore.name, () => {
  it('cuts to one decimal, never rounding up into a band not reached', () => {
    expect(shownScore(89.97)).toBe(89.9);
    expect(shownScore(90)).toBe(90);
    expect(shownScore(72.349)).toBe(72.3);
  });
});
