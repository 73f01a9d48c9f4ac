import type { Dictionary } from './lang';

/** The wall's words that are not in the KPI catalogue, Vietnamese first (KPIS.md "Words on the screen"). */
export const WALL = {
  live: { vi: 'Trực tuyến', en: 'Live' },
  offline: { vi: 'Mất kết nối — đang kết nối lại', en: 'Disconnected — reconnecting' },
  since: { vi: 'từ', en: 'since' },
  updated: { vi: 'cập nhật', en: 'updated' },
  silent: { vi: 'Nguồn dữ liệu im lặng', en: 'Data source silent' },
  stale: { vi: 'Số liệu cũ', en: 'Stale' },
  waiting: { vi: 'Đang chờ dữ liệu', en: 'Waiting for data' },
  never: { vi: 'chưa có tín hiệu', en: 'never heard' },
  sources: { vi: 'Nguồn dữ liệu', en: 'Data sources' },
  sourceLive: { vi: 'đang cập nhật', en: 'live' },
  sourceLate: { vi: 'chậm', en: 'late' },
  sourceSilent: { vi: 'im lặng', en: 'silent' },
  alerts: { vi: 'Cảnh báo', en: 'Alerts' },
  noAlerts: { vi: 'Không có cảnh báo', en: 'No alerts' },
  moreAlerts: { vi: 'cảnh báo khác', en: 'more alerts' },
  acknowledge: { vi: 'Đã xem', en: 'Seen' },
  alertMembers: { vi: 'Mở danh sách', en: 'Open the list' },
  closeList: { vi: 'Đóng', en: 'Close' },
  clearing: { vi: 'đang trở lại mức bình thường', en: 'returning to normal' },
  acknowledged: { vi: 'đã xem', en: 'acknowledged' },
  rotationHeld: { vi: 'Giữ màn hình do cảnh báo khẩn', en: 'Rotation held by a critical alert' },
  simulated: { vi: 'Dữ liệu mô phỏng', en: 'Simulated data' },
  /** An hourly chart's title ends with the day it compares with, the tiles' day: "hôm nay so với thứ Sáu". */
  todayVersus: { vi: 'hôm nay so với {day}', en: 'today vs {day}' },
  chartReceived: { vi: 'Hồ sơ tiếp nhận theo giờ', en: 'Dossiers received by hour' },
  chartPayments: { vi: 'Thanh toán theo giờ', en: 'Payments by hour' },
  /** A view's own curve (ViewCurve.svelte) adds "theo giờ" or "theo ngày". */
  curvePayments: { vi: 'Giao dịch thanh toán trực tuyến', en: 'Online payments' },
  // Scenes and their charts.
  points: { vi: 'điểm', en: 'points' },
  score766: {
    vi: 'Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)',
    en: 'Service index for citizens and businesses (Decision 766)',
  },
  /** The total is an estimate over the indicators the wall covers (shared/score766.ts INDICATORS_766). */
  score766Scale: { vi: 'ước tính · thang 100', en: 'estimate · out of 100' },
  score766Covers: { vi: 'tính trên {n}/{m} chỉ số', en: 'from {n}/{m} indicators' },
  noData: { vi: 'chưa có số liệu', en: 'no data' },
  onTime766: {
    vi: 'Tỷ lệ xử lý trước hạn, đúng hạn — {scope} (QĐ 766)',
    en: 'On-time or early rate — {scope} (Decision 766)',
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
  transactionsOf: { vi: 'Giao dịch {day}', en: 'Transactions ({day})' },
  amountHourly: { vi: 'Số tiền mỗi giờ', en: 'Amount per hour' },
  amountTotal: { vi: 'Lũy kế số tiền hôm nay', en: 'Running total today' },
  transactions: { vi: 'giao dịch', en: 'transactions' },
  taskStatus: {
    vi: 'Tình hình thực hiện nhiệm vụ theo chương trình (số nhiệm vụ)',
    en: 'Task status by programme (number of tasks)',
  },
  tasks: { vi: 'nhiệm vụ', en: 'tasks' },
  // The map scene.
  mapTitle: { vi: 'Bản đồ xã, phường', en: 'Communes and wards' },
  /** Another period than today's: the map's colours and lists are that period's (GET /api/v1/kpis/communes). */
  mapColoursPeriod: {
    vi: 'Màu theo số liệu {period} ({days})',
    en: 'Colours: the numbers of {period} ({days})',
  },
  mapPeriodAsOf: { vi: 'lúc {time}', en: 'as of {time}' },
  mapPeriodLoading: { vi: 'Đang tải số liệu {period}…', en: 'Loading the numbers of {period}…' },
  mapPeriodStale: { vi: 'chưa cập nhật lại được', en: 'not refreshed' },
  mapMostLate: { vi: 'Nhiều hồ sơ trễ hạn nhất', en: 'Most late dossiers' },
  mapLowest: { vi: 'Thấp nhất', en: 'Lowest' },
  mapHighest: { vi: 'Cao nhất', en: 'Highest' },
  mapNoValues: { vi: 'Chưa có số liệu', en: 'No data yet' },
  mapMinDossiers: { vi: 'xã có từ {n} hồ sơ', en: 'communes with {n}+ dossiers' },
  // The pairing screen (a wall with no credentials).
  unpaired: { vi: 'Màn hình chưa được ghép nối', en: 'This screen is not paired yet' },
  pairInstruction: {
    vi: 'Cán bộ vận hành: mở Quản trị › Thiết bị, nhập mã này và đặt tên màn hình',
    en: 'Operators: open Admin › Devices, enter this code and name the screen',
  },
  pairAsking: { vi: 'Đang lấy mã ghép nối…', en: 'Getting a pairing code…' },
  pairRenewing: { vi: 'Mã đã hết hạn — đang lấy mã mới…', en: 'The code expired — getting a new one…' },
  pairValidUntil: { vi: 'Mã có hiệu lực đến {time} (còn {left})', en: 'Valid until {time} ({left} left)' },
  pairRetrying: { vi: 'đang thử lại…', en: 'retrying…' },
  pairedTitle: { vi: 'Màn hình đã được ghép nối', en: 'This screen is paired' },
  pairOpening: { vi: 'Đang mở màn hình điều hành…', en: 'Opening the wall…' },
  // A view other than the province today (a meeting's focus, or ?scope=/?period=): view-data.svelte.ts.
  viewRankProvinceToday: { vi: 'toàn tỉnh, hôm nay', en: 'whole province, today' },
  // A focused unit's own ranking (focus-late.svelte.ts): late now, whatever the period in view.
  rankFocusAgenciesLate: {
    vi: 'Hồ sơ đang trễ hạn tại đây, theo cơ quan',
    en: 'Dossiers late now here, by agency',
  },
  rankFocusCommunesLate: {
    vi: 'Hồ sơ đang trễ hạn của cơ quan, theo xã/phường',
    en: 'Dossiers of this agency late now, by commune',
  },
  notForCommunes: {
    vi: 'Nhiệm vụ giao cho cơ quan, không theo xã/phường',
    en: 'Tasks are assigned to agencies, not communes',
  },
  rankNow: { vi: 'tính đến hiện tại', en: 'as of now' },
  viewListProvinceToday: {
    vi: 'Số hồ sơ sắp trễ hạn ở đây là của toàn tỉnh, hôm nay',
    en: 'The dossiers falling due here are the whole province’s, today',
  },
} satisfies Dictionary;
