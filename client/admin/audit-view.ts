import type { AuditAction, AuditEntry } from '../../shared/admin';
import type { Lang } from '../../shared/format';
import { KPI_BY_ID } from '../../shared/kpis';
import { isPeriod } from '../../shared/periods';
import { ROLES, type Role } from '../../shared/roles';
import { isSceneId } from '../../shared/scenes';
import { label, periodName, roleName, sceneName, t, type Words } from '../lib/i18n';

/** Who did it, as the server names actors ("user:admin"): the login alone. */
export const who = (actor: string | null): string => (actor ?? '—').replace(/^user:/, '');

/** Actions worth a second look: shown in amber. */
export const WARNING_ACTIONS: ReadonlySet<string> = new Set<AuditAction>([
  'session.sign-in-failed',
  'session.locked',
  'access.refused',
]);

/**
 * Each action as a sentence: {who} the person or screen, {ip} where from, {what} the thing acted on,
 * {detail} the server's detail put into words. A blank hole reads as nothing.
 */
const SENTENCES: Record<AuditAction, Words> = {
  'session.signed-in': { vi: '{who} đăng nhập{from}', en: '{who} signed in{from}' },
  'session.sign-in-failed': {
    vi: 'Đăng nhập không thành công với tên “{what}”{from}: {detail}',
    en: 'Failed sign-in as “{what}”{from}: {detail}',
  },
  'session.locked': {
    vi: 'Tài khoản “{what}” bị khoá tạm thời sau nhiều lần đăng nhập sai{from}',
    en: 'Account “{what}” locked for a while after repeated failed sign-ins{from}',
  },
  'session.signed-out': { vi: '{who} đăng xuất', en: '{who} signed out' },
  'device.paired': { vi: '{who} ghép nối màn hình {detail}', en: '{who} paired the screen {detail}' },
  'device.revoked': { vi: '{who} thu hồi màn hình {detail}', en: '{who} revoked the screen {detail}' },
  'key.created': { vi: '{who} tạo khoá nguồn dữ liệu {detail}', en: '{who} created the source key {detail}' },
  'key.revoked': {
    vi: '{who} thu hồi khoá nguồn dữ liệu {detail}',
    en: '{who} revoked the source key {detail}',
  },
  'user.created': { vi: '{who} thêm người dùng {detail}', en: '{who} added {detail}' },
  'user.unlocked': { vi: '{who} mở khoá tài khoản “{what}”', en: '{who} unlocked the account “{what}”' },
  'alert.acknowledged': { vi: '{who} xác nhận đã xem một cảnh báo', en: '{who} acknowledged an alert' },
  'meeting.created': { vi: '{who} tạo cuộc họp {detail}', en: '{who} created the meeting {detail}' },
  'meeting.steered': { vi: '{who} chuyển cuộc họp sang {detail}', en: '{who} moved the meeting to {detail}' },
  'meeting.presenter': {
    vi: '{who} trao quyền trình bày cho {detail}',
    en: '{who} handed the presenter’s seat to {detail}',
  },
  'meeting.ended': { vi: '{who} kết thúc cuộc họp {detail}', en: '{who} ended the meeting {detail}' },
  'meeting.invited': {
    vi: '{who} mời một màn hình vào cuộc họp',
    en: '{who} invited a screen into a meeting',
  },
  'fleet.command': { vi: '{who} gửi lệnh “{what}” tới màn hình', en: '{who} sent “{what}” to a screen' },
  'access.refused': { vi: '{who} bị từ chối: {detail}', en: '{who} was refused: {detail}' },
};

/** The server's fixed English details, in words. */
const DETAILS: Readonly<Record<string, Words>> = {
  'wrong password': { vi: 'sai mật khẩu', en: 'wrong password' },
  'unknown login': { vi: 'không có tên đăng nhập này', en: 'no such login' },
  'refused while locked': { vi: 'tài khoản đang bị khoá tạm thời', en: 'the account is locked' },
  'unknown command': { vi: 'lệnh không tồn tại', en: 'no such command' },
};

const NEEDS: Words = { vi: 'cần quyền {role}', en: 'needs the {role} role' };
const INVITED: Words = { vi: '“{title}”, mời {n} người', en: '“{title}”, {n} invited' };
const FROM: Words = { vi: ' từ {ip}', en: ' from {ip}' };
const SOMEONE: Words = { vi: 'Một người chưa đăng nhập', en: 'Someone not signed in' };

const fill = (text: string, vars: Readonly<Record<string, string>>) =>
  text.replace(/\{(\w+)\}/g, (_hole, name: string) => vars[name] ?? '');

const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

/** "Sở Tư pháp · Hôm nay" for a meeting view the server logged as JSON; the JSON itself never shows. */
function viewWords(json: string, l: Lang, commune: (code: string) => string): string | null {
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    const parts: string[] = [];
    if (isSceneId(v.scene)) parts.push(sceneName(v.scene, l));
    const def = typeof v.kpi === 'string' ? KPI_BY_ID.get(v.kpi) : undefined;
    if (def && v.scene === 'map') parts.push(def[l]);
    parts.push(typeof v.commune === 'string' ? commune(v.commune) : t('wholeProvince', undefined, l));
    if (isPeriod(v.period)) parts.push(periodName(v.period, l));
    return parts.join(' · ');
  } catch {
    return null;
  }
}

/** The entry's detail in words, by what the server writes for each action. */
function detailWords(e: AuditEntry, l: Lang, commune: (code: string) => string): string {
  const d = e.detail ?? '';
  const fixed = DETAILS[d];
  if (fixed) return label(fixed, l);
  const needs = /needs (\w+)$/.exec(d);
  if (needs?.[1] && isRole(needs[1])) {
    const what = e.target ? `${e.target}: ` : '';
    return `${what}${fill(label(NEEDS, l), { role: roleName(needs[1], l).toLowerCase() })}`;
  }
  if (e.action === 'user.created') {
    const m = /^(.*) \((\w+)\)$/.exec(d);
    if (m?.[1] && m[2] && isRole(m[2])) return `${m[1]} (${roleName(m[2], l).toLowerCase()})`;
  }
  if (e.action === 'meeting.created') {
    const m = /^(.*) \((\d+) invited\)$/.exec(d);
    if (m?.[1] && m[2]) return fill(label(INVITED, l), { title: m[1], n: m[2] });
  }
  if (e.action === 'meeting.steered') return viewWords(d, l, commune) ?? d;
  if (e.action === 'meeting.presenter') return who(d.replace(/^presenter: /, ''));
  if (e.action === 'access.refused') return d.replace(/^meeting:steer: /, '');
  return d;
}

/**
 * One audit entry as a sentence in the page's language: "Nguyễn Văn A đăng nhập từ 10.0.0.5",
 * "Quản trị chuyển cuộc họp sang Bản đồ · Phường Ba Đình · Hôm nay". Never the raw JSON of a detail.
 */
export function auditSentence(
  e: AuditEntry,
  l: Lang,
  commune: (code: string) => string = (code) => code,
): string {
  const template = SENTENCES[e.action] as Words | undefined;
  const whoText = e.actorName || (e.actor === 'anonymous' ? label(SOMEONE, l) : who(e.actor));
  if (!template) return [whoText, e.action, e.detail].filter(Boolean).join(' · ');
  return fill(label(template, l), {
    who: whoText,
    from: e.ip ? fill(label(FROM, l), { ip: e.ip }) : '',
    what: e.target ?? '',
    detail: detailWords(e, l, commune),
  }).trim();
}
