import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { foldForSearch } from '../../shared/search-fold';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Users } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import { createRedisStore } from '../../server/store/index';
import { launchChromium } from '../support/browser';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { freePort, startServerProcess } from '../support/server-process';
import { ARTIFACTS, openWall, waitForScene } from '../support/wall';

/**
 * The demo's clock: server milliseconds per real millisecond. Fast enough to prove waits in server time
 * become timeouts at the server's speed; at 60x the simulator's frames kept every wall's main thread
 * busy in 200–300 ms tasks (software rendering, 2 cores), so a switch waited behind a frame.
 */
const SPEED = Number(process.env.MEETING_E2E_SPEED ?? 10);
/**
 * At 10x the walls switch within a few ms. A commune focus re-draws every scene with the commune's
 * numbers at the instant, while a scene switch only reveals a scene drawn ahead: with three
 * software-rendered walls sharing this machine's 2 cores (and other work on it) the focus has been seen
 * 200 ms apart, which a bridge point with its own machine is not. The bench's meeting part measures the
 * instants themselves over 200 followers.
 */
const SCENE_SPREAD_MS = 250;
const FOCUS_SPREAD_MS = 400;
const OPERATOR = {
  login: 'dieu.hanh',
  name: 'Cán bộ điều hành họp',
  role: 'operator',
  password: 'mật khẩu điều hành',
};
const LEADER = {
  login: 'pho.chu.tich',
  name: 'Phó Chủ tịch UBND tỉnh',
  role: 'leader',
  password: 'mật khẩu lãnh đạo',
};
const POINTS = ['Điểm cầu Phú Cát', 'Điểm cầu Ba Đình', 'Điểm cầu Tây Sơn'];

type Opened = Awaited<ReturnType<typeof openWall>>;

/** What a follower's wall root says about the change it shows. */
const applied = (page: Page) =>
  page.locator('.wall').evaluate((el: HTMLElement) => ({
    seq: Number(el.dataset.meetingSeq),
    at: Number(el.dataset.meetingAppliedAt),
    device: Number(el.dataset.meetingAppliedDevice),
    commune: el.dataset.meetingCommune ?? null,
    scene: el.querySelector('[data-visible-scene]')?.getAttribute('data-visible-scene') ?? null,
  }));

/**
 * Records in the page each moment the scene on screen changes (the host's data-visible-scene, set in the
 * frame the new scene is revealed), on this machine's clock, which every page here shares.
 */
function recordSwitches(page: Page) {
  return page.addInitScript(() => {
    const w = window as unknown as { __switches: { scene: string; t: number }[] };
    w.__switches = [];
    let last: string | null = null;
    new MutationObserver(() => {
      const scene =
        document.querySelector('[data-visible-scene]')?.getAttribute('data-visible-scene') ?? null;
      if (scene && scene !== last) w.__switches.push({ scene, t: Date.now() });
      last = scene;
    }).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-visible-scene'],
    });
  });
}
/** When the page last revealed `scene`. */
const revealedAt = (page: Page, scene: string) =>
  page.evaluate(
    (scene) =>
      (window as unknown as { __switches: { scene: string; t: number }[] }).__switches
        .filter((s) => s.scene === scene)
        .at(-1)?.t ?? NaN,
    scene,
  );
