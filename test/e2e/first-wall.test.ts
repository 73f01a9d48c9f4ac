import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { freePort, startServerProcess } from '../support/server-process';

const ARTIFACTS = 'test-results/screenshots';

describe('the first wall page on the embedded default (npm start with no configuration)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let base: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const port = await freePort();
    // No REDIS_URL: the in-memory store and the simulator, exactly as a newcomer's first start.
    server = await startServerProcess({ REDIS_URL: '', SIMULATOR: '' }, port);
    base = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGTERM');
  });

  it('shows live numbers that move within 5 seconds, loading nothing from outside its origin', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const foreign: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:')
        foreign.push(r.url());
    });
    await page.goto(base);
    await page.waitForSelector('[data-connection="live"]', { timeout: 10_000 });
    const value = page.locator('[data-kpi="received"] [data-value]');
    await expect.poll(() => value.textContent(), { timeout: 5000 }).toMatch(/\d/);
    const first = await value.textContent();
    const opened = Date.now();
    await expect
      .poll(async () => (await value.textContent()) !== first, { timeout: 5000, interval: 100 })
      .toBe(true);
    expect(Date.now() - opened).toBeLessThan(5000);
    await expect(page.locator('body')).toBeDefined();
    expect(await page.textContent('body')).toContain('TRUNG TÂM ĐIỀU HÀNH THÔNG MINH');
    expect(await page.textContent('body')).toContain('Hà Nội');
    await page.screenshot({ path: `${ARTIFACTS}/first-wall-1920x1080.png` });
    expect(foreign).toEqual([]);
  }, 30_000);
});
