import type { Dictionary } from './lang';

/** The words of the lists of dossiers a leader can act on, and of the reports a meeting keeps. */
export const DOSSIERS = {
  lateListTitle: { vi: 'Trễ hạn', en: 'Late' },
  dueSoonListTitle: { vi: 'Sắp trễ hạn ({hours} giờ)', en: 'Falling due ({hours} hours)' },
  dossierListHint: {
    vi: 'Hồ sơ đang mở, trễ lâu nhất hoặc sắp đến hạn nhất trước',
    en: 'Open dossiers, the longest late or the soonest due first',
  },
  noDueSoon: { vi: 'Không có hồ sơ sắp đến hạn', en: 'No dossiers falling due' },
  listRefused: {
    vi: 'Danh sách hồ sơ dành cho lãnh đạo trở lên',
    en: 'The lists of dossiers are for leaders and above',
  },
  showMore: { vi: 'Xem thêm', en: 'Show more' },
  shownOf: { vi: 'Đang hiện {shown}/{total}', en: 'Showing {shown} of {total}' },
  dossierId: { vi: 'Mã hồ sơ', en: 'Dossier' },
  procedureCol: { vi: 'Thủ tục', en: 'Procedure' },
  agencyCol: { vi: 'Cơ quan', en: 'Agency' },
  communeCol: { vi: 'Xã/phường', en: 'Commune' },
  receivedCol: { vi: 'Tiếp nhận', en: 'Received' },
  dueCol: { vi: 'Hạn xử lý', en: 'Due' },
  lateCol: { vi: 'Trễ / còn lại', en: 'Late / left' },
} satisfies Dictionary;
