import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENE_IDS } from '../../shared/scenes';
import { launchChromium } from '../support/browser';
import { freePort, startServerProcess } from '../support/server-process';
import { openWall } from '../support/wall';

/**
 * The simulator at 576x plays a whole day in 150 s: every hour, a midnight and a new day. A wall's heap
 * follows the day (today's curves and lists grow until midnight), so growth is judged day against day:
 * the peak over one whole simulated day against the peak over the next, never a morning against an evening.
 */
const SPEED = 576;
const DAY_REAL_MS = 86_400_000 / SPEED;
const SCENE_REAL_S = 5;
/**
 * Long enough for V8 to finish compiling the hot paths and every scene to have been laid out twice: the
 * heap's growth before that is code and layout caches, not data kept.
 */
const WARM_UP_MS = 90_000;
const SOAK_DAYS = Number(process.env.SOAK_DAYS ?? 2);
const SOAK_MS = SOAK_DAYS * DAY_REAL_MS;
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
    "keeps the page heap's daily peak within 10% of the first day's after warm-up",
    async () => {
      const { page, foreign } = await openWall(browser, base, { width: 1920, height: 1080 });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(`${base}/?kiosk`);
      await page.waitForSelector('[data-connection="live"]');
      await page.waitForTimeout(WARM_UP_MS);
      const samples: {
        atS: number;
        dayIndex: number;
        heapMb: number;
        scene: string | null;
        day: string | null;
      }[] = [];
      const started = Date.now();
      while (Date.now() - started < SOAK_MS) {
        const heap = await settledHeap(page, cdp);
        const atMs = Date.now() - started;
        if (atMs >= SOAK_MS) break;
        samples.push({
          atS: Math.round(atMs / 1000),
          dayIndex: Math.floor(atMs / DAY_REAL_MS),
          heapMb: heap / 2 ** 20,
          scene: await page.getAttribute('[data-visible-scene]', 'data-visible-scene'),
          day: await page.textContent('.date'),
        });
        await page.waitForTimeout(SAMPLE_EVERY_MS);
      }
      const peaks = Array.from({ length: SOAK_DAYS }, (_, d) =>
        Math.max(...samples.filter((s) => s.dayIndex === d).map((s) => s.heapMb)),
      );
      const baseline = peaks[0]!;
      const final = Math.max(...peaks.slice(1));
      const report = {
        speed: SPEED,
        warmUpS: WARM_UP_MS / 1000,
        soakS: SOAK_MS / 1000,
        simulatedHours: ((WARM_UP_MS + SOAK_MS) * SPEED) / 3_600_000,
        dailyPeaksMb: peaks,
        baselineMb: baseline,
        finalMb: final,
        growth: final / baseline - 1,
        samples,
      };
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/soak.json', JSON.stringify(report, null, 2) + '\n');
      console.log(
        `soak: ${report.simulatedHours.toFixed(1)} simulated hours, ${samples.length} samples; daily heap peaks ` +
          `${peaks.map((p) => p.toFixed(2)).join(', ')} MB (${(report.growth * 100).toFixed(1)}% over the first day's)`,
      );
      expect(errors).toEqual([]);
      expect(foreign()).toEqual([]);
      expect(await page.getAttribute('.wall', 'data-connection')).toBe('live');
      // Every simulated day must have been sampled a few times, or its peak says little.
      for (let d = 0; d < SOAK_DAYS; d++)
        expect(samples.filter((s) => s.dayIndex === d).length).toBeGreaterThanOrEqual(3);
      expect(final).toBeLessThanOrEqual(baseline * 1.1);
      await page.close();
    },
    WARM_UP_MS + SOAK_MS + 60_000,
  );
});
