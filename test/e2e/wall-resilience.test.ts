import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES } from '../../shared/alert-rules';
import { FRESHNESS_BUDGET_MS } from '../../shared/kpis';
import { dayOf } from '../../shared/time';
import { Users } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import { createRedisStore } from '../../server/store/index';
import { launchChromium } from '../support/browser';
import { heartbeat, payment, received, resolved } from '../support/events';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { freePort, startServerProcess } from '../support/server-process';
import { ARTIFACTS, openWall, post, waitForScene } from '../support/wall';

const KEYS = {
  one_stop: 'e2e-one-stop-key-0123456789',
  payments: 'e2e-payments-key-0123456789',
  tasks: 'e2e-tasks-key-0123456789',
};
const INGEST_KEYS = Object.entries(KEYS)
  .map(([source, key]) => `${source}:${key}`)
  .join(',');
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const later = (ms: number) => new Date(Date.now() + ms).toISOString();

/** The three sources saying "still here" now, as real ones do when they have nothing else to say. */
const alive = (sources: (keyof typeof KEYS)[]) =>
  Promise.all(sources.map((s) => post(BASE.url, KEYS[s], [heartbeat({ source: s, at: ago(0) })])));
const BASE = { url: '' };
const OPERATOR = { login: 'truc.ban', name: 'Trực ban', role: 'operator', password: 'mật khẩu trực ban' };

