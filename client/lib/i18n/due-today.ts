import type { Dictionary } from './lang';

/** The words of the wall's "Sắp trễ hạn" scene: what falls due before the day is out, by agency. */
export const DUE_TODAY = {
  dueTodayTitle: {
    vi: 'Cơ quan có nhiều hồ sơ đến hạn trong hôm nay',
    en: 'Agencies with the most dossiers falling due today',
  },
  dueTodayTotal: { vi: 'Hồ sơ đến hạn trong hôm nay', en: 'Dossiers falling due today' },
  dueTodayWindow: { vi: 'từ {from} đến hết ngày', en: 'from {from} to the end of the day' },
  dueTodaySoon: { vi: 'Đến hạn trong {hours} giờ tới', en: 'Due within {hours} hours' },
  dueTodayEarliest: { vi: 'sớm nhất {time}', en: 'first at {time}' },
  dueTodayCount: { vi: 'hồ sơ', en: 'dossiers' },
  dueTodayNone: {
    vi: 'Không còn hồ sơ nào đến hạn trong hôm nay',
    en: 'No more dossiers fall due today',
  },
  dueTodayMore: { vi: 'và {n} cơ quan khác', en: 'and {n} more agencies' },
  dueTodayAsOf: { vi: 'Số liệu lúc {time}', en: 'As of {time}' },
  dueTodayStale: { vi: 'chưa cập nhật được', en: 'could not be updated' },
  dueTodayHint: {
    vi: 'Hồ sơ đang mở, chưa trễ, đến hạn trước 24:00 hôm nay. Danh sách từng hồ sơ: màn hình lãnh đạo.',
    en: 'Open dossiers not yet late, due before midnight today. The dossiers themselves: the leaders’ screen.',
  },
} satisfies Dictionary;
