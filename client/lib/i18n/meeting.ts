import type { Lang } from '../../../shared/format';
import { lang } from './wall';

/** The meeting's words (the presenter's page and the wall's follower banner), Vietnamese first. */
const WORDS = {
  // The wall, following.
  following: { vi: 'Đang theo dõi cuộc họp', en: 'Following the meeting' },
  presenter: { vi: 'Chủ trì', en: 'Presenter' },
  noPresenter: { vi: 'Chưa có người trình bày', en: 'No presenter yet' },
  focus: { vi: 'Tiêu điểm', en: 'Focus' },
  wholeProvince: { vi: 'Toàn tỉnh', en: 'Whole province' },
  joining: { vi: 'Đang vào cuộc họp {code}…', en: 'Joining meeting {code}…' },
  joinRefused: {
    vi: 'Chưa vào được cuộc họp {code}: {error} — đang thử lại',
    en: 'Cannot join meeting {code}: {error} — retrying',
  },
  delegatesHere: { vi: 'Đại biểu tại điểm cầu', en: 'Delegates here' },
  // The presenter's page.
  pageTitle: { vi: 'Họp trực tuyến các điểm cầu', en: 'Meetings across bridge points' },
  product: { vi: 'TRUNG TÂM ĐIỀU HÀNH THÔNG MINH', en: 'INTELLIGENT OPERATIONS CENTER' },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  retry: { vi: 'Thử lại', en: 'Try again' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  refused: {
    vi: 'Trang điều hành cuộc họp dành cho lãnh đạo và cán bộ vận hành.',
    en: 'The meeting page is for leaders and operators.',
  },
  meetings: { vi: 'Các cuộc họp', en: 'Meetings' },
  noMeetings: { vi: 'Chưa có cuộc họp nào', en: 'No meetings yet' },
  open: { vi: 'Điều hành', en: 'Open' },
  newMeeting: { vi: 'Tạo cuộc họp', en: 'New meeting' },
  title: { vi: 'Tên cuộc họp', en: 'Title' },
  startsAt: { vi: 'Thời gian bắt đầu', en: 'Starts at' },
  invited: { vi: 'Màn hình đã ghép nối được mời', en: 'Paired displays invited' },
  noDevices: { vi: 'Chưa có màn hình nào được ghép nối', en: 'No paired displays' },
  create: { vi: 'Tạo cuộc họp', en: 'Create meeting' },
  required: { vi: 'Không được để trống', en: 'Must not be empty' },
  created: { vi: 'Đã tạo cuộc họp', en: 'Meeting created' },
  code: { vi: 'Mã tham gia', en: 'Join code' },
  link: { vi: 'Đường dẫn cho điểm cầu', en: 'Link for bridge points' },
  invitedCount: { vi: '{n} màn hình được mời', en: '{n} displays invited' },
  back: { vi: '← Danh sách cuộc họp', en: '← All meetings' },
  connecting: { vi: 'Đang kết nối…', en: 'Connecting…' },
  offline: { vi: 'Mất kết nối máy chủ — đang kết nối lại', en: 'Disconnected — reconnecting' },
  takeSeat: { vi: 'Nhận quyền trình bày', en: 'Take the presenter’s seat' },
  youPresent: { vi: 'Bạn đang trình bày', en: 'You are presenting' },
  otherPresents: {
    vi: '{name} đang trình bày — bạn đang theo dõi',
    en: '{name} is presenting — you are watching',
  },
  steer: { vi: 'Điều khiển', en: 'Steering' },
  scene: { vi: 'Màn hình', en: 'Scene' },
  kpi: { vi: 'Chỉ số tô màu bản đồ', en: 'KPI colouring the map' },
  commune: { vi: 'Xã, phường tiêu điểm', en: 'Commune in focus' },
  period: { vi: 'Kỳ số liệu', en: 'Period' },
  live: { vi: 'Đang hiển thị tại các điểm cầu', en: 'On screen at the bridge points' },
  change: { vi: 'Lần thay đổi', en: 'Change' },
  appliedBy: { vi: '{n}/{m} điểm cầu đã hiển thị', en: '{n}/{m} points show it' },
  roster: { vi: 'Điểm cầu', en: 'Bridge points' },
  rosterSummary: {
    vi: '{n} điểm cầu trực tuyến · {d} đại biểu',
    en: '{n} points online · {d} delegates',
  },
  rosterDropped: { vi: '{n} mất kết nối', en: '{n} dropped' },
  noPoints: { vi: 'Chưa có điểm cầu nào tham gia', en: 'No bridge point has joined yet' },
  colName: { vi: 'Điểm cầu', en: 'Point' },
  colDelegates: { vi: 'Đại biểu', en: 'Delegates' },
  colSeen: { vi: 'Tín hiệu cuối', en: 'Last heartbeat' },
  colRtt: { vi: 'Khứ hồi', en: 'Round trip' },
  colSeq: { vi: 'Đã áp dụng', en: 'Applied' },
  colState: { vi: 'Trạng thái', en: 'State' },
  connected: { vi: 'Đang kết nối', en: 'Connected' },
  dropped: { vi: 'Mất kết nối', en: 'Dropped' },
  secondsAgo: { vi: '{n} giây trước', en: '{n} s ago' },
  handOver: { vi: 'Chuyển quyền trình bày', en: 'Hand over' },
  handOverTo: { vi: 'Chuyển cho', en: 'Hand over to' },
  handOverLogin: { vi: 'Tên đăng nhập người nhận', en: 'Login of the next presenter' },
  noCandidates: {
    vi: 'Chưa có lãnh đạo hay cán bộ vận hành nào khác trong cuộc họp',
    en: 'No other leader or operator is in the meeting',
  },
  delegatesHereRoom: { vi: 'Đại biểu tại phòng này', en: 'Delegates in this room' },
} satisfies Record<string, Record<Lang, string>>;

export type MeetingWord = keyof typeof WORDS;

/** A meeting word in the page's language, with `{name}` placeholders filled. */
export function m(key: MeetingWord, vars: Record<string, string | number> = {}, l: Lang = lang): string {
  return WORDS[key][l].replace(/\{(\w+)\}/g, (all, k: string) => (k in vars ? String(vars[k]) : all));
}
