import type { AuditAction } from '../../../shared/admin';
import type { EventType } from '../../../shared/events';
import type { Lang } from '../../../shared/format';
import { lang } from './wall';

/** The console's words, Vietnamese first (`?lang=en` for English). */
const WORDS = {
  console: { vi: 'Quản trị', en: 'Administration' },
  product: { vi: 'TRUNG TÂM ĐIỀU HÀNH THÔNG MINH', en: 'INTELLIGENT OPERATIONS CENTER' },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  retry: { vi: 'Thử lại', en: 'Try again' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  toWall: { vi: 'Màn hình điều hành', en: 'Wall' },
  toTablet: { vi: 'Trang lãnh đạo', en: 'Leaders’ page' },
  refusedTitle: { vi: 'Bạn không có quyền vào trang này', en: 'You may not open this page' },
  refusedBody: {
    vi: 'Trang quản trị dành cho cán bộ vận hành và quản trị viên. Bạn vẫn xem được số liệu trên trang lãnh đạo.',
    en: 'The console is for operators and administrators. You can still read the numbers on the leaders’ page.',
  },
  otherAccount: { vi: 'Đăng nhập bằng tài khoản khác', en: 'Sign in with another account' },
  tabsLabel: { vi: 'Mục quản trị', en: 'Console sections' },
  tabDevices: { vi: 'Thiết bị', en: 'Devices' },
  tabFleet: { vi: 'Màn hình', en: 'Screens' },
  tabKeys: { vi: 'Khoá nguồn dữ liệu', en: 'Source keys' },
  tabUsers: { vi: 'Người dùng', en: 'People' },
  tabAudit: { vi: 'Nhật ký', en: 'Audit log' },
  checkFields: { vi: 'Kiểm tra lại các ô được đánh dấu', en: 'Check the marked fields' },
  required: { vi: 'Không được để trống', en: 'Must not be empty' },
  revoke: { vi: 'Thu hồi', en: 'Revoke' },
  revokeConfirm: { vi: 'Xác nhận thu hồi', en: 'Confirm revoke' },
  cancel: { vi: 'Huỷ', en: 'Cancel' },
  active: { vi: 'Đang hoạt động', en: 'Active' },
  revokedAtBy: { vi: 'Đã thu hồi {time} bởi {who}', en: 'Revoked {time} by {who}' },
  atBy: { vi: '{time} bởi {who}', en: '{time} by {who}' },
  empty: { vi: 'Chưa có mục nào', en: 'Nothing yet' },
  // Devices.
  pairTitle: { vi: 'Ghép nối màn hình', en: 'Pair a screen' },
  pairHelp: {
    vi: 'Nhập mã hiện trên màn hình chưa ghép nối, đặt tên và nơi đặt màn hình.',
    en: 'Enter the code shown on the unpaired screen, then name the screen and say where it is.',
  },
  code: { vi: 'Mã ghép nối', en: 'Pairing code' },
  badCode: { vi: 'Mã gồm 6 ký tự, ví dụ K7M-4QX', en: 'Six characters, e.g. K7M-4QX' },
  deviceName: { vi: 'Tên màn hình', en: 'Screen name' },
  deviceNameHint: { vi: 'Ví dụ: Màn hình chính phòng điều hành', en: 'E.g. Main control-room screen' },
  place: { vi: 'Nơi đặt', en: 'Place' },
  placeHint: { vi: 'Ví dụ: Phòng họp UBND xã Phú Cát', en: 'E.g. Phú Cát commune meeting room' },
  pairSubmit: { vi: 'Ghép nối', en: 'Pair' },
  paired: {
    vi: 'Đã ghép nối “{name}”. Màn hình sẽ tự hiển thị trong vài giây.',
    en: 'Paired “{name}”. The screen will start within seconds.',
  },
  devicesTitle: { vi: 'Danh sách thiết bị', en: 'Devices' },
  pairedCol: { vi: 'Ghép nối', en: 'Paired' },
  stateCol: { vi: 'Trạng thái', en: 'State' },
  // Source keys.
  keyTitle: { vi: 'Tạo khoá nguồn dữ liệu', en: 'Create a source key' },
  keyName: { vi: 'Tên khoá', en: 'Key name' },
  keyNameHint: { vi: 'Ví dụ: Hệ thống một cửa — máy chủ chính', en: 'E.g. One-stop system — main server' },
  source: { vi: 'Nguồn dữ liệu', en: 'Source' },
  types: { vi: 'Loại sự kiện được gửi', en: 'Event types it may send' },
  typesHint: {
    vi: 'Không chọn loại nào: được gửi mọi loại của nguồn',
    en: 'None ticked: every type of the source',
  },
  allTypes: { vi: 'Mọi loại của nguồn', en: 'All of the source’s types' },
  keyCreate: { vi: 'Tạo khoá', en: 'Create key' },
  secretTitle: { vi: 'Khoá mới: “{name}”', en: 'New key: “{name}”' },
  secretWarning: {
    vi: 'Sao chép và lưu khoá này ngay. Khoá sẽ KHÔNG được hiển thị lại; nếu mất, hãy thu hồi và tạo khoá mới.',
    en: 'Copy and store this key now. It will NOT be shown again; if it is lost, revoke it and create a new one.',
  },
  copy: { vi: 'Sao chép', en: 'Copy' },
  copied: { vi: 'Đã sao chép', en: 'Copied' },
  copyFailed: {
    vi: 'Không sao chép được: hãy chọn và sao chép thủ công',
    en: 'Could not copy: select and copy it by hand',
  },
  secretDone: { vi: 'Tôi đã lưu khoá', en: 'I have stored the key' },
  keysTitle: { vi: 'Các khoá', en: 'Keys' },
  createdCol: { vi: 'Tạo lúc', en: 'Created' },
  // People.
  userTitle: { vi: 'Thêm người dùng', en: 'Add a person' },
  userLogin: { vi: 'Tên đăng nhập', en: 'Login' },
  userLoginHint: {
    vi: '3–64 ký tự: chữ thường không dấu, số, . _ -',
    en: '3–64 characters: a–z, 0–9, . _ -',
  },
  badLogin: { vi: 'Tên đăng nhập không hợp lệ', en: 'Not a valid login' },
  userName: { vi: 'Họ và tên', en: 'Full name' },
  role: { vi: 'Vai trò', en: 'Role' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  passwordHint: { vi: 'Ít nhất {n} ký tự', en: 'At least {n} characters' },
  shortPassword: { vi: 'Mật khẩu phải có ít nhất {n} ký tự', en: 'At least {n} characters' },
  confirm: { vi: 'Nhập lại mật khẩu', en: 'Repeat the password' },
  mismatch: { vi: 'Hai mật khẩu không khớp', en: 'The passwords differ' },
  userCreate: { vi: 'Thêm người dùng', en: 'Add person' },
  userCreated: { vi: 'Đã thêm “{name}”', en: 'Added “{name}”' },
  usersTitle: { vi: 'Danh sách người dùng', en: 'People' },
  // Audit log.
  auditTitle: { vi: 'Nhật ký hoạt động', en: 'Audit log' },
  timeCol: { vi: 'Thời gian', en: 'Time' },
  actionCol: { vi: 'Hành động', en: 'Action' },
  actorCol: { vi: 'Người thực hiện', en: 'Actor' },
  targetCol: { vi: 'Đối tượng', en: 'Target' },
  ipCol: { vi: 'Địa chỉ IP', en: 'IP' },
  detailCol: { vi: 'Chi tiết', en: 'Detail' },
  more: { vi: 'Xem thêm', en: 'Show more' },
  end: { vi: 'Đã hết nhật ký', en: 'End of the log' },
  // Screens (the fleet).
  fleetTitle: { vi: 'Các màn hình', en: 'Screens' },
  fleetHelp: {
    vi: 'Cập nhật vài giây một lần. Màn hình không báo cáo quá {s} giây được coi là mất kết nối.',
    en: 'Refreshed every few seconds. A screen silent for over {s} seconds counts as offline.',
  },
  kindCol: { vi: 'Loại', en: 'Kind' },
  sizeCol: { vi: 'Kích thước', en: 'Size' },
  versionCol: { vi: 'Phiên bản', en: 'Version' },
  sceneCol: { vi: 'Cảnh', en: 'Scene' },
  meetingCol: { vi: 'Cuộc họp', en: 'Meeting' },
  lastReportCol: { vi: 'Báo cáo gần nhất', en: 'Last report' },
  actionsCol: { vi: 'Điều khiển', en: 'Controls' },
  kindWall: { vi: 'Màn hình tường', en: 'Wall' },
  kindBridge: { vi: 'Điểm cầu', en: 'Bridge point' },
  kindTablet: { vi: 'Máy tính bảng', en: 'Tablet' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  offline: { vi: 'Mất kết nối', en: 'Offline' },
  connectedSince: { vi: 'kết nối lúc {time}', en: 'connected {time}' },
  fleetReload: { vi: 'Tải lại', en: 'Reload' },
  fleetChangeScene: { vi: 'Đổi cảnh', en: 'Change scene' },
  fleetBySchedule: { vi: 'Theo lịch', en: 'By schedule' },
  fleetSceneFor: { vi: 'Cảnh cho {name}', en: 'Scene for {name}' },
  fleetIdentify: { vi: 'Nhận diện', en: 'Identify' },
  fleetSent: { vi: 'Đã gửi tới {n} màn hình', en: 'Sent to {n} screen(s)' },
  fleetNotSent: { vi: 'Không gửi được: {why}', en: 'Not sent: {why}' },
  fleetNoScreen: { vi: 'màn hình không kết nối', en: 'the screen is not connected' },
  fleetNoAnswer: { vi: 'máy chủ không trả lời', en: 'the server did not answer' },
  fleetLost: {
    vi: 'Mất kết nối với máy chủ — danh sách có thể đã cũ, đang kết nối lại',
    en: 'Lost the server — the list may be out of date; reconnecting',
  },
  fleetSignedOut: {
    vi: 'Phiên đăng nhập đã hết — hãy tải lại trang để đăng nhập',
    en: 'Your session has ended — reload the page to sign in',
  },
} satisfies Record<string, Record<Lang, string>>;

export type AdminWord = keyof typeof WORDS;

/** A console word in the page's language, `{name}` holes filled from `vars`. */
export function a(key: AdminWord, vars: Record<string, string | number> = {}, l: Lang = lang): string {
  return WORDS[key][l].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

const ACTIONS: Record<AuditAction, Record<Lang, string>> = {
  'session.signed-in': { vi: 'Đăng nhập', en: 'Signed in' },
  'session.sign-in-failed': { vi: 'Đăng nhập thất bại', en: 'Sign-in failed' },
  'session.locked': { vi: 'Khoá tài khoản tạm thời', en: 'Account locked' },
  'session.signed-out': { vi: 'Đăng xuất', en: 'Signed out' },
  'device.paired': { vi: 'Ghép nối màn hình', en: 'Screen paired' },
  'device.revoked': { vi: 'Thu hồi màn hình', en: 'Screen revoked' },
  'key.created': { vi: 'Tạo khoá nguồn dữ liệu', en: 'Source key created' },
  'key.revoked': { vi: 'Thu hồi khoá nguồn dữ liệu', en: 'Source key revoked' },
  'user.created': { vi: 'Thêm người dùng', en: 'Person added' },
  'alert.acknowledged': { vi: 'Xác nhận đã xem cảnh báo', en: 'Alert acknowledged' },
  'meeting.created': { vi: 'Tạo cuộc họp', en: 'Meeting created' },
  'meeting.steered': { vi: 'Điều khiển cuộc họp', en: 'Meeting steered' },
  'meeting.presenter': { vi: 'Đổi người chủ trì', en: 'Presenter changed' },
  'fleet.command': { vi: 'Lệnh tới màn hình', en: 'Screen command' },
  'access.refused': { vi: 'Từ chối truy cập', en: 'Access refused' },
};

/** Who did it, as the server names them ("user:admin"): the login alone. */
export const who = (actor: string | null): string => (actor ?? '—').replace(/^user:/, '');

/** An audit action in words; an action this page does not know yet is shown as sent. */
export const actionName = (action: string, l: Lang = lang): string =>
  ACTIONS[action as AuditAction]?.[l] ?? action;

/** Actions worth a second look: shown in amber. */
export const WARNING_ACTIONS: ReadonlySet<string> = new Set<AuditAction>([
  'session.sign-in-failed',
  'session.locked',
  'access.refused',
]);

const EVENT_TYPE_WORDS: Record<EventType, Record<Lang, string>> = {
  'dossier.received': { vi: 'Tiếp nhận hồ sơ', en: 'Dossier received' },
  'dossier.resolved': { vi: 'Giải quyết hồ sơ', en: 'Dossier resolved' },
  'dossier.resultIssued': { vi: 'Trả kết quả', en: 'Result issued' },
  'dossier.digitised': { vi: 'Số hoá hồ sơ', en: 'Dossier digitised' },
  'feedback.rated': { vi: 'Đánh giá mức độ hài lòng', en: 'Satisfaction rated' },
  'payment.completed': { vi: 'Thanh toán hoàn tất', en: 'Payment completed' },
  'task.assigned': { vi: 'Giao nhiệm vụ', en: 'Task assigned' },
  'task.updated': { vi: 'Cập nhật nhiệm vụ', en: 'Task updated' },
  'task.completed': { vi: 'Hoàn thành nhiệm vụ', en: 'Task completed' },
  'source.heartbeat': { vi: 'Tín hiệu hoạt động', en: 'Heartbeat' },
};

/** An event type in words: "Tiếp nhận hồ sơ". */
export const eventTypeName = (type: EventType, l: Lang = lang): string => EVENT_TYPE_WORDS[type]?.[l] ?? type;
