import type { ProvinceKind } from '../../../shared/provinces';

/**
 * Whether the server runs for a province or a centrally-run city, learnt from the directory: the words
 * say "tỉnh" until then, and "thành phố" for Hà Nội, Hải Phòng, Huế, Đà Nẵng, Hồ Chí Minh and Cần Thơ.
 * A rune, so every word already on screen re-reads itself when the answer comes.
 */
class Place {
  kind = $state<ProvinceKind>('province');
}

export const place = new Place();
