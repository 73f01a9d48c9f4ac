import type { Lang } from '../../../shared/format';
import { lang } from '../i18n';

/**
 * The words of the dossiers, payments and tasks scenes and their charts, Vietnamese first. Kept here
 * rather than in i18n.ts while those scenes settle; they can move there whole.
 */
const WORDS = {
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
  target: { vi: 'Mục tiêu', en: 'Target' },
  met: { vi: 'Đạt', en: 'Met' },
  notMet: { vi: 'Chưa đạt', en: 'Not met' },
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
} satisfies Record<string, Record<Lang, string>>;

export type WordKey = keyof typeof WORDS;

/** A scene word in the page's language. */
export const w = (key: WordKey): string => WORDS[key][lang];
