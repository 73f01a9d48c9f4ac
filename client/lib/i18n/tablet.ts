import type { Dictionary } from './lang';

/** The tablet's words, Vietnamese first (KPIS.md "Words on the screen"). */
export const TABLET = {
  signedIn: { vi: 'Đang đăng nhập', en: 'Signed in as' },
  sessionCheck: { vi: 'Đang kiểm tra đăng nhập…', en: 'Checking your session…' },
  serverDown: {
    vi: 'Không kết nối được máy chủ — đang thử lại',
    en: 'Cannot reach the server — retrying',
  },
  breadcrumb: { vi: 'Vị trí', en: 'Location' },
  asOf: { vi: 'Số liệu lúc', en: 'Data as of' },
  notAvailable: { vi: 'Chưa có số liệu', en: 'No data available' },
  failed: { vi: 'Không cập nhật được', en: 'Could not update' },
  retrying: { vi: 'đang thử lại', en: 'retrying' },
  // KPI cards.
  kpisTitle: { vi: 'Chỉ số trong kỳ', en: 'Indicators for the period' },
  previous: { vi: 'Kỳ trước', en: 'Previous' },
  wholeYesterday: { vi: 'Cả ngày hôm qua', en: 'All of yesterday' },
  endOfYesterday: { vi: 'Cuối ngày hôm qua', en: 'End of yesterday' },
  endOfPrevious: { vi: 'Cuối kỳ trước', en: 'End of the previous period' },
  noDenominator: { vi: 'không có hồ sơ để tính', en: 'nothing to rate' },
  partialDay: {
    vi: 'Hôm nay chưa hết ngày: số đếm không so với cả ngày hôm qua',
    en: 'Today is not over: counts are not compared with all of yesterday',
  },
  agencyWide: {
    vi: 'Số liệu của cơ quan trên toàn tỉnh',
    en: "The agency's numbers across the whole province",
  },
  // Curves.
  curvesTitle: { vi: 'Diễn biến', en: 'Curves' },
  curveReceived: { vi: 'Hồ sơ tiếp nhận', en: 'Dossiers received' },
  curveResolved: { vi: 'Hồ sơ đã xử lý', en: 'Dossiers resolved' },
  byHour: { vi: 'theo giờ', en: 'by hour' },
  byDay: { vi: 'theo ngày', en: 'by day' },
  thisPeriod: { vi: 'Kỳ này', en: 'This period' },
  previousPeriod: { vi: 'Kỳ trước', en: 'Previous period' },
  // Late dossiers.
  lateByAgency: { vi: 'Hồ sơ đang trễ hạn theo cơ quan', en: 'Late dossiers open now, by agency' },
  lateByCommune: { vi: 'Hồ sơ đang trễ hạn theo xã/phường', en: 'Late dossiers open now, by commune' },
  lateNow: { vi: 'đang trễ hạn', en: 'late now' },
  oldestDue: { vi: 'hạn sớm nhất', en: 'oldest due' },
  truncated: {
    vi: 'Quá nhiều hồ sơ trễ: danh sách tính theo các hồ sơ trễ lâu nhất',
    en: 'Too many late dossiers: the list counts the oldest ones',
  },
  cameFrom: { vi: 'xã vừa xem', en: 'the commune you came from' },
  // Province: map, ranking, agencies.
  onTimeMapTitle: { vi: 'Bản đồ tỷ lệ đúng hạn', en: 'On-time rate map' },
  mapHint: { vi: 'Chạm vào một xã để xem chi tiết', en: 'Tap a commune for its details' },
  liveToday: { vi: 'Hôm nay, trực tiếp', en: 'Today, live' },
  liveNote: {
    vi: 'Bản đồ và xếp hạng dùng số liệu trực tiếp hôm nay, không theo kỳ đã chọn',
    en: 'The map and rankings use live numbers of today, not the chosen period',
  },
  liveOffline: { vi: 'Mất kết nối trực tiếp — số liệu cũ', en: 'Live link lost — numbers may be old' },
  liveWaiting: { vi: 'Đang chờ số liệu trực tiếp', en: 'Waiting for live numbers' },
  rankingTitle: {
    vi: 'Xã/phường theo tỷ lệ đúng hạn (thấp nhất trước)',
    en: 'Communes by on-time rate (lowest first)',
  },
  showAll: { vi: 'Xem tất cả', en: 'Show all' },
  showFewer: { vi: 'Thu gọn', en: 'Show fewer' },
  filter: { vi: 'Tìm xã/phường', en: 'Find a commune' },
  noMatch: { vi: 'Không có xã/phường nào khớp', en: 'No commune matches' },
  agenciesTitle: { vi: 'Cơ quan', en: 'Agencies' },
  onTimeToday: { vi: 'đúng hạn hôm nay', en: 'on time today' },
  onTimeTodayTitle: { vi: 'Tỷ lệ đúng hạn hôm nay', en: 'On-time rate today' },
  lateNowTitle: { vi: 'Hồ sơ đang trễ hạn', en: 'Late dossiers open now' },
  dossiers: { vi: 'hồ sơ', en: 'dossiers' },
  // History coverage: a number that cannot be known is "—", and the page says why.
  dataFrom: { vi: 'Số liệu có từ ngày', en: 'Data exists from' },
  sinceDay: { vi: 'từ', en: 'from' },
  noDataInPeriod: { vi: 'Chưa có số liệu cho kỳ này', en: 'No data for this period' },
  noDataPrevious: { vi: 'Kỳ trước chưa có số liệu', en: 'No data for the previous period' },
  partialPrevious: { vi: 'Kỳ trước chỉ có số liệu từ ngày', en: 'The previous period has data only from' },
} satisfies Dictionary;
