import type { Lang } from '../../../shared/format';
import type { Role } from '../../../shared/roles';
import { lang } from './wall';

/** The sign-in page's and the pairing screen's words, Vietnamese first (`?lang=en` for English). */
const WORDS = {
  product: { vi: 'TRUNG TÂM ĐIỀU HÀNH THÔNG MINH', en: 'INTELLIGENT OPERATIONS CENTER' },
  // Sign-in.
  signInTitle: { vi: 'Đăng nhập', en: 'Sign in' },
  signInLead: {
    vi: 'Dành cho lãnh đạo, cán bộ vận hành và quản trị viên',
    en: 'For leaders, operators and administrators',
  },
  login: { vi: 'Tên đăng nhập', en: 'Login' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  submit: { vi: 'Đăng nhập', en: 'Sign in' },
  submitting: { vi: 'Đang đăng nhập…', en: 'Signing in…' },
  needLogin: { vi: 'Nhập tên đăng nhập', en: 'Enter your login' },
  needPassword: { vi: 'Nhập mật khẩu', en: 'Enter your password' },
  checking: { vi: 'Đang kiểm tra phiên đăng nhập…', en: 'Checking your session…' },
  signedInAs: { vi: 'Bạn đang đăng nhập với tên', en: 'You are signed in as' },
  continue: { vi: 'Tiếp tục', en: 'Continue' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  signingOut: { vi: 'Đang đăng xuất…', en: 'Signing out…' },
  wall: { vi: 'Về màn hình điều hành', en: 'Back to the wall' },
  // The pairing screen.
  unpaired: { vi: 'Màn hình chưa được ghép nối', en: 'This screen is not paired yet' },
  pairCodeLabel: { vi: 'Mã ghép nối', en: 'Pairing code' },
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
  signInLink: { vi: 'Đăng nhập', en: 'Sign in' },
} satisfies Record<string, Record<Lang, string>>;

export type WordKey = keyof typeof WORDS;

/** A word in the page's language, with `{name}` holes filled from `vars`. */
export function w(key: WordKey, vars: Record<string, string> = {}, l: Lang = lang): string {
  return WORDS[key][l].replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

const ROLE_WORDS: Record<Role, Record<Lang, string>> = {
  viewer: { vi: 'Người xem', en: 'Viewer' },
  leader: { vi: 'Lãnh đạo', en: 'Leader' },
  operator: { vi: 'Cán bộ vận hành', en: 'Operator' },
  admin: { vi: 'Quản trị viên', en: 'Administrator' },
};

/** A role in words: "Cán bộ vận hành". */
export const roleName = (role: Role, l: Lang = lang): string => ROLE_WORDS[role][l];

/** Minutes left in words, rounded up, never "0": "9 phút", "1 phút" (en "9 min"). */
export function minutesLeft(ms: number, l: Lang = lang): string {
  const n = Math.max(1, Math.ceil(ms / 60_000));
  return `${n} ${l === 'vi' ? 'phút' : 'min'}`;
}
