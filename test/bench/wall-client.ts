import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SCENE_IDS } from '../../shared/scenes';
import { launchChromium } from '../support/browser';
import { freePort, startServerProcess } from '../support/server-process';

/** Each scene this long, so one window sees every scene and every switch between them. */
const SCENE_MS = 6_000;

export interface WallClientResult {
  width: number;
  height: number;
  windowMs: number;
  /** Animation frames the page got per second over the window. */
  fps: number;
  /** Frame intervals (ms): the median, the 99th percentile and the worst, a stall shows in the last. */
  frameMedianMs: number;
  frameP99Ms: number;
  frameMaxMs: number;
  /** Share of the window the page's main thread spent running tasks (Chromium's TaskDuration). */
  busyShare: number;
  /** Of that, script and layout (Chromium's ScriptDuration, LayoutDuration), as shares of the window. */
  scriptShare: number;
  layoutShare: number;
  scenesSeen: string[];
}

/**
 * The wall as a control room runs it, at 3840x2160 in Debian's Chromium: the product on its embedded
 * demo (simulator at real speed), going through every scene. The scenes are chosen with the wall's own
 * buttons, as an operator would: the demo's critical alerts would otherwise hold the rotation on one
 * scene. Frames are counted with requestAnimationFrame in the page; busy time comes from Chromium's
 * own performance metrics.
 */
export async function measureWallClient(width = 3840, height = 2160): Promise<WallClientResult> {
  const index = fileURLToPath(new URL('../../dist/client/index.html', import.meta.url));
  if (!existsSync(index)) throw new Error('dist/client is missing: run `npm run build` first');
  const port = await freePort();
  const server = await startServerProcess({ REDIS_URL: '', SIMULATOR: '' }, port);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width, height } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector('[data-connection="live"]', { timeout: 30_000 });
    const everyScene = async () => {
      for (const id of SCENE_IDS) {
        await page.click(`[data-scene-button="${id}"]`);
        await page.waitForTimeout(SCENE_MS);
      }
    };
    // One round first: the map is built, V8 has compiled the hot paths.
    await everyScene();

    const metrics = async () => {
      const { metrics: list } = await cdp.send('Performance.getMetrics');
      return new Map(list.map((m) => [m.name, m.value]));
    };
    // The page records every frame's timestamp and the scenes it showed, for the window only.
    // A string, not a function: tsx would wrap a function's inner helpers in its own __name().
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__scenes = new Set();
      const tick = (t) => {
        window.__frames.push(t);
        const scene = document.querySelector('[data-visible-scene]')?.getAttribute('data-visible-scene');
        if (scene) window.__scenes.add(scene);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    const before = await metrics();
    const t0 = Date.now();
    await everyScene();
    const after = await metrics();
    const elapsedS = (Date.now() - t0) / 1000;
    const { frames, scenes } = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __scenes: Set<string> };
      return { frames: w.__frames, scenes: [...w.__scenes] };
    });
    const delta = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
    const gaps = frames
      .slice(1)
      .map((t, i) => t - frames[i]!)
      .sort((a, b) => a - b);
    const at = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? NaN;
    return {
      width,
      height,
      windowMs: Math.round(elapsedS * 1000),
      fps: frames.length / elapsedS,
      frameMedianMs: at(0.5),
      frameP99Ms: at(0.99),
      frameMaxMs: gaps.at(-1) ?? NaN,
      busyShare: delta('TaskDuration') / elapsedS,
      scriptShare: delta('ScriptDuration') / elapsedS,
      layoutShare: (delta('LayoutDuration') + delta('RecalcStyleDuration')) / elapsedS,
      scenesSeen: scenes,
    };
  } finally {
    await browser.close();
    await server.kill('SIGTERM');
  }
}
