import { describe, expect, it } from 'vitest';
import { communeOf, parsePageOptions } from '../../../../client/wall/page-options';
import { PERIODS } from '../../../../shared/periods';

describe('the wall address: ?scope= and ?period=', () => {
  it('shows the whole province, today, when the address names neither', () => {
    const o = parsePageOptions('?scene=map&kiosk');
    expect(o.scope).toBe('province');
    expect(o.period).toBe('today');
  });

  it('reads a commune, an agency and the province', () => {
    expect(parsePageOptions('?scope=commune:10210').scope).toBe('commune:10210');
    expect(parsePageOptions('?scope=agency:sotp').scope).toBe('agency:sotp');
    expect(parsePageOptions('?scope=province').scope).toBe('province');
  });

  it('falls back to the province on a malformed scope, never to half of one', () => {
    for (const bad of [
      'commune:123',
      'commune:1021x',
      'commune:',
      'agency:',
      'agency:a b',
      'district:1',
      'x:y:z',
      '',
    ]) {
      expect(parsePageOptions(`?scope=${encodeURIComponent(bad)}`).scope, bad).toBe('province');
    }
  });

  it('reads every period the wall knows and falls back to today on any other', () => {
    for (const p of PERIODS) expect(parsePageOptions(`?period=${p}`).period).toBe(p);
    for (const bad of ['week', '7D', '', 'today ']) {
      expect(parsePageOptions(`?period=${encodeURIComponent(bad)}`).period, bad).toBe('today');
    }
  });

  it('gives the map its focus only for a commune scope', () => {
    expect(communeOf('commune:10210')).toBe('10210');
    expect(communeOf('province')).toBeNull();
    expect(communeOf('agency:sotp')).toBeNull();
  });
});
