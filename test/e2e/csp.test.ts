import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENE_IDS } from '../../shared/scenes';
import { launchChromium } from '../support/browser';
import { freePort, startServerProcess } from '../support/server-process';
import { ARTIFACTS, openWall, waitForScene } from '../support/wall';

const SCREEN = { width: 1920, height: 1080 };

/** What the page saw: CSP violations (collected from before any script of ours runs) and console errors. */
async function watch(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => w.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`),
      true,
    );
  });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // MapLibre's worker runs under the policy its own script was served with; its errors count too.
  page.on('worker', (worker) =>
    worker.on('console', (m) => {
      if (m.type() === 'error') errors.push(`worker: ${m.text()}`);
    }),
  );
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  return {
    errors,
    sockets,
    violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
  };
}

/**
 * The wall under its Content-Security-Policy (the app's own origin only): every scene and every page
 * draws without one violation, one console error or one request beyond the origin.
 */
describe('the pages under the Content-Security-Policy', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let base: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const port = await freePort();
    server = await startServerProcess({ REDIS_URL: '', SIMULATOR: 'on', SIM_SPEED: '60' }, port);
    base = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGTERM');
  });

  it.each(SCENE_IDS)(
    'draws the %s scene live with no violation, no console error and nothing from outside',
    async (scene) => {
      const wall = await openWall(browser, base, SCREEN);
      const { page } = wall;
      const seen = await watch(page);
      const res = await page.goto(`${base}/?scene=${scene}&kiosk`);
      // The socket is a ws:// connection to the page's own host, which connect-src 'self' must allow.
      await page.waitForSelector('[data-connection="live"]', { timeout: 15_000 });
      await waitForScene(page, scene);
      if (scene === 'map') await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
      await page.screenshot({ path: `${ARTIFACTS}/csp-${scene}.png` });
      expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
      expect(await seen.violations()).toEqual([]);
      expect(seen.errors).toEqual([]);
      expect(wall.foreign()).toEqual([]);
      // The live feed came over a WebSocket (not a polling fallback after a blocked upgrade).
      expect(seen.sockets.some((u) => u.startsWith(`${base.replace('http', 'ws')}/socket.io/`))).toBe(true);
      await page.close();
    },
    60_000,
  );

  it.each(['/login', '/tablet', '/admin'])(
    'opens %s with no violation and nothing from outside',
    async (path) => {
      const wall = await openWall(browser, base, SCREEN);
      const { page } = wall;
      const seen = await watch(page);
      const res = await page.goto(`${base}${path}`);
      await page.waitForFunction(() => (document.getElementById('app')?.childElementCount ?? 0) > 0);
      await page.waitForLoadState('networkidle');
      expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
      expect(await seen.violations()).toEqual([]);
      expect(wall.foreign()).toEqual([]);
      await page.close();
    },
    30_000,
  );
});
