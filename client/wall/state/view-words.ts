import { t } from '../../lib/i18n';

/**
 * A ranking's title under a view other than the province today: the units feed has each unit's own
 * values of today, not an agency's within a commune nor a period's, so the list stays the province's
 * today and says so rather than pass for the focus's.
 */
export const rankTitle = (title: string, provinceToday: boolean): string =>
  provinceToday ? title : `${title} · ${t('viewRankProvinceToday')}`;
