import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Users } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import { createRedisStore } from '../../server/store/index';
import { dayOf } from '../../shared/time';
import { launchChromium } from './browser';
import { dropPrefix, testRedisUrl, uniquePrefix } from './redis';
import { freePort, startServerProcess } from './server-process';
import { ARTIFACTS, openWall, waitForScene } from './wall';

/** A simulated day in a real minute. */
export const SPEED = 1440;
export const OPERATOR = {
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
export function recordDetours(page: Page) {
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
export const detours = (page: Page) =>
  page.evaluate(() => JSON.parse(sessionStorage.getItem('detours') ?? '[]') as string[]);

/** The day of the server's clock, as the wall's header shows it (Asia/Ho_Chi_Minh). */
export const serverDay = async (page: Page) =>
  dayOf(Number(await page.locator('[data-server-time]').first().getAttribute('data-server-time')));

/**
 * A wall screen in a control room: the product on real Redis with its simulator at SPEED, no loopback
 * watching (the screen must be paired), an operator in the console, and the wall paired through it.
 */
export class PairedWall {
  readonly prefix: string;
  env!: Record<string, string>;
  port!: number;
  base!: string;
  server!: Awaited<ReturnType<typeof startServerProcess>>;
  browser!: Browser;
  wallContext!: BrowserContext;
  wall!: Page;
  operator!: Page;
  deviceId = '';
  #requests: string[] = [];

  constructor(name: string) {
    this.prefix = uniquePrefix(name);
  }

  async start(): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const store = await createRedisStore({ url: testRedisUrl(), prefix: this.prefix });
    await new Users(store, systemClock).add(OPERATOR);
    await store.close();
    this.port = await freePort();
    this.base = `http://127.0.0.1:${this.port}`;
    // Real data path, no loopback watching: the wall must be paired like one in a control room.
    this.env = {
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: this.prefix,
      SIMULATOR: 'on',
      SIM_SPEED: String(SPEED),
      LOOPBACK_WATCH: 'off',
    };
    this.server = await startServerProcess(this.env, this.port);
    this.browser = await launchChromium();
    this.wallContext = await this.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    this.operator = (await openWall(this.browser, this.base, { width: 1366, height: 1024 })).page;
    this.wall = await this.wallContext.newPage();
    this.wall.on('request', (r) => this.#requests.push(r.url()));
  }

  /** Requests of the wall to any other host than the server (the control room has no internet). */
  foreign(): string[] {
    return this.#requests.filter((u) => !u.startsWith(this.base) && !/^(data|blob):/.test(u));
  }

  /** Signs the operator in on /admin and pairs the wall by the code it shows; returns the code. */
  async pair(): Promise<string> {
    const { wall, operator } = this;
    await wall.goto(`${this.base}/?scene=overview`);
    const code = await wall.getByTestId('pair-code').textContent({ timeout: 15_000 });
    await operator.goto(`${this.base}/admin`);
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
    this.deviceId = (await row.getAttribute('data-device-id', { timeout: 10_000 })) ?? '';
    await waitForScene(wall, 'overview', 30_000);
    return code!;
  }

  /** Kills the server as a crash would, and starts it again on the same port and data. */
  async crashAndRestart(): Promise<void> {
    await this.server.kill('SIGKILL');
    await this.wall.waitForSelector('[data-connection="offline"]', { timeout: 15_000 });
    this.server = await startServerProcess(this.env, this.port);
    await this.wall.waitForSelector('[data-connection="live"]', { timeout: 30_000 });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.server?.kill();
    await dropPrefix(testRedisUrl(), this.prefix);
  }
}
