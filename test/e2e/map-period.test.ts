import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunePeriodResponse } from '../../shared/commune-period';
import type { PeriodResponse } from '../../shared/history';
import { launchChromium } from '../support/browser';
import { freePort, startServerProcess } from '../support/server-process';
import { sceneOffenders } from '../support/layout';
import { ARTIFACTS, SCREENS, openWall, waitForScene } from '../support/wall';

const FULL_HD = { width: 1920, height: 1080 };
const MAP = '[data-scene="map"][data-visible="true"]';
/** The wall's one minimum sample (MIN_SAMPLE, default): rates over fewer dossiers are not ranked. */
const MIN_SAMPLE = 20;

/** The last answer of a route the page itself received. */
function lastAnswer<T>(page: Page, route: string): () => T | null {
  let last: T | null = null;
  page.on('response', (r) => {
    if (!r.url().includes(route) || r.status() !== 200) return;
    r.json().then(
      (body: T) => void (last = body),
      () => undefined,
    );
  });
  return () => last;
}

/**
 * Issue 15: a wall showing a period other than today colours and lists the communes by that period's
 * values (GET /api/v1/kpis/communes), says which period and how old, and the task tiles say their
 * overdue counts are the counts at the period's end. A demo with 7 days of past.
 */
describe('the map and the task tiles under a period', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let base = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const port = await freePort();
    server = await startServerProcess(
      { REDIS_URL: '', SIMULATOR: '', SIM_START: '2026-12-07T10:30:00+07:00', SIM_PAST_DAYS: '7' },
      port,
    );
    base = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGTERM');
  });

  it("colours and ranks the communes by the 30 days' values, and says so", async () => {
    const { page } = await openWall(browser, base, FULL_HD);
    const answer = lastAnswer<CommunePeriodResponse>(page, '/api/v1/kpis/communes');
    await page.goto(`${base}/?scene=map&kiosk&period=30d`);
    await waitForScene(page, 'map', 60_000);
    await page.waitForSelector(`${MAP} [data-map-values="30d"] .province-map[data-map-zoomed="true"]`, {
      timeout: 30_000,
    });
    const note = page.locator(`${MAP} [data-map-period="30d"]`);
    expect(await note.textContent()).toMatch(
      /Màu theo số liệu 30 ngày \(\d\d\/\d\d–\d\d\/\d\d\/\d{4}\) · lúc \d\d:\d\d/,
    );
    expect(await note.isVisible()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/periodmap-30d-${FULL_HD.width}x${FULL_HD.height}.png` });

    // The lists are the period answer's: the weakest rates over at least MIN_SAMPLE dossiers, the
    // most late dossiers (at the period's end), exactly as the page received them.
    const got = answer()!;
    expect(got.period).toBe('30d');
    const [rate, late] = [got.kpis.indexOf('onTimeRate'), got.kpis.indexOf('open.late')];
    const rows = Object.values(got.communes);
    const weakest = rows
      .map((f) => f[rate]!)
      .filter(([v, , den]) => v !== null && den !== null && den >= MIN_SAMPLE)
      .map(([v]) => v!)
      .sort((a, b) => a - b)
      .slice(0, 10);
    const mostLate = rows
      .map((f) => f[late]![0] ?? 0)
      .filter((v) => v > 0)
      .sort((a, b) => b - a)
      .slice(0, 10);
    expect(weakest.length).toBeGreaterThan(0);
    const [lateList, rateList] = await page.$$(`${MAP} .ranking ol`);
    const values = async (list: typeof lateList) =>
      list!.$$eval('.value', (els) => els.map((e) => Number((e as HTMLElement).dataset.value)));
    expect(await values(rateList)).toEqual(weakest);
    expect(await values(lateList)).toEqual(mostLate);
    const headings = await page.$$eval(`${MAP} .side h3`, (hs) => hs.map((h) => h.textContent ?? ''));
    expect(headings.every((h) => h.includes('30 ngày'))).toBe(true);
    expect(headings[1]).toContain('cuối kỳ');
    await page.close();
  }, 180_000);

  // With data in every list and the longest headings ("… · 30 ngày (cuối kỳ)"): nothing cut on any wall.
  it.each(SCREENS)(
    'fits the period note, headings and lists at $name, nothing cut',
    async (screen) => {
      const { page } = await openWall(browser, base, screen);
      await page.goto(`${base}/?scene=map&kiosk&period=30d`);
      await waitForScene(page, 'map', 60_000);
      await page.waitForSelector(`${MAP} [data-map-values="30d"] .province-map[data-map-zoomed="true"]`, {
        timeout: 30_000,
      });
      await page.screenshot({ path: `${ARTIFACTS}/periodmap-30d-${screen.name}.png` });
      const { offenders, texts } = await sceneOffenders(page);
      expect(texts).toBeGreaterThan(20);
      expect(offenders).toEqual([]);
      await page.close();
    },
    120_000,
  );

  it('stays live, today’s, without a period', async () => {
    const { page } = await openWall(browser, base, FULL_HD);
    await page.goto(`${base}/?scene=map&kiosk`);
    await waitForScene(page, 'map', 60_000);
    await page.waitForSelector(`${MAP} [data-map-values="today"]`);
    expect(await page.textContent(`${MAP} [data-map-period="today"]`)).toMatch(/^Kỳ.*: Hôm nay$/);
    await page.close();
  }, 120_000);

  it('shows overdue tasks over 7 days as the count at the period’s end', async () => {
    const { page } = await openWall(browser, base, FULL_HD);
    const answer = lastAnswer<PeriodResponse>(page, '/api/v1/kpis/period');
    await page.goto(`${base}/?scene=tasks&kiosk&period=7d`);
    await waitForScene(page, 'tasks', 60_000);
    const tile = page.locator('[data-scene="tasks"][data-visible="true"] [data-kpi="tasks.nq57.overdue"]');
    const row = answer()!.kpis.find((k) => k.id === 'tasks.nq57.overdue')!;
    expect(row.value).not.toBeNull();
    expect(await tile.locator('.value').getAttribute('data-value')).toBe(String(row.value));
    expect(await tile.locator('[data-at-end]').textContent()).toBe('(cuối kỳ)');
    await page.screenshot({ path: `${ARTIFACTS}/periodmap-tasks-7d-${FULL_HD.width}x${FULL_HD.height}.png` });
    await page.close();
  }, 120_000);
});
