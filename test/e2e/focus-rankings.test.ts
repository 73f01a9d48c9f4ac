import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LateBreakdown } from '../../shared/drill';
import { launchChromium } from '../support/browser';
import { sceneOffenders } from '../support/layout';
import { freePort, startServerProcess } from '../support/server-process';
import { ARTIFACTS, SCREENS, openWall, waitForScene } from '../support/wall';

const FULL_HD = { width: 1920, height: 1080 };
const FOCUS_RANKING = '[data-visible="true"] [data-chart="focus-late"]';

/** The late breakdown the wall's own page may read (a wall on loopback watches). */
const lateOf = (page: Page, scope: string) =>
  page.evaluate(
    async (scope) =>
      (await (await fetch(`/api/v1/late?scope=${encodeURIComponent(scope)}`)).json()) as LateBreakdown,
    scope,
  );

/** The rows of the focused unit's ranking on screen. */
async function shownRows(page: Page) {
  const ranking = page.locator(FOCUS_RANKING);
  await ranking.locator('li[data-id]').first().waitFor({ timeout: 20_000 });
  return ranking
    .locator('li[data-id]')
    .evaluateAll((lis) => lis.map((li) => ({ id: li.dataset.id!, late: Number(li.dataset.value) })));
}

/** Every row shown is the unit's count of the API, and no unit left out has more late dossiers. */
function expectRowsOf(rows: { id: string; late: number }[], answer: LateBreakdown) {
  const late = new Map(answer.groups.map((g) => [g.scope as string, g.late]));
  expect(rows.length).toBe(Math.min(5, answer.groups.length));
  for (const row of rows) expect(row.late).toBe(late.get(row.id));
  const shown = new Set(rows.map((r) => r.id));
  const least = Math.min(...rows.map((r) => r.late));
  for (const g of answer.groups) if (!shown.has(g.scope)) expect(g.late).toBeLessThanOrEqual(least);
}

/**
 * A wall showing one commune (or agency), as a meeting's focus or `?scope=` makes it: the dossiers
 * scene ranks that unit's own agencies (communes) by the dossiers late now, exactly as /api/v1/late
 * counts them, and names the unit on its 766 gauge instead of "toàn tỉnh".
 */
