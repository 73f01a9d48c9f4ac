// Fonts ship with the build (the control room has no internet). The weight files carry each subset
// (latin, latin-ext, vietnamese) with its unicode-range, so the browser fetches only what the text uses;
// the per-subset files (vietnamese-400.css, ...) have no unicode-range and would shadow one another.
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './app.css';
import { mount, type Component } from 'svelte';
import { z } from 'zod';

// The CSP allows no eval: zod must not even probe for it (the probe is reported as a violation).
z.config({ jitless: true });

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

/**
 * One page per audience, each loaded only where it is used: a tablet never opens the wall's socket
 * and a wall never loads the admin console.
 *   /login   sign-in (people)
 *   /tablet  leaders: drill-down and periods
 *   /admin   operators and admins: devices, source keys, people, audit log
 *   /meeting leaders and operators: meetings across bridge points, presented from here
 *   /print/report  the report as printed to PDF by the server's own Chromium (server/report/pdf.ts)
 *   anything else: the wall (a paired display, a signed-in person, or loopback in the demo)
 */
const pages: Record<string, () => Promise<{ default: Component }>> = {
  '/login': () => import('./sign-in/SignIn.svelte'),
  '/tablet': () => import('./tablet/Tablet.svelte'),
  '/admin': () => import('./admin/Console.svelte'),
  '/meeting': () => import('./meeting/MeetingPage.svelte'),
  '/print/report': () => import('./print/PrintReport.svelte'),
};
const path = location.pathname.replace(/\/+$/, '') || '/';
const load = pages[path] ?? (() => import('./wall/Wall.svelte'));
const { default: Page } = await load();
export default mount(Page, { target });
