import { describe, expect, it } from 'vitest';
import {
  coverageWords,
  definitionRows,
  rangeWords,
  viewRows,
  asOfWords,
} from '../../../../client/print/report-view';
import type { DayKey } from '../../../../shared/brand';
import type { PeriodResponse } from '../../../../shared/history';
import { KPIS } from '../../../../shared/kpis';

const row = (
  id: string,
  value: number | null,
  numerator: number | null,
  denominator: number | null,
): PeriodResponse['kpis'][number] => {
  const def = KPIS.find((k) => k.id === id)!;
  return {
    id,
    label: { vi: def.vi, en: def.en },
    unit: def.unit,
    value,
    numerator,
    denominator,
    target: def.target ?? null,
    asOf: null,
    dataFrom: '2025-11-01' as DayKey,
    previous: { value: null, numerator: null, denominator: null },
  };
};

const answer = (kpis: PeriodResponse['kpis'], coverage: PeriodResponse['coverage'] = 'full') =>
  ({
    scope: 'province',
    period: '7d',
    from: '2025-11-06',
    to: '2025-11-12',
    previous: { from: '2025-10-30', to: '2025-11-05', coverage: 'full' },
    coverage,
    dataFrom: '2025-11-08',
    serverTime: Date.parse('2025-11-12T14:30:00+07:00'),
    kpis,
  }) as PeriodResponse;

describe('the printed report', () => {
  it('shows the numbers as the API gives them, unknown as "—", with the verdict against the target', () => {
    const rows = viewRows(
      answer([
        row('received', 1243, 1243, null),
        row('onTimeRate', 0.95, 950, 1000),
        row('onTimeRate', null, 0, 0),
      ]),
    );
    expect(rows[0]).toMatchObject({
      value: '1.243 hồ sơ',
      numerator: '1.243 hồ sơ',
      denominator: '—',
      verdict: '—',
    });
    expect(rows[1]).toMatchObject({
      value: '95,0%',
      numerator: '950',
      denominator: '1.000',
      verdict: 'Chưa đạt',
    });
    expect(rows[1]!.target).toBe('≥ 98,0%');
    expect(rows[2]).toMatchObject({ value: '—', verdict: '—', previous: '—' });
  });

  it('defines every indicator it shows: formula, numerator, denominator, target, 766 points', () => {
    const defs = definitionRows(answer([row('received', 1, 1, null), row('onTimeRate', 1, 1, 1)]));
    expect(defs.map((d) => d.id)).toEqual(['received', 'onTimeRate']);
    expect(defs[0]).toMatchObject({
      formula: 'Đếm hồ sơ tiếp nhận',
      numerator: 'hồ sơ tiếp nhận',
      denominator: '—',
    });
    expect(defs[1]!.formula).toContain('÷');
    expect(defs[1]!.numerator).toContain('hồ sơ giải quyết đúng hạn');
    expect(defs[1]!.denominator).toContain('hồ sơ đang xử lý đã quá hạn');
    expect(defs[1]!.points766).toMatch(/^\d+ điểm$/);
    // The task register's counters in words, not their field names.
    const [tasks] = definitionRows(answer([row('tasks.nq57.overdue', 0, 0, null)]));
    expect(tasks).toMatchObject({
      formula: 'Đếm nhiệm vụ NQ 57 quá hạn',
      numerator: 'nhiệm vụ NQ 57 quá hạn',
    });
  });

  it('says the period, the as-of time in Asia/Ho_Chi_Minh, and why a number may be unknown', () => {
    const r = answer([], 'partial');
    expect(rangeWords(r.from, r.to)).toBe('06/11/2025 – 12/11/2025');
    expect(rangeWords(r.to, r.to)).toBe('12/11/2025');
    expect(asOfWords(r.serverTime)).toBe('Số liệu tính đến 14:30, 12/11/2025');
    expect(coverageWords(r)).toBe('Số liệu có từ 08/11/2025: kỳ này chỉ tính từ ngày đó.');
    expect(coverageWords(answer([]))).toBeNull();
  });
});
