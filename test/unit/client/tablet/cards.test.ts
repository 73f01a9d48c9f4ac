import type { DayKey } from '../../../../shared/brand';
import { describe, expect, it } from 'vitest';
import { cardOf, cardsOf, comparable, CARD_KPIS, type PeriodKpi } from '../../../../client/tablet/cards';
import { kpiDef } from '../../../../shared/kpis';

/** A row of GET /api/v1/kpis/period. */
function row(
  id: string,
  value: number | null,
  previous: number | null,
  parts: Partial<PeriodKpi> = {},
): PeriodKpi {
  const def = kpiDef(id);
  return {
    id,
    label: { vi: def.vi, en: def.en },
    unit: def.unit,
    value,
    numerator: 0,
    denominator: null,
    target: def.target ?? null,
    asOf: null,
    dataFrom: null,
    previous: { value: previous, numerator: 0, denominator: null },
    ...parts,
  };
}

describe(cardOf.name, () => {
  it('writes money in full on the tablet: "… ₫", never "triệu đồng" beside it', () => {
    const card = cardOf(row('payments.amount', 850e6, 0), 'today', 'vi')!;
    expect(`${card.number} ${card.unit}`).toBe('850.000.000 ₫');
    expect(card.previous).toBe('0 ₫');
  });

  it('states a rate with its parts, the previous value, the change in points, and the target', () => {
    const card = cardOf(
      row('onTimeRate', 0.9785, 0.9912, { numerator: 1458, denominator: 1490 }),
      '30d',
      'vi',
    )!;
    expect(card.number).toBe('97,9%');
    expect(card.ratio).toBe('1.458 / 1.490');
    expect(card.previous).toBe('99,1%');
    expect(card.previousIs).toBe('previous');
    expect(card.change).toEqual({ direction: 'down', text: '▼ 1,3 điểm %' });
    expect(card.tone).toBe('worse');
    expect(card.target).toBe('Mục tiêu ≥ 98,0%');
    expect(card.met).toBe(false);
  });

  it('shows "—" for a rate with no denominator, never 0% or 100%, and judges nothing', () => {
    const card = cardOf(row('onlineShare', null, null, { denominator: 0 }), '7d', 'vi')!;
    expect(card.number).toBe('—');
    expect(card.ratio).toBeNull();
    expect(card.previous).toBe('—');
    expect(card.change).toBeNull();
    expect(card.met).toBeNull();
  });

  it('reads fewer late dossiers as better news', () => {
    const card = cardOf(row('open.late', 3, 10), '7d', 'vi')!;
    expect(card.change?.text).toBe('▼ 70%');
    expect(card.tone).toBe('better');
    expect(card.target).toBe('Mục tiêu: 0 hồ sơ');
    expect(card.previousIs).toBe('endOfPrevious');
  });

  it('does not set today so far against all of yesterday for counts, but does for rates and open counts', () => {
    const received = cardOf(row('received', 1200, 3000), 'today', 'vi')!;
    expect(received.change).toBeNull();
    expect(received.previous).toBe('3.000 hồ sơ');
    expect(received.previousIs).toBe('wholeYesterday');
    expect(cardOf(row('onTimeRate', 0.99, 0.98), 'today', 'vi')!.change?.direction).toBe('up');
    const late = cardOf(row('open.late', 5, 4), 'today', 'vi')!;
    expect(late.change?.direction).toBe('up');
    expect(late.previousIs).toBe('endOfYesterday');
  });

  it('uses the target the server sends over the catalogue default', () => {
    expect(cardOf(row('onTimeRate', 0.96, null, { target: 0.95 }), '7d', 'vi')!.met).toBe(true);
  });

  it('does not show satisfaction parts as "so many of so many" (they are late + disliked)', () => {
    expect(
      cardOf(row('satisfaction', 0.9, 0.8, { numerator: 15, denominator: 558 }), '7d', 'vi')!.ratio,
    ).toBeNull();
  });

  it('speaks English when asked', () => {
    const card = cardOf(row('onTimeRate', 0.9912, 0.98), '7d', 'en')!;
    expect(card.label).toBe('On-time or early rate');
    expect(card.number).toBe('99.1%');
    expect(card.change?.text).toBe('▲ 1.1 pts');
  });
});

describe('overdue tasks over a period', () => {
  it("are the count at the period's end, compared with the previous period's end, and say so", () => {
    const card = cardOf(row('tasks.nq57.overdue', 23, 25), '7d', 'vi')!;
    expect(card.number).toBe('23');
    expect(card.atEnd).toBe(true);
    expect(card.previousIs).toBe('endOfPrevious');
    expect(card.change?.direction).toBe('down');
    expect(card.tone).toBe('better');
    // Today a stock is now: nothing to say; a flow over a period is no count at an end.
    expect(cardOf(row('tasks.nq57.overdue', 23, 25), 'today', 'vi')!.atEnd).toBe(false);
    expect(cardOf(row('received', 230, 250), '7d', 'vi')!.atEnd).toBe(false);
  });
});

describe(comparable.name, () => {
  it('holds back only counts of what happened, and only for today', () => {
    expect(comparable(kpiDef('payments.amount'), 'today')).toBe(false);
    expect(comparable(kpiDef('payments.amount'), 'month')).toBe(true);
    expect(comparable(kpiDef('tasks.overdue'), 'today')).toBe(true);
  });
});

describe('cards over history that starts inside the period before', () => {
  it('states no change of a count against a previous period with fewer days of data, and says since when', () => {
    const r = row('received', 66_000, 9_000, { dataFrom: '2026-10-05' as DayKey });
    const card = cardOf(r, '30d', 'vi', '2026-09-26' as DayKey)!;
    expect(card.change).toBeNull();
    expect(card.previousSince).toBe('05/10/2026');
    // A rate over the days there are is still a rate: compared.
    const rate = cardOf(
      row('onTimeRate', 0.99, 0.97, { dataFrom: '2026-10-05' as DayKey }),
      '30d',
      'vi',
      '2026-09-26' as DayKey,
    )!;
    expect(rate.change?.direction).toBe('up');
  });

  it('says there is no data yet, rather than nothing to rate, for a value before its sources spoke', () => {
    const card = cardOf(row('onTimeRate', null, null, { numerator: null, denominator: null }), '7d', 'vi')!;
    expect(card.unknown).toBe(true);
    expect(card.number).toBe('—');
  });
});

describe(cardsOf.name, () => {
  it("keeps the screen's order and leaves out what the answer lacks or the catalogue does not know", () => {
    const rows = [
      row('received', 5, 1),
      row('onTimeRate', 1, 1),
      { ...row('received', 1, 1), id: 'unknown' },
    ];
    expect(cardsOf(rows, 'commune', '7d', 'vi').map((c) => c.id)).toEqual(['onTimeRate', 'received']);
    expect(CARD_KPIS.commune).not.toContain('tasks.overdue');
  });
});
