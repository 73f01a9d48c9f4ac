import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENE_IDS } from '../../shared/scenes';
import { launchChromium } from '../support/browser';
import { freePort, startServerProcess } from '../support/server-process';
import { ARTIFACTS, SCREENS, measureType, openWall, waitForScene } from '../support/wall';

/**
 * Every scene at every wall size, on the embedded demo: live numbers, type readable from 5 m, nothing
 * scrolled or clipped off, and not one request beyond the app's own origin.
 */
describe('the wall on 1920x1080, 3840x2160 and 5120x1440', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let base: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const port = await freePort();
    server = await startServerProcess({ REDIS_URL: '', SIMULATOR: '' }, port);
    base = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGTERM');
  });

  describe.each(SCREENS)('at $name', (screen) => {
    it.each(SCENE_IDS)(
      'renders the %s scene with live numbers, readable type and nothing from outside',
      async (scene) => {
        const wall = await openWall(browser, base, screen);
        const { page } = wall;
        await page.goto(`${base}/?scene=${scene}&kiosk`);
        await page.waitForSelector('[data-connection="live"]', { timeout: 15_000 });
        // A 32:9 map draws in software on two busy cores: give it the time the layout test gives it.
        await waitForScene(page, scene, scene === 'map' ? 60_000 : 20_000);
        if (scene === 'map') await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
        // Live: some number on the scene comes from the feed (not the waiting dash).
        await expect
          .poll(
            () =>
              page.$$eval('[data-visible="true"] [data-value]', (els) =>
                els.some((e) => /[1-9]/.test(e.getAttribute('data-value') ?? '')),
              ),
            { timeout: 10_000 },
          )
          .toBe(true);
        const type = await measureType(page);
        await page.screenshot({ path: `${ARTIFACTS}/wall-${scene}-${screen.name}.png` });
        expect(type.small, `text below 1.6% of ${screen.height}px`).toEqual([]);
        expect(type.smallNumbers, 'headline numbers below 5% of the height').toEqual([]);
        expect(type.scrolls).toBe(false);
        expect(wall.foreign()).toEqual([]);
        expect(wall.requests.length).toBeGreaterThan(0);
        await page.close();
      },
      150_000,
    );
  });
});
