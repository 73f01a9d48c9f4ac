import type { Dictionary } from './lang';

/** The words two or more audiences show. */
export const COMMON = {
  product: { vi: 'TRUNG TÂM ĐIỀU HÀNH THÔNG MINH', en: 'INTELLIGENT OPERATIONS CENTER' },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  retry: { vi: 'Thử lại', en: 'Try again' },
  connecting: { vi: 'Đang kết nối…', en: 'Connecting…' },
  signIn: { vi: 'Đăng nhập', en: 'Sign in' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  login: { vi: 'Tên đăng nhập', en: 'Login' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  required: { vi: 'Không được để trống', en: 'Must not be empty' },
  pairingCode: { vi: 'Mã ghép nối', en: 'Pairing code' },
  version: { vi: 'Phiên bản', en: 'Version' },
  stateCol: { vi: 'Trạng thái', en: 'State' },
  wholeProvince: { vi: 'Toàn tỉnh', en: 'Whole province' },
  period: { vi: 'Kỳ số liệu', en: 'Period' },
  today: { vi: 'Hôm nay', en: 'Today' },
  target: { vi: 'Mục tiêu', en: 'Target' },
  met: { vi: 'Đạt', en: 'Met' },
  notMet: { vi: 'Chưa đạt', en: 'Not met' },
  noLate: { vi: 'Không có hồ sơ trễ hạn', en: 'No late dossiers' },
  lateMarker: { vi: 'Số hồ sơ trễ hạn', en: 'Late dossiers' },
  // Rankings by a rate: the one minimum sample (MIN_SAMPLE).
  belowSample: {
    vi: '{n} xã/phường dưới {min} hồ sơ chưa xếp hạng',
    en: '{n} communes under {min} dossiers not ranked',
  },
  notRanked: { vi: 'chưa xếp hạng', en: 'not ranked' },
  // The province map.
  mapNoData: { vi: 'Chưa có số liệu', en: 'No data' },
  mapSynthetic: {
    vi: 'Ranh giới mô phỏng — không chính thức',
    en: 'Simulated boundaries — not official',
  },
  mapLoading: { vi: 'Đang tải bản đồ…', en: 'Loading the map…' },
  // Durations.
  minutes: { vi: '{n} phút', en: '{n} min' },
  seconds: { vi: '{n} giây', en: '{n} s' },
  // A failed request, when the server gave no words of its own.
  apiOffline: { vi: 'Không kết nối được máy chủ', en: 'Cannot reach the server' },
  apiStatus: { vi: 'Máy chủ báo lỗi ({status})', en: 'The server answered with an error ({status})' },
  apiWait: { vi: 'Quá nhiều yêu cầu; thử lại sau {wait}', en: 'Too many requests; try again in {wait}' },
  /** A stock over a period (late dossiers open, overdue tasks): its count at the period's end. */
  atPeriodEnd: { vi: 'cuối kỳ', en: 'at period end' },
} satisfies Dictionary;
