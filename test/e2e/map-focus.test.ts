import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { freePort, startServerProcess } from '../support/server-process';
import { sceneOffenders } from '../support/layout';
import { ARTIFACTS, SCREENS, openWall, waitForScene } from '../support/wall';

/** Xã Hồng Vân, Hà Nội (the demo's province, PROVINCE=01). */
const COMMUNE = '10210';
const NAME = 'Xã Hồng Vân';
const FULL_HD = { width: 1920, height: 1080 };
const MAP = '[data-scene="map"] .province-map';

/** The map scene on screen, its camera settled; returns the map's attributes. */
async function settledMap(page: Page) {
  await waitForScene(page, 'map', 60_000);
  await page.waitForSelector(`${MAP}[data-map-zoomed="true"]`, { timeout: 30_000 });
  return page.$eval(MAP, (el) => ({ ...(el as HTMLElement).dataset }));
}

/**
 * A wall opened on one commune (`?scope=commune:<code>`, what a presenter's pick does to a follower):
 * the map flies to it, outlines and names it, and says which period its colours show.
 */
describe('the map focused on one commune', () => {
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

  it('zooms to the commune, draws its name and writes it on the title', async () => {
    const province = await openWall(browser, base, FULL_HD);
    await province.page.goto(`${base}/?scene=map&kiosk`);
    const whole = await settledMap(province.page);
    expect(whole.mapFocus).toBe('');
    await province.page.close();

    const wall = await openWall(browser, base, FULL_HD);
    const { page } = wall;
    await page.goto(`${base}/?scene=map&kiosk&scope=commune:${COMMUNE}`);
    const focused = await settledMap(page);
    expect(focused.mapFocus).toBe(COMMUNE);
    // MapLibre placed the large label (a symbol it drops for collision is not rendered).
    expect(focused.mapFocusLabel).toBe(NAME);
    // One commune of 126 fills the map: the camera is far closer than on the whole province.
    expect(Number(focused.mapZoom)).toBeGreaterThan(Number(whole.mapZoom) + 2);
    const title = page.locator('[data-visible="true"] [data-map-title]');
    expect(await title.textContent()).toContain(NAME);
    expect(await title.isVisible()).toBe(true);
    expect(await page.textContent('[data-visible="true"] [data-map-period]')).toContain('Hôm nay');
    await page.screenshot({ path: `${ARTIFACTS}/map-focus-${FULL_HD.width}x${FULL_HD.height}.png` });
    expect(wall.foreign()).toEqual([]);
    await page.close();
  }, 120_000);

  it('colours by another period and writes it', async () => {
    const { page } = await openWall(browser, base, FULL_HD);
    await page.goto(`${base}/?scene=map&kiosk&scope=commune:${COMMUNE}&period=7d`);
    await settledMap(page);
    // The colours are the 7 days' values (GET /api/v1/kpis/communes), not today's live ones.
    await page.waitForSelector('[data-visible="true"] [data-map-values="7d"]', { timeout: 30_000 });
    const period = page.locator('[data-visible="true"] [data-map-period="7d"]');
    expect(await period.textContent()).toMatch(/Màu theo số liệu 7 ngày \(.*\) · lúc \d\d:\d\d/);
    expect(await period.isVisible()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/map-focus-7d-${FULL_HD.width}x${FULL_HD.height}.png` });
    await page.close();
  }, 120_000);

  // The longest name in Hà Nội and the longest period note: the title row must still fit every wall.
  it.each(SCREENS)(
    'fits the longest focus and period note at $name, nothing cut',
    async (screen) => {
      const { page } = await openWall(browser, base, screen);
      await page.goto(`${base}/?scene=map&kiosk&scope=commune:00226&period=month`);
      expect((await settledMap(page)).mapFocusLabel).toBe('Phường Văn Miếu - Quốc Tử Giám');
      // The longest note: the month's days and the age of its numbers, once they have come.
      await page.waitForSelector('[data-visible="true"] [data-map-values="month"]', { timeout: 30_000 });
      await page.screenshot({ path: `${ARTIFACTS}/map-focus-long-${screen.name}.png` });
      const { offenders, texts } = await sceneOffenders(page);
      expect(texts).toBeGreaterThan(10);
      expect(offenders).toEqual([]);
      await page.close();
    },
    120_000,
  );

  it('shows the whole province for a malformed scope', async () => {
    const { page } = await openWall(browser, base, FULL_HD);
    await page.goto(`${base}/?scene=map&kiosk&scope=commune:1021`);
    expect((await settledMap(page)).mapFocus).toBe('');
    await page.close();
  }, 120_000);
});
