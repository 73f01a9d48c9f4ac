import { afterEach, describe, expect, it } from 'vitest';
import { label, place, t } from '../../../../../client/lib/i18n';

describe('words for a centrally-run city', () => {
  afterEach(() => void (place.kind = 'province'));

  it('say "Toàn tỉnh" for a province and "Toàn thành phố" once the directory says city', () => {
    expect(t('wholeProvince')).toBe('Toàn tỉnh');
    place.kind = 'city';
    expect(t('wholeProvince')).toBe('Toàn thành phố');
    expect(t('wholeProvince', undefined, 'en')).toBe('Whole city');
    expect(label({ vi: 'Nhiệm vụ tỉnh', en: 'Provincial' })).toBe('Nhiệm vụ thành phố');
  });
});
