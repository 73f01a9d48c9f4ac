import { SOURCE_LABELS, type Source } from '../../../shared/vocabulary';
import type { Lang } from '../../../shared/format';

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
  // Scenes and their charts.
  points: { vi: 'điểm', en: 'points' },
  score766: {
    vi: 'Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)',
    en: 'Service index for citizens and businesses (Decision 766)',
  },
  score766Scale: { vi: 'trên thang 100', en: 'out of 100' },
  kpisWithData: { vi: 'chỉ số có số liệu', en: 'indicators with data' },
  noData: { vi: 'chưa có số liệu', en: 'no data' },
  onTime766: {
    vi: 'Tỷ lệ xử lý trước hạn, đúng hạn — toàn tỉnh (QĐ 766)',
    en: 'On-time or early rate — province (Decision 766)',
  },
  rankCommunesOnTime: {
    vi: 'Xã/phường có tỷ lệ đúng hạn thấp nhất',
    en: 'Communes with the lowest on-time rate',
  },
  rankAgenciesLate: {
    vi: 'Cơ quan nhiều hồ sơ trễ hạn nhất (đang trễ + đã xử lý trễ)',
    en: 'Agencies with the most late dossiers (open late + resolved late)',
  },
  rankAgenciesAmount: {
    vi: 'Số tiền thu trực tuyến hôm nay theo cơ quan',
    en: 'Amount collected online today by agency',
  },
  rankAgenciesOverdue: {
    vi: 'Nhiệm vụ quá hạn theo cơ quan chủ trì',
    en: 'Overdue tasks by lead agency',
  },
  withoutValue: { vi: 'đơn vị chưa có số liệu', en: 'units without data' },
  noneToRank: { vi: 'Không có đơn vị nào cần nêu', en: 'No unit to list' },
  payments: {
    vi: 'Thanh toán trực tuyến theo giờ — hôm nay',
    en: 'Online payments by hour — today',
  },
  countToday: { vi: 'Giao dịch hôm nay', en: 'Transactions today' },
  countYesterday: { vi: 'Giao dịch hôm qua', en: 'Transactions yesterday' },
  amountHourly: { vi: 'Số tiền mỗi giờ', en: 'Amount per hour' },
  amountTotal: { vi: 'Lũy kế số tiền hôm nay', en: 'Running total today' },
  transactions: { vi: 'giao dịch', en: 'transactions' },
  taskStatus: { vi: 'Tình hình thực hiện nhiệm vụ theo chương trình', en: 'Task status by programme' },
  tasks: { vi: 'nhiệm vụ', en: 'tasks' },
  // The map scene.
  mapTitle: { vi: 'Bản đồ xã, phường', en: 'Communes and wards' },
  mapSynthetic: {
    vi: 'Ranh giới mô phỏng — không chính thức',
    en: 'Simulated boundaries — not official',
  },
  mapLoading: { vi: 'Đang tải bản đồ…', en: 'Loading the map…' },
  mapMostLate: { vi: 'Nhiều hồ sơ trễ hạn nhất', en: 'Most late dossiers' },
  mapNoLate: { vi: 'Không có hồ sơ trễ hạn', en: 'No late dossiers' },
  mapLowest: { vi: 'Thấp nhất', en: 'Lowest' },
  mapHighest: { vi: 'Cao nhất', en: 'Highest' },
  mapNoValues: { vi: 'Chưa có số liệu', en: 'No data yet' },
  mapLateMarker: { vi: 'Số hồ sơ trễ hạn', en: 'Late dossiers' },
  mapMinDossiers: { vi: 'xã có từ {n} hồ sơ', en: 'communes with {n}+ dossiers' },
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
