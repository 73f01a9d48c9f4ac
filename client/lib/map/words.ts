import type { Lang } from '../../../shared/format';
import { lang } from '../i18n';

/** The map scene's own words, Vietnamese first (the page's i18n table is not extended for one scene). */
const WORDS = {
  title: { vi: 'Bản đồ xã, phường', en: 'Communes and wards' },
  synthetic: {
    vi: 'Ranh giới mô phỏng — không chính thức',
    en: 'Simulated boundaries — not official',
  },
  loading: { vi: 'Đang tải bản đồ…', en: 'Loading the map…' },
  mostLate: { vi: 'Nhiều hồ sơ trễ hạn nhất', en: 'Most late dossiers' },
  noLate: { vi: 'Không có hồ sơ trễ hạn', en: 'No late dossiers' },
  lowest: { vi: 'Thấp nhất', en: 'Lowest' },
  highest: { vi: 'Cao nhất', en: 'Highest' },
  noValues: { vi: 'Chưa có số liệu', en: 'No data yet' },
  lateMarker: { vi: 'Số hồ sơ trễ hạn', en: 'Late dossiers' },
  minDossiers: { vi: 'xã có từ {n} hồ sơ', en: 'communes with {n}+ dossiers' },
} satisfies Record<string, Record<Lang, string>>;

/** A word of the map scene in the page's language. */
export const mapWord = (key: keyof typeof WORDS, l: Lang = lang): string => WORDS[key][l];
