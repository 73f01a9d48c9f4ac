import { describe, expect, it } from 'vitest';
import {
  crumbsOf,
  drillInto,
  drillSearch,
  HOME,
  readDrill,
  sameDrill,
  scopeId,
  scopeKind,
  upTo,
  type DrillState,
} from '../../../../client/tablet/route';

const commune: DrillState = { scope: 'commune:00004', via: null, period: '30d' };

describe(readDrill.name, () => {
  it('reads the place and period of a shared link', () => {
    expect(readDrill('?scope=commune:00004&period=30d')).toEqual(commune);
    expect(readDrill('?scope=commune%3A00004&period=30d')).toEqual(commune);
  });

  it('opens the province today for an empty or unreadable address', () => {
    expect(readDrill('')).toEqual(HOME);
    expect(readDrill('?scope=commune:4&period=decade')).toEqual(HOME);
    expect(readDrill('?scope=drop%20table')).toEqual(HOME);
  });

  it('keeps the commune passed through only on the way to an agency', () => {
    expect(readDrill('?scope=agency:so-tu-phap&via=commune:00004').via).toBe('commune:00004');
    expect(readDrill('?scope=commune:00007&via=commune:00004').via).toBeNull();
    expect(readDrill('?scope=agency:so-tu-phap&via=agency:so-y-te').via).toBeNull();
  });
});

describe(drillSearch.name, () => {
  it('writes the scope readably, and keeps the language and other parameters', () => {
    expect(drillSearch(commune, '?lang=en&scope=province')).toBe('?scope=commune:00004&period=30d&lang=en');
  });

  it('round-trips through readDrill', () => {
    const s: DrillState = { scope: 'agency:so-tu-phap', via: 'commune:00004', period: 'year' };
    expect(drillSearch(s)).toBe('?scope=agency:so-tu-phap&period=year&via=commune:00004');
    expect(readDrill(drillSearch(s))).toEqual(s);
  });
});

describe(drillInto.name, () => {
  it('remembers the commune when an agency is opened from it', () => {
    expect(drillInto(commune, 'agency:so-tu-phap')).toEqual({
      scope: 'agency:so-tu-phap',
      via: 'commune:00004',
      period: '30d',
    });
  });

  it('starts afresh otherwise, keeping the period', () => {
    expect(drillInto(HOME, 'agency:so-y-te')).toEqual({
      scope: 'agency:so-y-te',
      via: null,
      period: 'today',
    });
    const agency = drillInto(commune, 'agency:so-tu-phap');
    expect(drillInto(agency, 'commune:00007')).toEqual({ scope: 'commune:00007', via: null, period: '30d' });
  });
});

describe(crumbsOf.name, () => {
  it('lists the province, the commune passed through, and the place shown', () => {
    expect(crumbsOf(HOME)).toEqual(['province']);
    expect(crumbsOf(commune)).toEqual(['province', 'commune:00004']);
    expect(crumbsOf(drillInto(commune, 'agency:x1'))).toEqual(['province', 'commune:00004', 'agency:x1']);
  });
});

describe(upTo.name, () => {
  it('goes back up to a crumb, keeping the period', () => {
    const agency = drillInto(commune, 'agency:x1');
    expect(upTo(agency, 'commune:00004')).toEqual(commune);
    expect(upTo(agency, 'province')).toEqual({ ...HOME, period: '30d' });
    expect(sameDrill(upTo(agency, 'agency:x1'), agency)).toBe(true);
  });
});

describe(scopeKind.name, () => {
  it('names the screen of a scope, and scopeId its code', () => {
    expect(scopeKind('province')).toBe('province');
    expect(scopeKind('commune:00004')).toBe('commune');
    expect(scopeKind('agency:so-y-te')).toBe('agency');
    expect(scopeId('commune:00004')).toBe('00004');
    expect(scopeId('province')).toBe('');
  });
});
