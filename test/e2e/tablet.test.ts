import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LateBreakdown } from '../../shared/drill';
import type { DossierPage } from '../../shared/dossier-list';
import { systemClock } from '../../server/clock';
import { Users } from '../../server/auth/users';
import { createRedisStore } from '../../server/store';
import { launchChromium } from '../support/browser';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { freePort, startServerProcess } from '../support/server-process';
import { ARTIFACTS } from '../support/wall';

const LEADER = { login: 'lanhdao', name: 'Nguyễn Văn A', role: 'leader', password: 'mat-khau-lanh-dao-2025' };
const SIZES = [
  { name: '768x1024', width: 768, height: 1024, mapTap: false },
  { name: '1024x768', width: 1024, height: 768, mapTap: true },
  { name: '1366x1024', width: 1366, height: 1024, mapTap: false },
  { name: '390x844', width: 390, height: 844, mapTap: false },
] as const;

const prefix = uniquePrefix('e2e-tablet');
let browser: Browser;
let server: Awaited<ReturnType<typeof startServerProcess>>;
let base = '';

/** A signed-in leader's tablet (or phone) with every request recorded. */
async function signedIn(size: { width: number; height: number }) {
  if (server.child.exitCode !== null) throw new Error(`the server has stopped:\n${server.output()}`);
  const context = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    hasTouch: true,
    isMobile: size.width < 500,
  });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  // The request context shares the page's cookie jar: the session cookie lands where the page sees it.
  const res = await page.request.post(`${base}/api/v1/session`, {
    data: { login: LEADER.login, password: LEADER.password },
  });
  expect(res.status()).toBe(200);
  const foreign = () =>
    requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:'));
  return { context, page, foreign };
}

/** Nothing wider than the screen, and every control at least 44 × 44 px (WCAG 2.5.5). */
async function checkLayout(page: Page) {
  const m = await page.evaluate(() => {
    const root = document.documentElement;
    const scroller = document.querySelector<HTMLElement>('.tablet');
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      'button, a[href], select, input, [role="button"]',
    )) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not rendered
      if (getComputedStyle(el).visibility !== 'visible') continue;
      if (box.height < 44 || box.width < 44)
        small.push(
          `${el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}" ${box.width}x${box.height}`,
        );
    }
    return {
      pageWide: root.scrollWidth > window.innerWidth,
      scrollerWide: scroller ? scroller.scrollWidth > scroller.clientWidth : true,
      small,
      controls: document.querySelectorAll('button').length,
    };
  });
  expect(m.pageWide).toBe(false);
  expect(m.scrollerWide).toBe(false);
  expect(m.small).toEqual([]);
  expect(m.controls).toBeGreaterThan(5);
}

const shot = (page: Page, size: string, step: string) =>
  page.screenshot({ path: `${ARTIFACTS}/tablet-${size}-${step}.png` });

const query = (page: Page) => new URL(page.url()).searchParams;

/** The commune and agency with the most late dossiers now, so the drill-down has rows to tap. */
async function lateTarget(page: Page): Promise<{ agency: string; commune: string }> {
  const province = (await (
    await page.request.get(`${base}/api/v1/late?scope=province`)
  ).json()) as LateBreakdown;
  const agency = province.groups.toSorted((a, b) => b.late - a.late)[0]?.scope;
  if (!agency) throw new Error('the simulator has no late dossier yet');
  const byCommune = (await (
    await page.request.get(`${base}/api/v1/late?scope=${agency}`)
  ).json()) as LateBreakdown;
  const commune = byCommune.groups.toSorted((a, b) => b.late - a.late)[0]?.scope;
  if (!commune) throw new Error(`${agency} has no late dossier in a commune`);
  return { agency, commune };
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const url = testRedisUrl();
  const store = await createRedisStore({ url, prefix });
  await new Users(store, systemClock).add(LEADER);
  await store.close();
  const port = await freePort();
  server = await startServerProcess(
    // LOOPBACK_WATCH off: the test browser is on loopback, and must still need its session.
    { REDIS_URL: url, REDIS_PREFIX: prefix, SIMULATOR: 'on', SIM_SPEED: '60', LOOPBACK_WATCH: 'off' },
    port,
  );
  base = `http://127.0.0.1:${port}`;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.kill('SIGTERM');
  await dropPrefix(testRedisUrl(), prefix);
});

