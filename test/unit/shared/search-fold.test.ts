import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesSearch } from '../../../shared/search-fold';

describe(matchesSearch.name, () => {
  it('finds a commune typed without diacritics, in any case, word by word', () => {
    expect(matchesSearch('Xã Hồng Vân', 'hong van')).toBe(true);
    expect(matchesSearch('Xã Hồng Vân', 'VAN hong')).toBe(true);
    expect(matchesSearch('Phường Đống Đa', 'dong da')).toBe(true);
    expect(matchesSearch('Xã Hồng Sơn', 'hong van')).toBe(false);
  });
  it('takes an empty query as "everything"', () => {
    expect(matchesSearch('Xã Phú Cát', '   ')).toBe(true);
  });
});

describe(foldForSearch.name, () => {
  it('strips every Vietnamese mark and folds đ', () => {
    expect(foldForSearch('  Ấp  Ễ Ặ Đường  ')).toBe('ap e a duong');
  });
});
