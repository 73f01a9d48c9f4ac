import type { BrowserContext, Page } from 'playwright-core';
import { formatKpi } from '../../shared/format';
import type { PeriodResponse } from '../../shared/history';
import { KPIS } from '../../shared/kpis';
import { pairDisplay } from './pairing';
import { waitForScene } from './wall';

const HEADLINE = KPIS.filter((k) => k.headline);

/** What a follower's wall root says about the meeting change on screen. */
export const appliedOn = (page: Page) =>
  page.locator('.wall').evaluate((el: HTMLElement) => ({
    seq: Number(el.dataset.meetingSeq),
    /** The change's stamped instant (server clock). */
    applyAt: Number(el.dataset.meetingApplyAt),
    /** When the wall applied it: its estimate of the server clock, and its own clock. */
    at: Number(el.dataset.meetingAppliedAt),
    device: Number(el.dataset.meetingAppliedDevice),
    commune: el.dataset.meetingCommune ?? null,
  }));

/**
 * The overview tiles a wall should show for a period answer, as the tile writes them: the raw value
 * (data-value, "" for unknown) and the formatted text (data-text, "—" for unknown). A KPI the period
 * route does not carry, or whose sources have not all been heard, is unknown, never 0.
 */
export function expectedTiles(answer: PeriodResponse): Record<string, { value: string; text: string }> {
  const out: Record<string, { value: string; text: string }> = {};
  for (const def of HEADLINE) {
    const row = answer.kpis.find((k) => k.id === def.id);
    const heard = def.sources.every((s) => answer.sources?.[s] != null);
    const value = row && row.value !== null && heard ? row.value : null;
    out[def.id] = { value: value === null ? '' : String(value), text: formatKpi(def, value, 'vi') };
  }
  return out;
}

/** The headline tiles of the overview scene, as the wall shows them. */
export const shownTiles = (page: Page) =>
  page.locator('[data-scene="overview"] .tiles [data-kpi]').evaluateAll((els) =>
    Object.fromEntries(
      els.map((el) => {
        const v = el.querySelector('[data-value]');
        return [
          el.getAttribute('data-kpi'),
          { value: v?.getAttribute('data-value') ?? '', text: v?.getAttribute('data-text') ?? '' },
        ];
      }),
    ),
  );

/**
 * A browser context that is a paired display: it asks for a pairing code and an operator pairs it
 * (the real flow, pairDisplay), then the context holds the display's cookie as the wall's browser would.
 */
export async function pairContext(
  context: BrowserContext,
  baseUrl: string,
  operatorCookie: string,
  name: string,
  place?: string,
) {
  const { cookie, device } = await pairDisplay(baseUrl, operatorCookie, name, place);
  const at = cookie.indexOf('=');
  await context.addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), url: baseUrl }]);
  return device;
}

/** A period answer of the API, as a test reads it (from this machine: no sign-in needed with LOOPBACK_WATCH). */
export async function periodAnswer(baseUrl: string, scope: string, period: string): Promise<PeriodResponse> {
  const r = await fetch(`${baseUrl}/api/v1/kpis/period?scope=${scope}&period=${period}`);
  return (await r.json()) as PeriodResponse;
}

/** Records a page's requests; returns those to any host but the server's (the control room has no internet). */
export function recordForeign(page: Page, baseUrl: string): () => string[] {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  return () => requests.filter((u) => !u.startsWith(baseUrl) && !/^(data|blob):/.test(u));
}

/** What a wall's root says of its rotation and of the meeting it follows (null when none). */
export const onRotation = (page: Page) =>
  page.locator('.wall').evaluate((el: HTMLElement) => ({
    following: el.dataset.meetingStatus ?? null,
    rotation: el.dataset.rotation,
    scene: el.dataset.scene,
    commune: el.dataset.meetingCommune ?? null,
  }));

/**
 * A follower that has joined, shows `scene` with data, and has drawn the map ahead, hidden, so that a
 * switch to it shows at once.
 */
export async function followingWithMapAhead(page: Page, scene: string): Promise<void> {
  await page.locator('.wall[data-meeting-status="following"]').waitFor({ timeout: 20_000 });
  await waitForScene(page, scene, 30_000);
  await page.waitForSelector('[data-scene="map"] [data-scene-content="map"][data-ready="true"]', {
    state: 'attached',
    timeout: 30_000,
  });
}

/** Signs a page's context in (its cookie jar keeps the session); returns the cookie for fetch. */
export async function signIn(page: Page, baseUrl: string, login: string, password: string) {
  const r = await page.request.post(`${baseUrl}/api/v1/session`, { data: { login, password } });
  if (r.status() !== 200) throw new Error(`sign-in answered ${r.status()}`);
  const cookies = await page.context().cookies(baseUrl);
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** Counts the page's main-frame navigations from now on: a wall that joined by itself made none. */
export function countNavigations(page: Page): () => number {
  let n = 0;
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) n++;
  });
  return () => n;
}

/** Records, in the page, when its map (hidden or not) is first pointed at `code` (this machine's clock). */
export async function watchMapFocus(page: Page, code: string): Promise<void> {
  const map = '[data-scene="map"] .province-map';
  await page.waitForSelector(map, { state: 'attached', timeout: 30_000 });
  await page.evaluate(
    ({ map, code }) => {
      const el = document.querySelector(map)!;
      const w = window as unknown as { __mapFocusedAt: number };
      w.__mapFocusedAt = Infinity;
      new MutationObserver(() => {
        if (el.getAttribute('data-map-focus') === code && w.__mapFocusedAt === Infinity)
          w.__mapFocusedAt = Date.now();
      }).observe(el, { attributes: true, attributeFilter: ['data-map-focus'] });
    },
    { map, code },
  );
}
export const mapFocusedAt = (page: Page) =>
  page.evaluate(() => (window as unknown as { __mapFocusedAt: number }).__mapFocusedAt);

export type Applied = Awaited<ReturnType<typeof appliedOn>>;

/**
 * Logs how late each follower applied a change against its stamped instant: on the server clock (the
 * wall's own estimate) and on this machine's clock, which pages and server processes here share; the
 * spread of the device instants is the figure the product's claim is about. Returns the server-clock
 * lateness of each.
 */
export function logLateness(what: string, names: string[], states: Applied[], claimMs: number): number[] {
  const late = states.map((s) => s.at - s.applyAt);
  const real = states.map((s) => s.device - s.applyAt);
  const devices = states.map((s) => s.device);
  console.log(
    `${what}: late by server/device ms: ${names.map((n, i) => `${n} ${late[i]}/${real[i]}`).join(', ')}; ` +
      `device spread ${Math.max(...devices) - Math.min(...devices)} ms (claim ±${claimMs} ms)`,
  );
  return late;
}