describe('the tablet view without a session', () => {
  it('shows no number and sends the visitor to sign in, coming back to the same address', async () => {
    const context: BrowserContext = await browser.newContext({ viewport: { width: 768, height: 1024 } });
    const page = await context.newPage();
    const data: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/v1\/(kpis|late|directory)/.test(r.url())) data.push(r.url());
    });
    await page.goto(`${base}/tablet?scope=commune:00004&period=30d`);
    await page.waitForURL(/\/login\?next=/);
    expect(decodeURIComponent(new URL(page.url()).searchParams.get('next') ?? '')).toBe(
      '/tablet?scope=commune:00004&period=30d',
    );
    expect(data).toEqual([]);
    await context.close();
  });
});

describe.each(SIZES)('the tablet view at $name', (size) => {
  it('drills province → commune → agency, changes the period, and walks back with the back button', async () => {
    const { context, page, foreign } = await signedIn(size);
    await page.goto(`${base}/tablet`);
    await page.waitForSelector('[data-view="province"] [data-section="kpis"] [data-kpi="onTimeRate"]');
    expect(query(page).get('scope')).toBe('province');
    expect(query(page).get('period')).toBe('today');
    expect(await page.textContent('[data-user]')).toBe(LEADER.name);
    expect(await page.textContent('[data-province]')).toContain('Hà Nội');
    // Every number says how old it is, in server time.
    expect(await page.textContent('[data-section="kpis"] .as-of')).toMatch(/Số liệu lúc \d\d:\d\d:\d\d/);
    // The map is drawn, and the ranking has today's live rates.
    await page.waitForSelector('[data-map-section][data-ready="true"]', { timeout: 45_000 });
    await page.waitForSelector('[data-commune-row][data-value]:not([data-value=""])', { timeout: 15_000 });
    await checkLayout(page);
    await shot(page, size.name, '1-province');
    await page.locator('[data-map-section]').scrollIntoViewIfNeeded();
    await shot(page, size.name, '1-province-map');

    if (size.mapTap) {
      // A tap on the map opens the commune under the finger.
      const box = (await page.locator('[data-map-section] .canvas').boundingBox())!;
      await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForSelector('[data-view="commune"]');
      expect(query(page).get('scope')).toMatch(/^commune:\d{5}$/);
      await shot(page, size.name, '2-commune-from-map');
      await page.goBack();
      await page.waitForSelector('[data-view="province"]');
      expect(query(page).get('scope')).toBe('province');
    }

    // A commune from the ranking (found with the search box), one with late dossiers to drill into.
    const { agency, commune } = await lateTarget(page);
    const communeName = (await (await page.request.get(`${base}/api/v1/directory`)).json()).communes[
      commune.slice('commune:'.length)
    ] as string;
    await page.fill('[data-ranking] input', communeName);
    await page.tap(`[data-commune-row="${commune.slice('commune:'.length)}"]`);
    await page.waitForSelector('[data-view="commune"] [data-kpi="onTimeRate"]');
    expect(query(page).get('scope')).toBe(commune);
    const crumbs = page.locator('[data-crumb]');
    const crumbScopes = () => crumbs.evaluateAll((els) => els.map((e) => e.getAttribute('data-crumb')));
    expect(await crumbScopes()).toEqual(['province', commune]);
    expect(await crumbs.first().textContent()).toContain('Toàn thành phố');
    await expect.poll(() => crumbs.last().textContent()).toBe(communeName);
    await page.waitForSelector(`[data-late-row="${agency}"]`, { timeout: 10_000 });
    await page.waitForSelector('[data-view="commune"] [data-chart="received"] rect[data-value]', {
      state: 'attached',
    });
    await checkLayout(page);
    await shot(page, size.name, '2-commune');

    // Its late dossiers by agency → that agency.
    await page.tap(`[data-late-row="${agency}"]`);
    await page.waitForSelector('[data-view="agency"] [data-kpi="onTimeRate"]');
    expect(query(page).get('scope')).toBe(agency);
    expect(query(page).get('via')).toBe(commune);
    expect(await crumbScopes()).toEqual(['province', commune, agency]);
    expect(await crumbs.nth(1).textContent()).toContain(communeName);
    await page.waitForSelector(`[data-late-row="${commune}"][data-marked="true"]`, { timeout: 10_000 });
    const todayRange = await page.textContent('[data-range]');
    expect(todayRange).toContain('so với cả ngày hôm qua');
    const todayReceived = Number(await page.getAttribute('[data-kpi="received"]', 'data-value'));
    await checkLayout(page);
    await shot(page, size.name, '3-agency-today');

    // Another period: the numbers, the dates and the comparison follow.
    await page.tap('button[data-period="30d"]');
    await page.waitForSelector('[data-view="agency"] [data-section="kpis"][data-period="30d"]');
    expect(query(page).get('period')).toBe('30d');
    expect(await page.getAttribute('button[data-period="30d"]', 'aria-pressed')).toBe('true');
    const range = await page.textContent('[data-range]');
    expect(range).not.toBe(todayRange);
    expect(range).toContain('so với 30 ngày trước đó');
    expect(await page.textContent('[data-kpi="onTimeRate"] [data-previous]')).toContain('Kỳ trước:');
    // 30 days hold today and the backfilled yesterday: at least today's count.
    const monthReceived = Number(await page.getAttribute('[data-kpi="received"]', 'data-value'));
    expect(monthReceived).toBeGreaterThanOrEqual(todayReceived);
    await page.waitForSelector('[data-view="agency"] [data-chart="received"][data-steps="30"]');
    await checkLayout(page);
    await shot(page, size.name, '4-agency-30d');

    // Back walks up to the commune, keeping the period just chosen.
    await page.goBack();
    await page.waitForSelector('[data-view="commune"] [data-section="kpis"][data-period="30d"]');
    expect(query(page).get('scope')).toBe(commune);
    expect(query(page).get('period')).toBe('30d');
    await shot(page, size.name, '5-back-to-commune');

    // A reload (or a shared link) opens the same place and period.
    await page.reload();
    await page.waitForSelector('[data-view="commune"] [data-section="kpis"][data-period="30d"]');
    expect(foreign()).toEqual([]);
    await context.close();
  }, 90_000);
});

