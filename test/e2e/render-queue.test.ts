import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueFull, RenderTimeout } from '../../server/render/queue';
import { RENDER_COOKIE, RenderPasses } from '../../server/render/render-pass';
import { Renderer } from '../../server/render/renderer';
import { answerRenderError, RENDER_RETRY_AFTER_S } from '../../server/report/render-errors';
import { requireChromium } from '../support/prerequisites';

/**
 * The renderer's bounds with the real Chromium: a render beyond the line is refused at once, one that
 * runs too long is cut, and both answer 503 with Retry-After; the page carries a render pass, and the
 * pass is gone once the render ends.
 */
describe('the renderer: bounded line, time-out, pass', () => {
  let server: Server;
  let origin = '';
  const passes = new RenderPasses();
  const seen: { cookie: string | undefined; admitted: boolean; url?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ cookie: req.headers.cookie, admitted: passes.admits(req), url: req.url });
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><title>page</title><p id="ok">ok</p>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('refuses beyond the line, cuts a render that runs too long, and answers both with 503 Retry-After', async () => {
    const renderer = new Renderer({
      chromiumPath: requireChromium(),
      passes,
      origin: () => origin,
      concurrency: 1,
      queueMax: 1,
      timeoutMs: 3_000,
    });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const first = renderer.render('/', { width: 640, height: 360 }, async (page) => {
        await page.waitForSelector('#ok');
        await held;
        return 'first';
      });
      const second = renderer.render('/', { width: 640, height: 360 }, async () => 'second');
      await expect.poll(() => renderer.waiting).toBe(1);
      const third = await renderer
        .render('/', { width: 640, height: 360 }, async () => 'third')
        .catch((e) => e);
      expect(third).toBeInstanceOf(QueueFull);
      release();
      expect(await Promise.all([first, second])).toEqual(['first', 'second']);
      expect(renderer.launched).toBe(1);

      // The page read with a pass of its own, admitted while the render ran; afterwards it admits nothing.
      const pass = new RegExp(`${RENDER_COOKIE}=([\\w-]{43})`).exec(seen[0]?.cookie ?? '')?.[1];
      expect(pass).toBeDefined();
      // (The page itself; a favicon asked for as the render ends may come after its pass is gone.)
      expect(seen.filter((s) => s.url === '/' && !s.admitted)).toEqual([]);
      const after = {
        method: 'GET',
        headers: { cookie: `${RENDER_COOKIE}=${pass}` },
        socket: { remoteAddress: '127.0.0.1' },
      };
      expect(passes.admits(after as never)).toBe(false);

      const slow = await renderer
        .render('/', { width: 640, height: 360 }, (page) =>
          page.waitForSelector('#never', { timeout: 60_000 }),
        )
        .catch((e) => e);
      expect(slow).toBeInstanceOf(RenderTimeout);
      // The slot came back: the next render runs.
      expect(await renderer.render('/', { width: 640, height: 360 }, async () => 'after')).toBe('after');

      // What a client hears of each.
      const app = express();
      app.get('/full', (_req, res) => answerRenderError(res, third));
      app.get('/slow', (_req, res) => answerRenderError(res, slow));
      const http = app.listen(0, '127.0.0.1');
      await new Promise((r) => http.once('listening', r));
      try {
        const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
        for (const path of ['/full', '/slow']) {
          const res = await fetch(base + path);
          expect(res.status, path).toBe(503);
          expect(res.headers.get('retry-after'), path).toBe(String(RENDER_RETRY_AFTER_S));
          expect(((await res.json()) as { error: string }).error, path).toMatch(/thử lại/);
        }
      } finally {
        http.close();
      }
    } finally {
      await renderer.close();
    }
  }, 90_000);
});
