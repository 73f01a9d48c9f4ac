import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENE_IDS } from '../../shared/scenes';
import { launchChromium } from '../support/browser';
import { freePort, startServerProcess } from '../support/server-process';
import { openWall } from '../support/wall';

/** The simulator at 480x plays a whole day in 3 minutes: every hour, a midnight and a new day. */
const SPEED = 480;
const SCENE_REAL_S = 5;
/**
 * Long enough for V8 to finish compiling the hot paths and every scene to have been laid out twice: the
 * heap's growth before that is code and layout caches, not data kept.
 */
const WARM_UP_MS = 90_000;
const SOAK_MS = Number(process.env.SOAK_SECONDS ?? 150) * 1000;
/** Past the overview, so each sample waits for its next turn: one sample per rotation. */
const SAMPLE_EVERY_MS = 2 * SCENE_REAL_S * 1000;

/**
 * The page's JS heap in use after a full collection, in bytes (Chromium's own performance metrics),
 * read while the overview is on screen: each scene has its own layout objects, and comparing the heap
 * under different scenes would measure the scenes, not growth.
 */
async function settledHeap(page: Page, cdp: CDPSession): Promise<number> {
  await page.waitForSelector('[data-visible-scene="overview"]', { timeout: 60_000 });
  await page.waitForTimeout(1_000);
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
  if (used === undefined) throw new Error('Chromium reported no JSHeapUsedSize');
  return used;
}

describe('an accelerated soak: a simulated day in minutes, every scene over and over', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let base: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ioc-soak-'));
    const scenesFile = join(dir, 'scenes.json');
    // Scene durations are in server time, which runs SPEED times faster: 5 s on the page each.
    const scenes = SCENE_IDS.map((id) => ({ id, durationSec: SCENE_REAL_S * SPEED }));
    writeFileSync(scenesFile, JSON.stringify({ scenes }));
    const port = await freePort();
    server = await startServerProcess(
      { REDIS_URL: '', SIMULATOR: 'on', SIM_SPEED: String(SPEED), SCENES_FILE: scenesFile },
      port,
    );
    base = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGTERM');
  });

  it(
    'keeps the page heap within 10% of its level after warm-up',
    async () => {
      const { page, foreign } = await openWall(browser, base, { width: 1920, height: 1080 });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(`${base}/?kiosk`);
      await page.waitForSelector('[data-connection="live"]');
      await page.waitForTimeout(WARM_UP_MS);
      const baseline = await settledHeap(page, cdp);
      const samples: { atS: number; heapMb: number; scene: string | null; day: string | null }[] = [];
      const started = Date.now();
      while (Date.now() - started < SOAK_MS) {
        await page.waitForTimeout(SAMPLE_EVERY_MS);
        samples.push({
          atS: Math.round((Date.now() - started) / 1000),
          heapMb: (await settledHeap(page, cdp)) / 2 ** 20,
          scene: await page.getAttribute('[data-visible-scene]', 'data-visible-scene'),
          day: await page.textContent('.date'),
        });
      }
      const final = await settledHeap(page, cdp);
      const report = {
        speed: SPEED,
        warmUpS: WARM_UP_MS / 1000,
        soakS: SOAK_MS / 1000,
        simulatedHours: ((WARM_UP_MS + SOAK_MS) * SPEED) / 3_600_000,
        baselineMb: baseline / 2 ** 20,
        finalMb: final / 2 ** 20,
        growth: final / baseline - 1,
        samples,
      };
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/soak.json', JSON.stringify(report, null, 2) + '\n');
      console.log(
        `soak: ${report.simulatedHours.toFixed(1)} simulated hours; heap ${report.baselineMb.toFixed(1)} MB after warm-up, ` +
          `${report.finalMb.toFixed(1)} MB at the end (${(report.growth * 100).toFixed(1)}%)`,
      );
      expect(errors).toEqual([]);
      expect(foreign()).toEqual([]);
      expect(await page.getAttribute('.wall', 'data-connection')).toBe('live');
      expect(final).toBeLessThanOrEqual(baseline * 1.1);
      await page.close();
    },
    WARM_UP_MS + SOAK_MS + 60_000,
  );
});
