import type { AuditAction } from '../../../shared/admin';
import type { EventType } from '../../../shared/events';
import type { Lang } from '../../../shared/format';
import type { Period } from '../../../shared/periods';
import type { Role } from '../../../shared/roles';
import type { SceneId } from '../../../shared/scenes';
import { SOURCE_LABELS, type Source } from '../../../shared/vocabulary';
import { lang, type Words } from './lang';
import { label, t } from './t';

/** The names of the things screens list (scenes, periods, roles, audit actions), read through `label`. */

const SCENE_NAMES: Record<SceneId, Words> = {
  overview: { vi: 'Tổng quan', en: 'Overview' },
  dossiers: { vi: 'Hồ sơ', en: 'Dossiers' },
  payments: { vi: 'Thanh toán', en: 'Payments' },
  tasks: { vi: 'Nhiệm vụ', en: 'Tasks' },
  map: { vi: 'Bản đồ', en: 'Map' },
  dueSoon: { vi: 'Sắp trễ hạn', en: 'Falling due' },
};

/** The period buttons, in the order a leader reads them. */
const PERIOD_NAMES: Record<Period, Words> = {
  today: { vi: 'Hôm nay', en: 'Today' },
  '7d': { vi: '7 ngày', en: '7 days' },
  '30d': { vi: '30 ngày', en: '30 days' },
  month: { vi: 'Tháng này', en: 'This month' },
  year: { vi: 'Năm nay', en: 'This year' },
};

/** What each period is compared with (periodRanges in shared/periods.ts). */
const COMPARED_WITH: Record<Period, Words> = {
  today: { vi: 'so với cả ngày hôm qua', en: 'vs all of yesterday' },
  '7d': { vi: 'so với 7 ngày trước đó', en: 'vs the 7 days before' },
  '30d': { vi: 'so với 30 ngày trước đó', en: 'vs the 30 days before' },
  month: { vi: 'so với cùng kỳ tháng trước', en: 'vs the same days last month' },
  year: { vi: 'so với cùng kỳ năm trước', en: 'vs the same days last year' },
};

const ROLE_NAMES: Record<Role, Words> = {
  viewer: { vi: 'Người xem', en: 'Viewer' },
  leader: { vi: 'Lãnh đạo', en: 'Leader' },
  operator: { vi: 'Cán bộ vận hành', en: 'Operator' },
  admin: { vi: 'Quản trị viên', en: 'Administrator' },
};

const ACTION_NAMES: Record<AuditAction, Words> = {
  'session.signed-in': { vi: 'Đăng nhập', en: 'Signed in' },
  'session.sign-in-failed': { vi: 'Đăng nhập thất bại', en: 'Sign-in failed' },
  'session.locked': { vi: 'Khoá tài khoản tạm thời', en: 'Account locked' },
  'session.signed-out': { vi: 'Đăng xuất', en: 'Signed out' },
  'device.paired': { vi: 'Ghép nối màn hình', en: 'Screen paired' },
  'device.revoked': { vi: 'Thu hồi màn hình', en: 'Screen revoked' },
  'key.created': { vi: 'Tạo khoá nguồn dữ liệu', en: 'Source key created' },
  'key.revoked': { vi: 'Thu hồi khoá nguồn dữ liệu', en: 'Source key revoked' },
  'user.created': { vi: 'Thêm người dùng', en: 'Person added' },
  'user.unlocked': { vi: 'Mở khoá đăng nhập', en: 'Sign-in unlocked' },
  'alert.acknowledged': { vi: 'Xác nhận đã xem cảnh báo', en: 'Alert acknowledged' },
  'meeting.created': { vi: 'Tạo cuộc họp', en: 'Meeting created' },
  'meeting.steered': { vi: 'Điều khiển cuộc họp', en: 'Meeting steered' },
  'meeting.presenter': { vi: 'Đổi người trình bày', en: 'Presenter changed' },
  'meeting.ended': { vi: 'Kết thúc cuộc họp', en: 'Meeting ended' },
  'meeting.invited': { vi: 'Mời màn hình vào cuộc họp', en: 'Screen invited to a meeting' },
  'fleet.command': { vi: 'Lệnh tới màn hình', en: 'Screen command' },
  'access.refused': { vi: 'Từ chối truy cập', en: 'Access refused' },
};

const EVENT_TYPE_NAMES: Record<EventType, Words> = {
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

/** A scene's name, as the wall's scene buttons say it. */
export const sceneName = (id: SceneId, l: Lang = lang): string => label(SCENE_NAMES[id], l);
/** A period's name: "Hôm nay", "7 ngày". */
export const periodName = (p: Period, l: Lang = lang): string => label(PERIOD_NAMES[p], l);
/** What a period is compared with: "so với 7 ngày trước đó". */
export const comparedWith = (p: Period, l: Lang = lang): string => label(COMPARED_WITH[p], l);
/** A role in words: "Cán bộ vận hành". */
export const roleName = (role: Role, l: Lang = lang): string => label(ROLE_NAMES[role], l);
/** A data source's name: "Hệ thống một cửa". */
export const sourceName = (s: Source, l: Lang = lang): string => label(SOURCE_LABELS[s], l);

/** An audit action in words; an action this page does not know yet is shown as sent. */
export function actionName(action: string, l: Lang = lang): string {
  const words = ACTION_NAMES[action as AuditAction] as Words | undefined;
  return words ? label(words, l) : action;
}
/** An event type in words: "Tiếp nhận hồ sơ". */
export const eventTypeName = (type: EventType, l: Lang = lang): string => label(EVENT_TYPE_NAMES[type], l);

/** "3 phút" / "45 giây" (vi), "3 min" / "45 s" (en): a wait in words, rounded up. */
export function waitWords(seconds: number, l: Lang = lang): string {
  if (seconds >= 60) return t('minutes', { n: Math.ceil(seconds / 60) }, l);
  return t('seconds', { n: Math.max(1, Math.ceil(seconds)) }, l);
}

/** Minutes left in words, rounded up, never "0": "9 phút", "1 phút" (en "9 min"). */
export const minutesLeft = (ms: number, l: Lang = lang): string =>
  t('minutes', { n: Math.max(1, Math.ceil(ms / 60_000)) }, l);
