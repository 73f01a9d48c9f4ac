import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Users } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import { createRedisStore } from '../../server/store/index';
import type { PeriodResponse } from '../../shared/history';
import { KPIS } from '../../shared/kpis';
import { launchChromium } from '../support/browser';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { freePort, startServerProcess } from '../support/server-process';
import { ARTIFACTS, openWall, waitForScene } from '../support/wall';

const SPEED = 60;
const OPERATOR = {
  login: 'dieu.hanh',
  name: 'Cán bộ điều hành họp',
  role: 'operator',
  password: 'mật khẩu điều hành',
};
const HEADLINE = KPIS.filter((k) => k.headline).map((k) => k.id);

/**
 * The focus steers the scenes (issue 15 item 1): the presenter picks a commune and "7 ngày"; a follower's
 * overview then shows that commune's 7-day numbers, fetched before the stamped instant, with the scope
 * and period written on the scene, and the presenter sees the point ready before it applies.
 */
describe('a meeting’s focus on the follower’s scenes, with real Redis', () => {
  const prefix = uniquePrefix('e2e-focus');
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const store = await createRedisStore({ url: testRedisUrl(), prefix });
    await new Users(store, systemClock).add(OPERATOR);
    await store.close();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = await startServerProcess(
      {
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        SIMULATOR: 'on',
        SIM_SPEED: String(SPEED),
        LOOPBACK_WATCH: 'on',
      },
      port,
    );
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.kill();
    await dropPrefix(testRedisUrl(), prefix);
  });

  it('shows the commune’s 7-day values on the overview tiles, fetched ahead of the instant', async () => {
    const presenter = await openWall(browser, base, { width: 1366, height: 1024 });
    const p = presenter.page;
    const signIn = await p.request.post(`${base}/api/v1/session`, {
      data: { login: OPERATOR.login, password: OPERATOR.password },
    });
    expect(signIn.status()).toBe(200);
    await p.goto(`${base}/meeting`);
    await p.locator('[data-testid="meeting-page"][data-phase="ready"]').waitFor({ timeout: 15_000 });
    await p.locator('[name="title"]').fill('Giao ban theo xã');
    await p.locator('[name="chair"]').fill('Phó Chủ tịch UBND tỉnh');
    await p.getByTestId('meeting-create').click();
    const created = p.getByTestId('meeting-created');
    const code = (await created.getAttribute('data-code', { timeout: 10_000 }))!;
    await created.getByRole('link').last().click();
    await p.locator('[data-testid="presenter"][data-presenting="true"]').waitFor({ timeout: 15_000 });

    const follower = await openWall(browser, base, { width: 1920, height: 1080 });
    const f = follower.page;
    // Every answer of the period route the wall receives, with the instant it arrived (this machine's clock).
    const answers: { url: string; at: number; body: PeriodResponse }[] = [];
    f.on('response', (r) => {
      if (!r.url().includes('/api/v1/kpis/period')) return;
      const at = Date.now();
      void r.json().then((body: PeriodResponse) => answers.push({ url: r.url(), at, body }));
    });
    await f.goto(`${base}/?meeting=${code}&kiosk&point=${encodeURIComponent('Điểm cầu xã')}`);
    await f.locator('.wall[data-meeting-status="following"]').waitFor({ timeout: 20_000 });
    await waitForScene(f, 'overview', 30_000);

    const option = p.locator('select[name="commune"] option').nth(3);
    const commune = (await option.getAttribute('value'))!;
    const name = (await option.textContent())!.trim();
    await p.locator('select[name="commune"]').selectOption(commune);
    await p.locator(`[data-testid="live"][data-commune="${commune}"]`).waitFor();
    await p.locator('select[name="period"]').selectOption('7d');
    const live = p.locator(`[data-testid="live"][data-commune="${commune}"][data-period="7d"]`);
    await live.waitFor();
    const seq = Number(await live.getAttribute('data-seq'));
    // The presenter hears the point is ready for the newest change, before or at its instant.
    await p
      .locator('[data-testid="live-ready"][data-ready="1"][data-online="1"]')
      .waitFor({ timeout: 10_000 });

    await f.locator(`.wall[data-meeting-seq="${seq}"]`).waitFor({ timeout: 10_000 });
    const appliedDevice = Number(await f.locator('.wall').getAttribute('data-meeting-applied-device'));
    const heading = f.locator(
      `[data-scene="overview"] [data-testid="view-heading"][data-scope="commune:${commune}"][data-period="7d"]`,
    );
    await heading.waitFor({ timeout: 5_000 });
    expect(await heading.textContent()).toContain(name);
    expect(await heading.textContent()).toContain('7 ngày');
    // The province's hourly charts give way to the commune's own curves of the 7 days, by day.
    for (const chart of ['view-received', 'view-payments']) {
      const curve = f.locator(`[data-scene="overview"] [data-chart="${chart}"]`);
      await curve.waitFor({ timeout: 10_000 });
      expect(await curve.getAttribute('data-steps')).toBe('7');
      expect(await curve.textContent()).toContain('theo ngày');
    }

    const ours = (a: (typeof answers)[number]) =>
      new URL(a.url).searchParams.get('scope') === `commune:${commune}` &&
      new URL(a.url).searchParams.get('period') === '7d';
    // Fetched ahead: the first answer for the view came before the wall applied it.
    const first = answers.find(ours);
    expect(first).toBeDefined();
    expect(first!.at).toBeLessThanOrEqual(appliedDevice);

    // The tiles show the answer the wall holds, value for value; unknown is "—" (no data-value), never 0.
    const tiles = async () =>
      f
        .locator('[data-scene="overview"] .tiles [data-kpi]')
        .evaluateAll((els) =>
          els.map((el) => [
            el.getAttribute('data-kpi'),
            el.querySelector('[data-value]')?.getAttribute('data-value'),
          ]),
        );
    const shown = Object.fromEntries(await tiles());
    const answer = answers.filter(ours).at(-1)!.body;
    expect(answer.scope).toBe(`commune:${commune}`);
    let known = 0;
    const absent = HEADLINE.filter((id) => !answer.kpis.some((k) => k.id === id));
    for (const id of HEADLINE) {
      // A KPI the period route does not carry (a "now" count) is unknown for a period: "—".
      const row = answer.kpis.find((k) => k.id === id) ?? { value: null };
      const sourcesHeard = KPIS.find((k) => k.id === id)!.sources.every((s) => answer.sources?.[s] != null);
      const expected = row.value === null || !sourcesHeard ? '' : String(row.value);
      expect({ id, value: shown[id] }).toEqual({ id, value: expected });
      if (expected !== '') known++;
    }
    expect(known).toBeGreaterThan(0);
    // And the same numbers a fresh read of the API gives for them, within the 30 s refresh.
    const fresh = (await (
      await f.request.get(`${base}/api/v1/kpis/period?scope=commune:${commune}&period=7d`)
    ).json()) as PeriodResponse;
    expect(fresh.from).toBe(answer.from);
    expect(fresh.to).toBe(answer.to);
    console.log(
      `[meeting-focus] commune ${commune} 7d: ${known}/${HEADLINE.length} headline tiles known ` +
        `(not in the period route: ${absent.join(', ') || 'none'}); answer ` +
        `${appliedDevice - first!.at} ms before the instant`,
    );
    await f.screenshot({ path: `${ARTIFACTS}/meeting-focus-follower.png` });
    await p.screenshot({ path: `${ARTIFACTS}/meeting-focus-presenter.png` });
  }, 120_000);
});
