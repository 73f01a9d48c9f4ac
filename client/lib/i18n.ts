import { SOURCE_LABELS, type Source } from '../../shared/vocabulary';
import type { Lang } from '../../shared/format';

/** The page's words that are not in the KPI catalogue, Vietnamese first (KPIS.md "Words on the screen"). */
const STRINGS = {
  title: { vi: 'TRUNG TÂM ĐIỀU HÀNH THÔNG MINH', en: 'INTELLIGENT OPERATIONS CENTER' },
  subtitle: {
    vi: 'BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP',
    en: 'SERVICE INDEX FOR CITIZENS AND BUSINESSES',
  },
  realtime: { vi: 'Cập nhật thời gian thực', en: 'Real-time updates' },
  live: { vi: 'Trực tuyến', en: 'Live' },
  connecting: { vi: 'Đang kết nối…', en: 'Connecting…' },
  offline: { vi: 'Mất kết nối — đang kết nối lại', en: 'Disconnected — reconnecting' },
  since: { vi: 'từ', en: 'since' },
  updated: { vi: 'cập nhật', en: 'updated' },
  silent: { vi: 'Nguồn dữ liệu im lặng', en: 'Data source silent' },
  stale: { vi: 'Số liệu cũ', en: 'Stale' },
  waiting: { vi: 'Đang chờ dữ liệu', en: 'Waiting for data' },
  never: { vi: 'chưa có tín hiệu', en: 'never heard' },
  target: { vi: 'Mục tiêu', en: 'Target' },
  met: { vi: 'Đạt', en: 'Met' },
  notMet: { vi: 'Chưa đạt', en: 'Not met' },
  sources: { vi: 'Nguồn dữ liệu', en: 'Data sources' },
  sourceLive: { vi: 'đang cập nhật', en: 'live' },
  sourceLate: { vi: 'chậm', en: 'late' },
  sourceSilent: { vi: 'im lặng', en: 'silent' },
  alerts: { vi: 'Cảnh báo', en: 'Alerts' },
  noAlerts: { vi: 'Không có cảnh báo', en: 'No alerts' },
  moreAlerts: { vi: 'cảnh báo khác', en: 'more alerts' },
  acknowledge: { vi: 'Đã xem', en: 'Acknowledge' },
  acknowledged: { vi: 'đã xem', en: 'acknowledged' },
  rotationHeld: { vi: 'Giữ màn hình do cảnh báo khẩn', en: 'Rotation held by a critical alert' },
  sceneOverview: { vi: 'Tổng quan', en: 'Overview' },
  sceneDossiers: { vi: 'Hồ sơ', en: 'Dossiers' },
  scenePayments: { vi: 'Thanh toán', en: 'Payments' },
  sceneTasks: { vi: 'Nhiệm vụ', en: 'Tasks' },
  sceneMap: { vi: 'Bản đồ', en: 'Map' },
  version: { vi: 'Phiên bản', en: 'Version' },
  simulated: { vi: 'Dữ liệu mô phỏng', en: 'Simulated data' },
  today: { vi: 'Hôm nay', en: 'Today' },
  vsYesterday: { vi: 'so với cùng giờ hôm qua', en: 'vs same time yesterday' },
  yesterday: { vi: 'Hôm qua', en: 'Yesterday' },
  chartReceived: {
    vi: 'Hồ sơ tiếp nhận theo giờ — hôm nay so với hôm qua',
    en: 'Dossiers received by hour — today vs yesterday',
  },
  chartPayments: {
    vi: 'Thanh toán trực tuyến theo giờ (giao dịch)',
    en: 'Online payments by hour (transactions)',
  },
} satisfies Record<string, Record<Lang, string>>;

export type StringKey = keyof typeof STRINGS;

/** The language asked for in the address (`?lang=en`); Vietnamese otherwise. */
export function parseLang(search: string): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'vi';
}

/** The page's language, fixed at load: a wall does not switch language mid-run. */
export const lang: Lang = parseLang(globalThis.location?.search ?? '');

/** A page word in the page's language. */
export const t = (key: StringKey): string => STRINGS[key][lang];

/** A source's name in the page's language. */
export const sourceName = (s: Source): string => SOURCE_LABELS[s][lang];

/** A catalogue label (`vi` / `en`) in the page's language. */
export const label = (def: { vi: string; en: string }): string => def[lang];
