import type { Dictionary } from './lang';

/** The sign-in page's words, Vietnamese first. */
export const SIGN_IN = {
  signInLead: {
    vi: 'Dành cho lãnh đạo, cán bộ vận hành và quản trị viên',
    en: 'For leaders, operators and administrators',
  },
  submitting: { vi: 'Đang đăng nhập…', en: 'Signing in…' },
  needLogin: { vi: 'Nhập tên đăng nhập', en: 'Enter your login' },
  needPassword: { vi: 'Nhập mật khẩu', en: 'Enter your password' },
  checking: { vi: 'Đang kiểm tra phiên đăng nhập…', en: 'Checking your session…' },
  signedInAs: { vi: 'Bạn đang đăng nhập với tên', en: 'You are signed in as' },
  continue: { vi: 'Tiếp tục', en: 'Continue' },
  signingOut: { vi: 'Đang đăng xuất…', en: 'Signing out…' },
  backToWall: { vi: 'Về màn hình điều hành', en: 'Back to the wall' },
} satisfies Dictionary;
