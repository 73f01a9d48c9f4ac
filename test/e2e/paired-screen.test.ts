import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Users } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import { createRedisStore } from '../../server/store/index';
import { dayOf } from '../../shared/time';
import { launchChromium } from '../support/browser';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { freePort, startServerProcess } from '../support/server-process';
import { ARTIFACTS, openWall, waitForScene } from '../support/wall';

/** A simulated day in a real minute. */
const SPEED = 1440;
const OPERATOR = {
  login: 'truc.ban',
  name: 'Trực ban phòng điều hành',
  role: 'operator',
  password: 'mật khẩu trực ban',
};

/**
 * Records, in the page, every moment it showed something other than the wall: the pairing screen, a
 * sign-in page, or a page that is not the wall's address. A reload or a navigation resets nothing: the
 * record lives in sessionStorage.
 */
function recordDetours(page: Page) {
  return page.addInitScript(() => {
    const log = (what: string) => {
      const seen = JSON.parse(sessionStorage.getItem('detours') ?? '[]') as string[];
      seen.push(`${new Date().toISOString()} ${what}`);
      sessionStorage.setItem('detours', JSON.stringify(seen));
    };
    log(`load ${location.pathname}`);
    const check = () => {
      if (location.pathname !== '/') log(`path ${location.pathname}`);
      if (document.querySelector('[data-testid="pairing-screen"]')) log('pairing');
      if (document.querySelector('input[type="password"]')) log('login form');
    };
    setInterval(check, 250);
  });
}
const detours = (page: Page) =>
  page.evaluate(() => JSON.parse(sessionStorage.getItem('detours') ?? '[]') as string[]);

/** The day of the server's clock, as the wall's header shows it (Asia/Ho_Chi_Minh). */
const serverDay = async (page: Page) =>
  dayOf(Number(await page.locator('[data-server-time]').first().getAttribute('data-server-time')));

describe('a paired wall screen, with real Redis', () => {
  const prefix = uniquePrefix('paired-screen');
  let env: Record<string, string>;
  let port: number;
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  let wallContext: BrowserContext;
  let wall: Page;
  let operator: Page;
  let base: string;
  let deviceId: string;
  let foreign: () => string[];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const store = await createRedisStore({ url: testRedisUrl(), prefix });
    await new Users(store, systemClock).add(OPERATOR);
    await store.close();
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // Real data path, no loopback watching: the wall must be paired like one in a control room.
    env = {
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      SIMULATOR: 'on',
      SIM_SPEED: String(SPEED),
      LOOPBACK_WATCH: 'off',
    };
    server = await startServerProcess(env, port);
    browser = await launchChromium();
    wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const opened = await openWall(browser, base, { width: 1366, height: 1024 });
    operator = opened.page;
    wall = await wallContext.newPage();
    const requests: string[] = [];
    wall.on('request', (r) => requests.push(r.url()));
    foreign = () => requests.filter((u) => !u.startsWith(base) && !/^(data|blob):/.test(u));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.kill();
    await dropPrefix(testRedisUrl(), prefix);
  });

  it('shows a pairing code, never a login form, until an operator pairs it in the console', async () => {
    await wall.goto(`${base}/?scene=overview`);
    const code = await wall.getByTestId('pair-code').textContent({ timeout: 15_000 });
    expect(code).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    await wall.screenshot({ path: `${ARTIFACTS}/paired-1-code.png` });
    expect(await wall.locator('input[type="password"]').count()).toBe(0);

    await operator.goto(`${base}/admin`);
    await operator.waitForURL(/\/login/);
    await operator.locator('[name="login"]').fill(OPERATOR.login);
    await operator.locator('[name="password"]').fill(OPERATOR.password);
    await operator.getByTestId('sign-in-submit').click();
    await operator.waitForURL(/\/admin/);
    await operator.locator('[name="code"]').fill(code!.toLowerCase());
    await operator.locator('[name="name"]').fill('Màn hình chính');
    await operator.locator('[name="place"]').fill('Phòng điều hành tỉnh');
    await operator.getByTestId('pair-submit').click();
    await operator.getByTestId('pair-done').waitFor({ timeout: 10_000 });
    const row = operator.getByTestId('device-row').filter({ hasText: 'Màn hình chính' });
    deviceId = (await row.getAttribute('data-device-id', { timeout: 10_000 }))!;
    expect(deviceId).toBeTruthy();

    // The screen notices by itself and becomes the wall, with no reload.
    await waitForScene(wall, 'overview', 30_000);
    await wall.waitForSelector('[data-connection="live"]');
    await wall.screenshot({ path: `${ARTIFACTS}/paired-2-wall.png` });
    await operator.screenshot({ path: `${ARTIFACTS}/paired-2-console.png` });
  });

  it('survives a server restart and 24 simulated hours without reaching a pairing or sign-in page', async () => {
    await recordDetours(wall);
    await wall.reload();
    await waitForScene(wall, 'overview', 30_000);

    await server.kill('SIGKILL');
    await wall.waitForSelector('[data-connection="offline"]', { timeout: 15_000 });
    server = await startServerProcess(env, port);
    await wall.waitForSelector('[data-connection="live"]', { timeout: 30_000 });

    // A day at SPEED: the server's date moves on, and the wall stays live and paired all along.
    const firstDay = await serverDay(wall);
    const start = Date.now();
    const states: string[] = [];
    while (Date.now() - start < (86_400_000 / SPEED) * 1.1) {
      states.push((await wall.locator('.wall').getAttribute('data-connection')) ?? 'none');
      await new Promise((r) => setTimeout(r, 2_000));
    }
    const lastDay = await serverDay(wall);
    expect(lastDay).not.toBe(firstDay);
    expect(states.every((s) => s === 'live')).toBe(true);
    await waitForScene(wall, 'overview');
    const seen = await detours(wall);
    expect(seen.filter((d) => !d.endsWith('load /'))).toEqual([]);
    expect(foreign()).toEqual([]);
    await wall.screenshot({ path: `${ARTIFACTS}/paired-3-after-a-day.png` });
  }, 180_000);

  it('is cut off within seconds when the operator revokes it, and shows a new code', async () => {
    await operator.reload();
    const row = operator.locator(`[data-testid="device-row"][data-device-id="${deviceId}"]`);
    await row.getByTestId('revoke').click();
    const revokedAt = Date.now();
    await row.getByTestId('revoke-confirm').click();
    await wall.getByTestId('pair-code').waitFor({ timeout: 10_000 });
    const cutOffMs = Date.now() - revokedAt;
    expect(cutOffMs).toBeLessThan(5_000);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('revoked');
    // No numbers stay on screen for a screen that is no longer trusted.
    expect(await wall.locator('.wall').count()).toBe(0);
    await wall.screenshot({ path: `${ARTIFACTS}/paired-4-revoked.png` });
  });
});