/** Records, at every animation frame, how many scenes are visible and whether the visible one has drawn. */
function recordFrames(page: Page) {
  return page.addInitScript(() => {
    const w = window as unknown as { __frames: { n: number; scene: string | null; ready: boolean }[] };
    w.__frames = [];
    const tick = () => {
      const visible = document.querySelectorAll<HTMLElement>('[data-scene][data-visible="true"]');
      const v = visible[0];
      w.__frames.push({
        n: visible.length,
        scene: v?.dataset.scene ?? null,
        ready: Boolean(v?.querySelector('[data-ready="true"]')),
      });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

describe('the wall unattended, on Redis with real sources posting', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let beat: ReturnType<typeof setInterval>;
  const prefix = uniquePrefix('e2e-unattended');

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'ioc-scenes-'));
    const scenesFile = join(dir, 'scenes.json');
    const scenes = ['overview', 'dossiers', 'payments', 'tasks', 'map'].map((id) => ({ id, durationSec: 5 }));
    writeFileSync(scenesFile, JSON.stringify({ scenes }));
    // The built-in commune rule alone, raising at once rather than after a minute off target: one critical
    // alert holds the rotation here (the agency's rule would raise a second one over the same dossiers).
    const alertsFile = join(dir, 'alerts.json');
    const rules = DEFAULT_ALERT_RULES.rules
      .filter((r) => r.id === 'onTime.commune')
      .map((r) => ({ ...r, raiseAfterSec: 0 }));
    writeFileSync(alertsFile, JSON.stringify({ ...DEFAULT_ALERT_RULES, rules }));
    // An operator, to acknowledge: screens on this machine may watch, never steer.
    const store = await createRedisStore({ url: testRedisUrl(), prefix });
    await new Users(store, systemClock).add(OPERATOR);
    await store.close();
    const port = await freePort();
    server = await startServerProcess(
      {
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        SIMULATOR: 'off',
        LOOPBACK_WATCH: 'on',
        INGEST_KEYS,
        SCENES_FILE: scenesFile,
        ALERTS_FILE: alertsFile,
      },
      port,
    );
    BASE.url = `http://127.0.0.1:${port}`;
    const due = later(86_400_000);
    await post(BASE.url, KEYS.one_stop, [
      ...Array.from({ length: 12 }, (_, i) =>
        received({ dossierId: `D-${i}`, at: ago(60_000), dueAt: due, commune: '00004' }),
      ),
    ]);
    await post(BASE.url, KEYS.payments, [payment({ at: ago(30_000), commune: '00004' })]);
    await alive(['one_stop', 'payments', 'tasks']);
    beat = setInterval(() => void alive(['one_stop', 'tasks']).catch(() => {}), 2_000);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    clearInterval(beat);
    await browser?.close();
    await server?.kill('SIGTERM');
    await dropPrefix(testRedisUrl(), prefix);
  });

  it('switches scenes on schedule with no blank frame: the next scene is drawn before it shows', async () => {
    const { page, foreign } = await openWall(browser, BASE.url, { width: 1920, height: 1080 });
    await recordFrames(page);
    await page.goto(`${BASE.url}/?kiosk`);
    await page.waitForSelector('[data-connection="live"]');
    const seen: string[] = [];
    // Five scenes of 5 s: watch a whole cycle and a bit, screenshotting each scene as it comes.
    const until = Date.now() + 32_000;
    while (Date.now() < until) {
      const scene = await page.getAttribute('[data-visible-scene]', 'data-visible-scene');
      if (scene && seen.at(-1) !== scene) {
        seen.push(scene);
        await page.screenshot({ path: `${ARTIFACTS}/rotation-${seen.length}-${scene}.png` });
      }
      await page.waitForTimeout(250);
    }
    const frames = await page.evaluate(
      () =>
        (window as unknown as { __frames: { n: number; scene: string | null; ready: boolean }[] }).__frames,
    );
    const firstReady = frames.findIndex((f) => f.ready);
    const after = frames.slice(firstReady);
    const switches = after.filter((f, i) => i > 0 && f.scene !== after[i - 1]!.scene).length;
    expect(new Set(seen)).toEqual(new Set(['overview', 'dossiers', 'payments', 'tasks', 'map']));
    expect(switches).toBeGreaterThanOrEqual(5);
    // Every frame from the first drawn one on shows exactly one scene, and one that has drawn.
    expect(after.filter((f) => f.n !== 1 || !f.ready)).toEqual([]);
    expect(after.length).toBeGreaterThan(300);
    expect(foreign()).toEqual([]);
    await page.close();
  }, 60_000);

  it('holds the rotation while a critical alert is up, and lets go once it is acknowledged', async () => {
    const { page } = await openWall(browser, BASE.url, { width: 1920, height: 1080 });
    const { page: watcher } = await openWall(browser, BASE.url, { width: 1920, height: 1080 });
    await watcher.goto(`${BASE.url}/`);
    const signedIn = await page.request.post(`${BASE.url}/api/v1/session`, {
      data: { login: OPERATOR.login, password: OPERATOR.password },
    });
    expect(signedIn.status()).toBe(200);
    await page.goto(`${BASE.url}/`);
    await page.waitForSelector('[data-connection="live"]');
    // 25 dossiers of one commune all resolved late: its on-time rate is 0%, far below 98% (critical).
    const commune = '00008';
    const late = Array.from({ length: 25 }, (_, i) => [
      received({ dossierId: `L-${i}`, at: ago(180_000), dueAt: ago(120_000), commune }),
      resolved({ dossierId: `L-${i}`, at: ago(60_000), finishedAt: ago(60_000) }),
    ]).flat();
    await post(BASE.url, KEYS.one_stop, late);
    const alert = page.locator(`[data-alert-id="onTime.commune|commune:${commune}"]`);
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.getAttribute('data-severity')).toBe('critical');
    expect(await alert.getAttribute('data-flashing')).toBe('true');
    // The screen that only watches is never offered the button the server would refuse.
    const watched = watcher.locator(`[data-alert-id="onTime.commune|commune:${commune}"]`);
    await watched.waitFor({ timeout: 15_000 });
    expect(await watched.locator('button').count()).toBe(0);
    await page.waitForSelector('.wall[data-rotation="held"]', { timeout: 5_000 });
    // A switch under way when the alert came completes first (the next scene is drawn before it shows):
    // the scene held is the one the rotation is on, once it is on screen.
    const heldOn = await page.getAttribute('.wall', 'data-scene');
    await expect
      .poll(() => page.getAttribute('[data-visible-scene]', 'data-visible-scene'), { timeout: 5_000 })
      .toBe(heldOn);
    await page.waitForTimeout(11_000); // more than two scene durations
    expect(await page.getAttribute('[data-visible-scene]', 'data-visible-scene')).toBe(heldOn);
    expect(await page.isVisible('[data-held]')).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/rotation-held.png` });

    await alert.locator('button').click();
    await expect.poll(() => alert.getAttribute('data-flashing'), { timeout: 5_000 }).toBe('false');
    expect(await alert.getAttribute('data-acknowledged')).toBe('true');
    await page.waitForSelector('.wall[data-rotation="rotating"]', { timeout: 5_000 });
    await expect
      .poll(() => page.getAttribute('[data-visible-scene]', 'data-visible-scene'), { timeout: 8_000 })
      .not.toBe(heldOn);
    await page.close();
    await watcher.close();
  }, 60_000);
});

describe('a source falling silent, seen on the wall', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let beat: ReturnType<typeof setInterval>;

  beforeAll(async () => {
    const port = await freePort();
    server = await startServerProcess(
      { REDIS_URL: '', SIMULATOR: 'off', LOOPBACK_WATCH: 'on', INGEST_KEYS },
      port,
    );
    BASE.url = `http://127.0.0.1:${port}`;
    await alive(['one_stop', 'tasks']);
    beat = setInterval(() => void alive(['one_stop', 'tasks']).catch(() => {}), 2_000);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    clearInterval(beat);
    await browser?.close();
    await server?.kill('SIGTERM');
  });

  it('turns its tiles stale within the budget, keeps the number, and the health strip names it', async () => {
    // The payment platform last spoke 8 s short of its red budget: late (amber) now, silent in 8 s.
    const { red } = FRESHNESS_BUDGET_MS.payments;
    const spoke = Date.now() - red + 8_000;
    // A payment counts once its dossier is received (its facts come from the receipt).
    const at = new Date(spoke).toISOString();
    const dueAt = new Date(spoke + 86_400_000).toISOString();
    await post(BASE.url, KEYS.one_stop, [received({ dossierId: 'PAID-1', at, dueAt, feeVnd: 50_000 })]);
    await post(BASE.url, KEYS.payments, [payment({ dossierId: 'PAID-1', at })]);
    const { page } = await openWall(browser, BASE.url, { width: 1920, height: 1080 });
    await page.goto(`${BASE.url}/?scene=payments&kiosk`);
    await waitForScene(page, 'payments');
    const tile = page.locator('[data-visible="true"] [data-kpi="payments.count"]');
    const strip = page.locator('[data-source="payments"]');
    await expect.poll(() => tile.getAttribute('data-freshness'), { timeout: 5_000 }).toBe('amber');
    expect(await strip.getAttribute('data-freshness')).toBe('amber');
    expect(await strip.textContent()).toContain('chậm');
    await page.screenshot({ path: `${ARTIFACTS}/source-late.png` });

    await expect
      .poll(() => tile.getAttribute('data-freshness'), { timeout: 12_000, interval: 100 })
      .toBe('red');
    // Red no later than a second after the budget ran out (the wall re-reads its clock every second).
    expect(Date.now() - (spoke + red)).toBeLessThan(2_500);
    // The number stays. It is today's count: the payment, 15 minutes back, may fall on yesterday when the
    // test runs just after midnight in Asia/Ho_Chi_Minh.
    const count = dayOf(spoke) === dayOf(Date.now()) ? '1' : '0';
    expect(await tile.locator('[data-value]').getAttribute('data-value')).toBe(count);
    expect(await tile.textContent()).toContain('Nguồn dữ liệu im lặng');
    expect(await strip.getAttribute('data-freshness')).toBe('red');
    expect(await strip.textContent()).toContain('im lặng');
    expect(await page.getAttribute('[data-source="one_stop"]', 'data-freshness')).toBe('fresh');
    await page.screenshot({ path: `${ARTIFACTS}/source-silent.png` });
    await page.close();
  }, 40_000);
});

