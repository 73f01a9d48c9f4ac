import express, { type Router } from 'express';
import type { Page } from 'playwright-core';
import { z } from 'zod';
import { formatDateTime } from '../../shared/format';
import { PERIODS } from '../../shared/periods';
import { SCENE_IDS, type SceneId } from '../../shared/scenes';
import { parseScope } from '../../shared/scope';
import type { Clock } from '../clock';
import type { Renderer } from '../render/renderer';
import { problemOf } from '../validation';
import { answerRenderError } from './render-errors';

/** A snapshot's size bounds: from a small preview to an 8K wall. */
export const SNAPSHOT_WIDTH = { min: 640, max: 7680, default: 3840 } as const;
export const SNAPSHOT_HEIGHT = { min: 360, max: 4320, default: 2160 } as const;
const WAIT_MS = 40_000;

const size = (b: { min: number; max: number; default: number }) =>
  z.coerce
    .number({ error: `must be a whole number of pixels from ${b.min} to ${b.max}` })
    .int({ error: `must be a whole number of pixels from ${b.min} to ${b.max}` })
    .min(b.min, { error: `must be at least ${b.min}` })
    .max(b.max, { error: `must be at most ${b.max}` })
    .default(b.default);

const snapshotQuery = z.object({
  scene: z.enum(SCENE_IDS, { error: `must be one of ${SCENE_IDS.join(', ')}` }).default('overview'),
  scope: z
    .string()
    .default('province')
    .refine((s) => 'scope' in parseScope(s), {
      error: 'must be "province", "commune:<code>" or "agency:<id>"',
    }),
  period: z.enum(PERIODS, { error: `must be one of ${PERIODS.join(', ')}` }).default('today'),
  w: size(SNAPSHOT_WIDTH),
  h: size(SNAPSHOT_HEIGHT),
});

/** "Số liệu tính đến 14:30, 12/11/2025": the words every kept picture and report carries. */
export const asOfWords = (t: number): string => `Số liệu tính đến ${formatDateTime(t)}`;

/**
 * At /api/v1/snapshot (mounted behind the leader guard): a PNG of a wall scene exactly as a wall shows
 * it: the wall's own page in kiosk mode (no controls), pinned to the scene, at the asked size (a 4K
 * wall by default), stamped in its corner with the time its numbers are as of. The scope and period go
 * to the wall's address as it reads them.
 */
export function snapshotRouter(deps: { clock: Clock; renderer: Renderer }): Router {
  const router = express.Router();
  router.get('/', async (req, res) => {
    const query = snapshotQuery.safeParse(req.query);
    if (!query.success) return void res.status(400).json({ error: problemOf(query.error) });
    const { scene, scope, period, w, h } = query.data;
    const address = new URLSearchParams({ scene, kiosk: '1', dim: 'off', scope, period });
    try {
      let asOf = 0;
      let shown = '';
      const png = await deps.renderer.render(`/?${address}`, { width: w, height: h }, async (page) => {
        shown = await waitForScene(page, scene);
        asOf = deps.clock.now();
        await stamp(page, asOfWords(asOf));
        return page.screenshot({ type: 'png' });
      });
      const file = `anh-${scene}-${scope.replace(':', '-')}-${period}.png`;
      res
        .set('Cache-Control', 'no-store')
        .set('Content-Type', 'image/png')
        .set('Content-Disposition', `attachment; filename="${file}"`)
        .set('X-As-Of', new Date(asOf).toISOString())
        // What the picture holds, in words, for whoever files it (percent-encoded: headers are ASCII).
        .set('X-Stamp', encodeURIComponent(asOfWords(asOf)))
        .set('X-Scene-Text', encodeURIComponent(shown))
        .send(png);
    } catch (err) {
      answerRenderError(res, err);
    }
  });
  return router;
}

/**
 * Waits until the wall is live and the scene is on screen, drawn with data (the map: its tiles too);
 * answers the scene's first words as drawn.
 */
async function waitForScene(page: Page, scene: SceneId): Promise<string> {
  await page.waitForSelector('[data-connection="live"]', { timeout: WAIT_MS });
  await page.waitForSelector(
    `[data-scene="${scene}"][data-visible="true"] [data-scene-content="${scene}"][data-ready="true"]`,
    { timeout: WAIT_MS },
  );
  if (scene === 'map') await page.waitForSelector('[data-map-ready="true"]', { timeout: WAIT_MS });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const content = page.locator(
    `[data-scene="${scene}"][data-visible="true"] [data-scene-content="${scene}"]`,
  );
  return (await content.innerText()).replace(/\s+/g, ' ').trim().slice(0, 160);
}

/** The as-of words in the picture's lower right corner (over the version, not the alerts), above everything, in the wall's own font. */
async function stamp(page: Page, words: string): Promise<void> {
  await page.evaluate((text) => {
    const el = document.createElement('div');
    el.dataset.snapshotStamp = '';
    el.textContent = text;
    // Set through the CSSOM: the page's CSP allows no inline style attribute.
    Object.assign(el.style, {
      position: 'fixed',
      right: '1.2vh',
      bottom: '1.2vh',
      zIndex: '100',
      padding: '0.6vh 1.2vh',
      borderRadius: '0.6vh',
      background: 'rgb(0 0 0 / 0.72)',
      color: '#fff',
      font: '600 1.9vh/1.3 "Be Vietnam Pro", sans-serif',
    });
    document.body.append(el);
  }, words);
}