describe('the tablet view, more', () => {
  it('speaks English with ?lang=en and keeps it while drilling', async () => {
    const { context, page } = await signedIn({ width: 1024, height: 768 });
    await page.goto(`${base}/tablet?lang=en`);
    await page.waitForSelector('[data-view="province"] [data-kpi="onTimeRate"]');
    expect(await page.textContent('[data-crumb="province"]')).toBe('Whole city');
    expect(await page.textContent('[data-section="kpis"] .as-of')).toMatch(/Data as of \d\d:\d\d:\d\d/);
    await page.tap('[data-agency-row="so-tu-phap"]');
    await page.waitForSelector('[data-view="agency"]');
    expect(query(page).get('lang')).toBe('en');
    expect(query(page).get('scope')).toBe('agency:so-tu-phap');
    await shot(page, '1024x768', 'en-agency');
    await context.close();
  }, 60_000);

  it('lists the late and due-soon dossiers of a place, 20 at a time, a page more on a tap', async () => {
    const { context, page } = await signedIn({ width: 1366, height: 1024 });
    /** Every id of a list now (the simulator runs at 60×: the list moves while the test reads it). */
    const listed = async (state: string) => {
      const res = await page.request.get(`${base}/api/v1/dossiers?scope=province&state=${state}&limit=500`);
      return ((await res.json()) as DossierPage).rows.map((r) => r.id);
    };
    const shown = (state: string) =>
      page.$$eval(`[data-dossier-list="${state}"] li[data-dossier]`, (lis) =>
        lis.map((li) => li.getAttribute('data-dossier')!),
      );
    const before = await listed('late');
    expect(before.length).toBeGreaterThan(20);
    await page.goto(`${base}/tablet`);
    await page.waitForSelector('[data-view="province"]');
    await page.waitForSelector('[data-dossier-list="late"] li[data-dossier]');
    expect(await page.textContent('[data-dossier-list="dueSoon"] h3')).toContain('Sắp trễ hạn (24 giờ)');
    const firstPage = await shown('late');
    const after = await listed('late');
    expect(firstPage).toHaveLength(20);
    for (const id of firstPage) expect(before.includes(id) || after.includes(id), id).toBe(true);
    await page.locator('[data-section="dossier-lists"]').scrollIntoViewIfNeeded();
    await shot(page, '1366x1024', 'dossier-lists');
    await page.tap('[data-dossier-list="late"] [data-more]');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-dossier-list="late"] li[data-dossier]').length > 20,
    );
    const twoPages = await shown('late');
    expect(new Set(twoPages).size).toBe(twoPages.length);
    expect(twoPages.slice(0, 20)).toEqual(firstPage);
    await context.close();
  }, 60_000);

  it('signs out: the session ends on the server and the phone goes to the sign-in page', async () => {
    const { context, page } = await signedIn({ width: 390, height: 844 });
    await page.goto(`${base}/tablet`);
    await page.waitForSelector('[data-view="province"]');
    await page.tap('.sign-out');
    await page.waitForURL(/\/login$/);
    expect((await page.request.get(`${base}/api/v1/session`)).status()).toBe(401);
    await context.close();
  }, 60_000);
});