describe('the wall when its server is killed and restarted (Redis)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  const prefix = uniquePrefix('e2e-restart');
  let env: Record<string, string>;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    env = {
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      SIMULATOR: 'off',
      LOOPBACK_WATCH: 'on',
      INGEST_KEYS,
    };
    server = await startServerProcess(env, port);
    BASE.url = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGTERM');
    await dropPrefix(testRedisUrl(), prefix);
  });

  it('comes back by itself with every number, without a reload', async () => {
    const base = `http://127.0.0.1:${port}`;
    const due = later(86_400_000);
    await post(base, KEYS.one_stop, [
      ...Array.from({ length: 10 }, (_, i) => received({ dossierId: `K-${i}`, at: ago(30_000), dueAt: due })),
      heartbeat({ source: 'one_stop', at: ago(0) }),
    ]);
    const { page, foreign } = await openWall(browser, base, { width: 1920, height: 1080 });
    await page.goto(`${base}/?scene=overview&kiosk`);
    await waitForScene(page, 'overview');
    const value = page.locator('[data-visible="true"] [data-kpi="received"] [data-value]');
    await expect.poll(() => value.getAttribute('data-value'), { timeout: 10_000 }).toBe('10');
    await page.evaluate(() => ((window as unknown as { __loaded: number }).__loaded = 42));

    await server.kill('SIGKILL');
    await page.waitForSelector('.wall[data-connection="offline"]', { timeout: 10_000 });
    // The last numbers stay, marked stale, and the header says the connection is lost.
    expect(await value.getAttribute('data-value')).toBe('10');
    await page.waitForSelector('[data-visible="true"] [data-kpi="received"][data-freshness="offline"]');
    await page.screenshot({ path: `${ARTIFACTS}/restart-offline.png` });

    // While the server is down a source system writes straight into the stream.
    const redis = createClient({ url: testRedisUrl() });
    await redis.connect();
    for (let i = 0; i < 5; i++) {
      const e = received({ dossierId: `W-${i}`, at: ago(1_000), dueAt: due });
      await redis.xAdd(`${prefix}events`, '*', { event: JSON.stringify(e) });
    }
    await redis.close();

    server = await startServerProcess(env, port);
    await page.waitForSelector('.wall[data-connection="live"]', { timeout: 30_000 });
    await expect.poll(() => value.getAttribute('data-value'), { timeout: 15_000 }).toBe('15');
    expect(await page.evaluate(() => (window as unknown as { __loaded?: number }).__loaded)).toBe(42);
    await page.screenshot({ path: `${ARTIFACTS}/restart-back.png` });
    expect(foreign()).toEqual([]);
    await page.close();
  }, 90_000);
});