describe('rankings of the unit in focus', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let base = '';
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const port = await freePort();
    // A Monday morning after a week of history: dossiers are open and late in many communes.
    server = await startServerProcess(
      { REDIS_URL: '', SIMULATOR: '', SIM_START: '2026-12-07T10:30:00+07:00', SIM_PAST_DAYS: '7' },
      port,
    );
    base = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
    page = (await openWall(browser, base, FULL_HD)).page;
    await page.goto(`${base}/?scene=dossiers&kiosk`);
    await waitForScene(page, 'dossiers', 60_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGTERM');
  });

  it('ranks a commune’s agencies by its dossiers late now', async () => {
    // The agency with most late dossiers, and of its communes the one with most: a commune with a list.
    const province = await lateOf(page, 'province');
    const agency = province.groups[0]!.scope;
    const commune = (await lateOf(page, agency)).groups[0]!.scope;
    expect(commune).toMatch(/^commune:\d{5}$/);

    await page.goto(`${base}/?scene=dossiers&kiosk&scope=${commune}`);
    await waitForScene(page, 'dossiers', 60_000);
    const rows = await shownRows(page);
    expectRowsOf(rows, await lateOf(page, commune));
    expect(rows.every((r) => r.id.startsWith('agency:'))).toBe(true);
    const title = await page.textContent(`${FOCUS_RANKING} .title`);
    expect(title).toBe('Hồ sơ đang trễ hạn tại đây, theo cơ quan');
    // The 766 gauge names the commune, not the province it no longer shows.
    const gauge = await page.textContent('[data-visible="true"] [data-chart="onTimeRate"]');
    expect(gauge).not.toContain('toàn');
    expect(gauge).toMatch(/— (Xã|Phường|Đặc khu) /);
    // The province's communes keep their slot, saying whose they are.
    const communes = await page.textContent('[data-visible="true"] [data-chart="communes-on-time"] .title');
    expect(communes).toContain('hôm nay');
    await page.screenshot({ path: `${ARTIFACTS}/focus-rankings-commune.png` });

    // The scene's own texts (the live ticker, e.g. a source silent while the demo loads its past, aside).
    expect((await sceneOffenders(page)).offenders).toEqual([]);
  }, 120_000);

  it('ranks an agency’s communes, saying the count is of now under a period', async () => {
    const agency = (await lateOf(page, 'province')).groups[0]!.scope;
    await page.goto(`${base}/?scene=dossiers&kiosk&scope=${agency}&period=7d`);
    await waitForScene(page, 'dossiers', 60_000);
    const rows = await shownRows(page);
    expectRowsOf(rows, await lateOf(page, agency));
    expect(rows.every((r) => r.id.startsWith('commune:'))).toBe(true);
    const title = await page.textContent(`${FOCUS_RANKING} .title`);
    expect(title).toBe('Hồ sơ đang trễ hạn của cơ quan, theo xã/phường · tính đến hiện tại');
    // Its slot is the communes'; the agencies' list stays the province's, labelled.
    expect(await page.locator(`[data-visible="true"] .rank-communes [data-chart="focus-late"]`).count()).toBe(
      1,
    );
    await page.screenshot({ path: `${ARTIFACTS}/focus-rankings-agency-7d.png` });
  }, 120_000);

  it('says a commune has no tasks of its own, and draws its own hours', async () => {
    const commune = (await lateOf(page, (await lateOf(page, 'province')).groups[0]!.scope)).groups[0]!.scope;
    await page.goto(`${base}/?scene=tasks&kiosk&scope=${commune}`);
    await waitForScene(page, 'tasks', 60_000);
    // Tasks are assigned to agencies: not "waiting", not 0, but said not to exist here.
    const tiles = page.locator('[data-visible="true"] [data-kpi^="tasks."]');
    expect(await tiles.count()).toBe(4);
    for (const state of await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-freshness'))))
      expect(state).toBe('absent');
    expect(await tiles.first().textContent()).toContain('Nhiệm vụ giao cho cơ quan, không theo xã/phường');
    const totals = await page
      .locator('[data-visible="true"] [data-chart="task-status"] .total')
      .evaluateAll((els) => els.map((e) => e.textContent));
    expect(totals).toEqual(['—', '—', '—']);

    // The overview's hourly charts are the commune's own hours of today, against yesterday's.
    await page.goto(`${base}/?scene=overview&kiosk&scope=${commune}`);
    await waitForScene(page, 'overview', 60_000);
    const curve = page.locator('[data-visible="true"] [data-chart="view-received"]');
    await curve.waitFor({ timeout: 10_000 });
    expect(await curve.getAttribute('data-steps')).toBe('24');
    expect(await curve.textContent()).toMatch(/Hồ sơ tiếp nhận theo giờ.*Hôm nay.*Cả ngày hôm qua/);
  }, 120_000);

  it('keeps the province’s rankings and its gauge for the province', async () => {
    await page.goto(`${base}/?scene=dossiers&kiosk`);
    await waitForScene(page, 'dossiers', 60_000);
    expect(await page.locator(FOCUS_RANKING).count()).toBe(0);
    const gauge = await page.textContent('[data-visible="true"] [data-chart="onTimeRate"]');
    expect(gauge).toMatch(/toàn (tỉnh|thành phố)/);
  }, 60_000);

  // A unit over 7 days on every wall size: the curves by day, the unit's rankings, its task note.
  it.each(SCREENS)(
    'fits every scene of a commune over 7 days at $name, nothing cut',
    async (screen) => {
      const commune = (await lateOf(page, (await lateOf(page, 'province')).groups[0]!.scope)).groups[0]!
        .scope;
      const wall = (await openWall(browser, base, screen)).page;
      const offenders: string[] = [];
      for (const scene of ['overview', 'dossiers', 'payments', 'tasks']) {
        await wall.goto(`${base}/?scene=${scene}&kiosk&scope=${commune}&period=7d`);
        await waitForScene(wall, scene, 60_000);
        if (scene !== 'tasks')
          await wall
            .locator('[data-visible="true"] [data-chart^="view-"]')
            .first()
            .waitFor({ timeout: 10_000 });
        offenders.push(...(await sceneOffenders(wall)).offenders.map((o) => `${scene}: ${o}`));
        await wall.screenshot({ path: `${ARTIFACTS}/focus-7d-${scene}-${screen.name}.png` });
      }
      expect(offenders).toEqual([]);
      await wall.close();
    },
    180_000,
  );
});
