import { describe, expect, it } from 'vitest';
import {
  COMPARABLE_KPIS,
  countersUntil,
  formulaFields,
  valuesUntil,
  basisKey,
} from '../../../shared/compare';
import { MINUTE_COUNTERS } from '../../../shared/counters';
import { KPI_BY_ID } from '../../../shared/kpis';

describe('COMPARABLE_KPIS', () => {
  it('holds exactly the KPIs whose formula reads only minute counters', () => {
    expect(COMPARABLE_KPIS.map((k) => k.id).sort()).toEqual(
      ['onlineShare', 'payments.amount', 'payments.count', 'received', 'received.online'].sort(),
    );
  });

  it('leaves out a KPI that reads any counter not kept per minute', () => {
    const ids = new Set<string>(COMPARABLE_KPIS.map((k) => k.id));
    // Open counts at t, day-only counters, task counts: none can be rebuilt at a minute of yesterday.
    for (const id of ['onTimeRate', 'fullOnlineShare', 'satisfaction', 'avgResolutionHours', 'tasks.overdue'])
      expect(ids.has(id)).toBe(false);
    const minute = new Set<string>(MINUTE_COUNTERS);
    for (const k of COMPARABLE_KPIS) expect(formulaFields(k.formula).every((f) => minute.has(f))).toBe(true);
  });
});

describe(formulaFields.name, () => {
  it('lists the counters of each kind of formula', () => {
    const fields = (id: string) => {
      const def = KPI_BY_ID.get(id);
      if (!def) throw new Error(`no KPI ${id}`);
      return formulaFields(def.formula);
    };
    expect(fields('received')).toEqual(['received']);
    expect(fields('onlineShare')).toEqual(['online', 'received']);
    expect(fields('avgResolutionHours')).toEqual([
      'resolveMs',
      'resolvedEarly',
      'resolvedOnDue',
      'resolvedLate',
    ]);
    expect(fields('satisfaction')).toContain('disliked');
  });
});

describe(countersUntil.name, () => {
  const minutes = {
    '0.received': 2,
    '0.online': 1,
    '490.received': 3,
    '490.online': 3,
    '599.paymentsVnd': 50_000,
    '599.payments': 1,
    '600.received': 4,
    '900.received': 5,
    '900.resolved': 2,
  };

  it('sums each counter from minute 0 up to and including the given minute', () => {
    expect(countersUntil(minutes, 599)).toEqual({
      received: 5,
      online: 4,
      payments: 1,
      paymentsVnd: 50_000,
    });
    expect(countersUntil(minutes, 600)).toMatchObject({ received: 9 });
    expect(countersUntil(minutes, 1439)).toMatchObject({ received: 14, resolved: 2 });
  });

  it('gives nothing before the first bucket, and nothing from an empty day', () => {
    expect(countersUntil({ '10.received': 1 }, 9)).toEqual({});
    expect(countersUntil({}, 1439)).toEqual({});
  });

  it('ignores fields that are not a minute bucket of a known counter', () => {
    expect(
      countersUntil({ 'x.received': 1, '5.unknown': 1, '.received': 1, '-1.received': 1 }, 1439),
    ).toEqual({});
  });
});

describe(valuesUntil.name, () => {
  it('evaluates every comparable KPI with the catalogue formula', () => {
    const v = valuesUntil({ '480.received': 4, '480.online': 1, '700.received': 6, '700.online': 6 }, 600);
    expect(v.get('received')).toMatchObject({ value: 4, num: 4, den: null });
    expect(v.get('onlineShare')).toMatchObject({ value: 0.25, num: 1, den: 4 });
    expect(v.get('payments.count')).toMatchObject({ value: 0 });
    expect([...v.keys()].sort()).toEqual(COMPARABLE_KPIS.map((k) => k.id).sort());
  });

  it('has no online share before anything was received', () => {
    expect(valuesUntil({}, 600).get('onlineShare')).toMatchObject({ value: null, num: 0, den: 0 });
  });
});

describe(basisKey.name, () => {
  it('names a province key of the feed', () => {
    expect(basisKey('onlineShare')).toBe('province|basis.onlineShare');
  });
});