/** CSP violations and script errors a page met, collected from before any script of ours runs. */
async function watchProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.exposeFunction('__problem', (p: string) => void problems.push(p));
  await page.addInitScript(() =>
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        (window as unknown as { __problem: (p: string) => void }).__problem(
          `CSP ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`,
        ),
      true,
    ),
  );
  page.on('pageerror', (e) => problems.push(`error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return problems;
}
const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);

describe('a meeting across bridge points, with real Redis', () => {
  const prefix = uniquePrefix('e2e-meeting');
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  let base: string;
  let presenter: Opened;
  let followers: Opened[] = [];
  const problems: string[][] = [];
  let code: string;
  let commune: string;
  let seq: number;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const store = await createRedisStore({ url: testRedisUrl(), prefix });
    const users = new Users(store, systemClock);
    await users.add(OPERATOR);
    await users.add(LEADER);
    await store.close();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = await startServerProcess(
      {
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        SIMULATOR: 'on',
        SIM_SPEED: String(SPEED),
        // The bridge points watch from this machine, without pairing.
        LOOPBACK_WATCH: 'on',
      },
      port,
    );
    browser = await launchChromium();
    presenter = await openWall(browser, base, { width: 1366, height: 1024 });
    problems.push(await watchProblems(presenter.page));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.kill();
    await dropPrefix(testRedisUrl(), prefix);
  });

  it('an operator creates a meeting on /meeting, gets its code and takes the seat', async () => {
    const page = presenter.page;
    const signIn = await page.request.post(`${base}/api/v1/session`, {
      data: { login: OPERATOR.login, password: OPERATOR.password },
    });
    expect(signIn.status()).toBe(200);
    await page.goto(`${base}/meeting`);
    await page.locator('[data-testid="meeting-page"][data-phase="ready"]').waitFor({ timeout: 15_000 });
    await page.locator('[name="title"]').fill('Giao ban trực tuyến cải cách hành chính');
    await page.locator('[name="chair"]').fill('Phó Chủ tịch UBND tỉnh Nguyễn Văn An');
    await page.getByTestId('meeting-create').click();
    const created = page.getByTestId('meeting-created');
    code = (await created.getAttribute('data-code', { timeout: 10_000 }))!;
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    expect(await page.getByTestId('meeting-link').getAttribute('href')).toBe(`/?meeting=${code}`);
    await page.screenshot({ path: `${ARTIFACTS}/meeting-0-created.png` });

    await created.getByRole('link').last().click();
    await page.locator('[data-testid="presenter"][data-presenting="true"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="live"][data-scene="overview"]').waitFor();
  });

  it('three followers show the presenter’s scene and commune, switching together', async () => {
    followers = await Promise.all(POINTS.map(() => openWall(browser, base, { width: 1920, height: 1080 })));
    for (const { page } of followers) {
      await recordSwitches(page);
      problems.push(await watchProblems(page));
    }
    await Promise.all(
      followers.map(({ page }, i) =>
        page.goto(`${base}/?meeting=${code}&kiosk&point=${encodeURIComponent(POINTS[i]!)}`),
      ),
    );
    for (const { page } of followers) {
      await page.locator('.wall[data-meeting-status="following"]').waitFor({ timeout: 20_000 });
      await waitForScene(page, 'overview', 30_000);
      // A follower draws the map ahead, hidden, so a switch to it shows at once.
      await page.waitForSelector('[data-scene="map"] [data-scene-content="map"][data-ready="true"]', {
        state: 'attached',
        timeout: 30_000,
      });
    }
    // The roster lists every bridge point by the name it joined with.
    const roster = presenter.page.getByTestId('roster');
    for (const name of POINTS)
      await roster.locator(`[data-testid="roster-row"][data-name="${name}"]`).waitFor({ timeout: 10_000 });

    const p = presenter.page;
    await p.locator('[data-steer-scene="map"]').click();
    const toMap = p.locator('[data-testid="live"][data-scene="map"]');
    await toMap.waitFor();
    const sceneSeq = Number(await toMap.getAttribute('data-seq'));
    for (const { page } of followers) {
      await page.locator(`.wall[data-meeting-seq="${sceneSeq}"]`).waitFor({ timeout: 10_000 });
      await waitForScene(page, 'map', 20_000);
    }
    const sceneApplied = await Promise.all(followers.map(({ page }) => applied(page)));
    const sceneShown = await Promise.all(followers.map(({ page }) => revealedAt(page, 'map')));

    const option = p.locator('select[name="commune"] option').nth(3);
    commune = (await option.getAttribute('value'))!;
    expect(commune).toMatch(/^\d{5}$/);
    // The presenter finds it typing without diacritics: "hong van" for "Xã Hồng Vân".
    const typed = foldForSearch((await option.textContent())!.replace(/^(Xã|Phường|Đặc khu) /, ''));
    await p.getByTestId('commune-search').fill(typed);
    const picker = p.locator('select[name="commune"]');
    await expect.poll(async () => Number(await picker.getAttribute('data-matches'))).toBeLessThan(10);
    expect(await picker.locator(`option[value="${commune}"]`).count()).toBe(1);
    await picker.selectOption(commune);
    const live = p.locator(`[data-testid="live"][data-commune="${commune}"]`);
    await live.waitFor();
    seq = Number(await live.getAttribute('data-seq'));
    expect(seq).toBeGreaterThan(sceneSeq);

    for (const { page } of followers) {
      await page.locator(`.wall[data-meeting-seq="${seq}"]`).waitFor({ timeout: 10_000 });
      await page.locator(`[data-testid="meeting-focus"][data-commune="${commune}"]`).waitFor();
    }
    const states = await Promise.all(followers.map(({ page }) => applied(page)));
    for (const s of states) expect(s).toMatchObject({ seq, commune, scene: 'map' });
    // The pages share this machine's clock: device instants give the real spread between the screens.
    const report = (what: string, xs: { device: number; at: number }[]) => {
      const real = spread(xs.map((x) => x.device));
      const server = spread(xs.map((x) => x.at));
      console.log(
        `[meeting] ${what}: applied by ${xs.length} followers within ${real} ms ` +
          `(server clock ${server} ms at ${SPEED}x = ${(server / SPEED).toFixed(1)} real ms)`,
      );
      return real;
    };
    const sceneSpread = report(`scene → map (#${sceneSeq})`, sceneApplied);
    console.log(
      `[meeting] scene → map revealed on the ${followers.length} walls within ${spread(sceneShown)} ms`,
    );
    const communeSpread = report(`commune → ${commune} (#${seq})`, states);
    expect(sceneSpread).toBeLessThan(SCENE_SPREAD_MS);
    expect(communeSpread).toBeLessThan(FOCUS_SPREAD_MS);

    // Every point reports the change it applied; the presenter sees them all on it.
    await expect
      .poll(
        async () =>
          (
            await roster
              .locator('[data-testid="roster-row"]')
              .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq'))))
          ).filter((n) => n >= seq).length,
        { timeout: 10_000 },
      )
      .toBeGreaterThanOrEqual(POINTS.length);

    // The presenter's console is no bridge point: the roster lists the three points and nothing else.
    const own = roster.locator(`[data-testid="roster-row"][data-name="${OPERATOR.name}"]`);
    expect(await own.count()).toBe(0);
    expect(await roster.locator('[data-testid="roster-row"]').count()).toBe(POINTS.length);
    expect(await p.getByTestId('meeting-chair').textContent()).toContain('Nguyễn Văn An');

    await p.screenshot({ path: `${ARTIFACTS}/meeting-1-presenter.png` });
    for (const [i, { page }] of followers.entries())
      await page.screenshot({ path: `${ARTIFACTS}/meeting-1-follower-${i + 1}.png` });
  }, 120_000);

  it('a follower reloaded mid-meeting comes back to the current scene by itself', async () => {
    const { page } = followers[0]!;
    await page.reload();
    await page.locator(`.wall[data-meeting-seq="${seq}"]`).waitFor({ timeout: 20_000 });
    await waitForScene(page, 'map', 30_000);
    await page.locator(`[data-testid="meeting-focus"][data-commune="${commune}"]`).waitFor();
    expect(await applied(page)).toMatchObject({ seq, commune, scene: 'map' });
    await page.screenshot({ path: `${ARTIFACTS}/meeting-2-follower-reloaded.png` });
  }, 60_000);

  it('hands the seat over to a leader in the meeting, who then steers every point', async () => {
    const leader = await openWall(browser, base, { width: 1366, height: 1024 });
    problems.push(await watchProblems(leader.page));
    const l = leader.page;
    const signIn = await l.request.post(`${base}/api/v1/session`, {
      data: { login: LEADER.login, password: LEADER.password },
    });
    expect(signIn.status()).toBe(200);
    const id = await presenter.page.getByTestId('presenter').evaluate(() => location.hash.slice(1));
    await l.goto(`${base}/meeting#${id}`);
    // The seat is taken: the leader watches, and cannot steer.
    await l.locator('[data-testid="presenter"][data-presenting="false"]').waitFor({ timeout: 15_000 });
    expect(await l.locator('[data-steer-scene="tasks"]').isDisabled()).toBe(true);
    await l.locator(`[data-testid="live"][data-seq="${seq}"]`).waitFor();

    const p = presenter.page;
    const to = p.getByTestId('hand-over-to');
    if ((await to.evaluate((e) => e.tagName)) === 'SELECT') await to.selectOption(`user:${LEADER.login}`);
    else await to.fill(LEADER.login);
    await p.getByTestId('hand-over').click();
    await l.locator('[data-testid="presenter"][data-presenting="true"]').waitFor({ timeout: 10_000 });
    await p.locator('[data-testid="presenter"][data-presenting="false"]').waitFor({ timeout: 10_000 });
    await followers[1]!.page
      .locator('[data-testid="meeting-presenter"]', { hasText: LEADER.name })
      .waitFor({ timeout: 10_000 });

    await l.locator('[data-steer-scene="tasks"]').click();
    await l.locator('[data-testid="live"][data-scene="tasks"]').waitFor();
    for (const { page } of followers) await waitForScene(page, 'tasks', 20_000);
    await l.screenshot({ path: `${ARTIFACTS}/meeting-2-leader-presents.png` });
    await followers[1]!.page.screenshot({ path: `${ARTIFACTS}/meeting-2-follower-tasks.png` });
    expect(leader.foreign()).toEqual([]);
    await l.close();
  }, 60_000);

  it('flags a bridge point that drops within seconds', async () => {
    const row = presenter.page.locator(`[data-testid="roster-row"][data-name="${POINTS[2]}"]`);
    await expect.poll(() => row.getAttribute('data-dropped'), { timeout: 10_000 }).toBe('false');
    const gone = followers[2]!.page;
    const closedAt = Date.now();
    await gone.close();
    await expect.poll(() => row.getAttribute('data-dropped'), { timeout: 10_000 }).toBe('true');
    console.log(`[meeting] a closed bridge point was flagged dropped after ${Date.now() - closedAt} ms`);
    await presenter.page.setViewportSize({ width: 1920, height: 1080 });
    await presenter.page.screenshot({ path: `${ARTIFACTS}/meeting-3-presenter-1920.png` });
  }, 30_000);

  it('asked nothing of any other host, and met no policy violation nor script error', () => {
    expect(presenter.foreign()).toEqual([]);
    for (const f of followers) expect(f.foreign()).toEqual([]);
    // A wall chart's own bar of zero height (client/lib/charts: bottom − top rounding to −1.8e-15) is not
    // the meeting's to fix; anything else is.
    const known = /<rect> attribute height: A negative value/;
    const seen = problems.flat();
    if (seen.some((p) => known.test(p)))
      console.log(
        '[meeting] known chart warning seen:',
        seen.find((p) => known.test(p)),
      );
    expect(seen.filter((p) => !known.test(p))).toEqual([]);
  });
});
