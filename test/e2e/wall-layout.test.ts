import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES } from '../../shared/alert-rules';
import { SCENE_IDS } from '../../shared/scenes';
import { launchChromium } from '../support/browser';
import { measureLayout } from '../support/layout';
import { freePort, startServerProcess } from '../support/server-process';
import { ARTIFACTS, SCREENS, waitForScene } from '../support/wall';

const PASSWORD = 'demo-layout-check-1';
/** Kiosk: nothing to touch. Operator: a signed-in operator, with the scene buttons and "Đã xem". */
const MODES = ['kiosk', 'operator'] as const;

/**
 * Every scene at every wall size, in kiosk and operator mode, on the demo's own data (the simulator at a
 * busy Monday morning, with yesterday to compare against): no text cut by its box, by an ellipsis or by
 * the screen, and no two texts on top of each other.
 */
describe('nothing cut, nothing overlapping on the wall', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let base: string;
  const contexts = new Map<string, BrowserContext>();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // The built-in rules, raising at once rather than after a minute off target: the alert seen at the
    // start (sources not yet heard) clears as the simulator speaks, and the first scene would otherwise
    // wait that minute for the rules' alerts.
    const alertsFile = join(mkdtempSync(join(tmpdir(), 'ioc-layout-')), 'alerts.json');
    const rules = DEFAULT_ALERT_RULES.rules.map((r) => ({ ...r, raiseAfterSec: 0 }));
    writeFileSync(alertsFile, JSON.stringify({ ...DEFAULT_ALERT_RULES, rules }));
    const port = await freePort();
    server = await startServerProcess(
      {
        REDIS_URL: '',
        SIMULATOR: '',
        SIM_START: '2026-12-07T10:30:00+07:00',
        SIM_PAST_DAYS: '1',
        DEMO_PASSWORD: PASSWORD,
        ALERTS_FILE: alertsFile,
      },
      port,
    );
    base = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
    // Wait for the first alerts, so every case measures a ticker with alerts in it.
    const page = await browser.newPage();
    await page.goto(`${base}/?scene=overview&kiosk`);
    await page.waitForSelector('[data-alert-id]', { timeout: 150_000 });
    await page.close();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGTERM');
  });

  async function contextFor(mode: (typeof MODES)[number], size: { width: number; height: number }) {
    const key = `${mode}-${size.width}x${size.height}`;
    let context = contexts.get(key);
    if (context) return context;
    context = await browser.newContext({ viewport: size });
    if (mode === 'operator') {
      const res = await context.request.post(`${base}/api/v1/session`, {
        data: { login: 'vanhanh', password: PASSWORD },
      });
      expect(res.status()).toBe(200);
    }
    contexts.set(key, context);
    return context;
  }

  describe('"Vì sao có con số này" (why this number)', () => {
    const fullHd = { width: 1920, height: 1080 };
    const tile = '[data-visible="true"] [data-kpi="onTimeRate"]';

    it('opens on a click on the operator wall, with numerator, denominator, target and as-of', async () => {
      const page = await (await contextFor('operator', fullHd)).newPage();
      await page.goto(`${base}/?scene=overview&dim=off`);
      await waitForScene(page, 'overview', 60_000);
      await expect.poll(() => page.getAttribute(`${tile} [data-value]`, 'data-value')).toMatch(/\d/);
      await page.click(tile);
      const panel = page.locator('[data-why-panel="onTimeRate"]');
      await panel.waitFor({ timeout: 5000 });
      const row = (key: string) => panel.locator(`[data-why-row="${key}"] dd`).textContent();
      expect(await panel.textContent()).toContain('Vì sao có con số này');
      expect(await row('formula')).toContain('÷');
      expect(await row('numerator')).toMatch(/[1-9]/);
      expect(await row('denominator')).toMatch(/[1-9]/);
      expect(await row('target')).toBe('≥ 98,0%');
      expect(await row('points766')).toMatch(/\/ 20$/);
      expect(await row('asOf')).toMatch(/\d{2}:\d{2}/);
      expect(await row('sources')).toContain('Hệ thống một cửa');
      await page.screenshot({ path: `${ARTIFACTS}/layout-why-panel-1920x1080-operator.png` });
      await page.keyboard.press('Escape');
      await expect.poll(() => panel.count()).toBe(0);
      await page.close();
    }, 90_000);

    it('never opens on a kiosk', async () => {
      const page = await (await contextFor('kiosk', fullHd)).newPage();
      await page.goto(`${base}/?scene=overview&dim=off&kiosk`);
      await waitForScene(page, 'overview', 60_000);
      await page.click(tile);
      await page.waitForTimeout(500);
      expect(await page.locator('[data-why-panel]').count()).toBe(0);
      expect(await page.locator(`${tile}[tabindex]`).count()).toBe(0);
      await page.close();
    }, 90_000);
  });

  describe.each(SCREENS)('at $name', (screen) => {
    describe.each(MODES)('in %s mode', (mode) => {
      it.each(SCENE_IDS)(
        'the %s scene',
        async (scene) => {
          const context = await contextFor(mode, screen);
          const page = await context.newPage();
          await page.goto(`${base}/?scene=${scene}&dim=off${mode === 'kiosk' ? '&kiosk' : ''}`);
          await page.waitForSelector('[data-connection="live"]', { timeout: 15_000 });
          // Generous waits: the suite runs on 2 busy cores, and a 4K map draws in software.
          await waitForScene(page, scene, 60_000);
          if (scene === 'map') await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
          // Alerts on the ticker (the demo raises some by mid-morning), and the roll-up of counts settled.
          await page.waitForSelector('[data-alert-id]', { timeout: 60_000 });
          await page.waitForTimeout(1200);
          const layout = await measureLayout(page);
          await page.screenshot({ path: `${ARTIFACTS}/layout-${scene}-${screen.name}-${mode}.png` });
          await page.close();
          expect(layout.texts).toBeGreaterThan(10);
          const offenders = [
            ...layout.cut.map((c) => `cut (${c.by}): "${c.text}"`),
            ...layout.overlaps.map((o) => `overlap: "${o.a}" × "${o.b}"`),
          ];
          expect(offenders, `${scene} at ${screen.name}, ${mode}`).toEqual([]);
        },
        150_000,
      );
    });
  });
});
