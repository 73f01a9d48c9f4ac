import type { Request, RequestHandler } from 'express';

/**
 * The pages of the single-page app, as client/main.ts routes them (a trailing slash is the same page).
 * Any other path is not a page: it answers 404 with a page that says so and links to the screens,
 * rather than the wall with 200, which would hide a mistyped address behind a live-looking screen.
 */
export const CLIENT_PAGES: readonly string[] = [
  '/',
  '/login',
  '/tablet',
  '/admin',
  '/meeting',
  '/print/report',
];

/** Whether a path is one of the app's pages: "/tablet", "/tablet/", "/index.html". */
export function isClientPage(path: string): boolean {
  const page = path.replace(/\/+$/, '') || '/';
  return page === '/index.html' || CLIENT_PAGES.includes(page);
}

const WORDS = {
  vi: {
    lang: 'vi',
    title: 'Không tìm thấy trang',
    lead: 'Địa chỉ này không có trên hệ thống. Hãy chọn một màn hình:',
    links: [
      ['/', 'Màn hình tường (trung tâm điều hành)'],
      ['/tablet', 'Máy tính bảng lãnh đạo'],
      ['/meeting', 'Họp, giao ban'],
      ['/admin', 'Quản trị'],
      ['/login', 'Đăng nhập'],
    ],
  },
  en: {
    lang: 'en',
    title: 'Page not found',
    lead: 'There is no such address. Choose a screen:',
    links: [
      ['/?lang=en', 'Wall (operations centre)'],
      ['/tablet?lang=en', "Leaders' tablet"],
      ['/meeting?lang=en', 'Meetings'],
      ['/admin?lang=en', 'Administration'],
      ['/login?lang=en', 'Sign in'],
    ],
  },
} as const;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The 404 page: plain HTML, no script and no inline style, so the CSP holds; Vietnamese unless ?lang=en. */
export function notFoundPage(path: string, lang: 'vi' | 'en'): string {
  const w = WORDS[lang];
  const items = w.links.map(([href, text]) => `<li><a href="${href}">${text}</a></li>`).join('');
  return (
    `<!doctype html><html lang="${w.lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>404 · ${w.title}</title>` +
    `</head><body><main><h1>404 · ${w.title}</h1><p><code>${escapeHtml(path)}</code></p>` +
    `<p>${w.lead}</p><ul>${items}</ul></main></body></html>`
  );
}

const langOf = (req: Request): 'vi' | 'en' => (req.query.lang === 'en' ? 'en' : 'vi');

/**
 * Serves index.html for the app's pages and the 404 page for any other GET or HEAD outside /api and
 * /socket.io (those answer their own errors). Mounted after the static files, so a built asset that
 * exists is served before this runs and a missing one gets a 404 rather than the app's HTML.
 */
export function spaPages(staticDir: string): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || /^\/(api|socket\.io)\//.test(req.path))
      return next();
    if (isClientPage(req.path)) return res.sendFile('index.html', { root: staticDir });
    res
      .status(404)
      .type('html')
      .send(notFoundPage(req.path, langOf(req)));
  };
}
