import type { Browser, Page } from 'playwright-core';
import type { IocEvent } from '../../shared/events';

/** The three walls the product is built for. */
export const SCREENS = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '3840x2160', width: 3840, height: 2160 },
  { name: '5120x1440', width: 5120, height: 1440 },
] as const;

export const ARTIFACTS = 'test-results/screenshots';

/** A page on the wall with every request recorded: anything not on the app's origin is a failure. */
export async function openWall(browser: Browser, base: string, viewport: { width: number; height: number }) {
  const page = await browser.newPage({ viewport });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const origin = new URL(base).origin;
  return {
    page,
    requests,
    /** Requests to any host but the app's origin (data: and blob: URLs are the page's own). */
    foreign: () =>
      requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')),
  };
}

/** Waits until `scene` is the one on screen and says it has drawn with data. */
export async function waitForScene(page: Page, scene: string, timeout = 20_000): Promise<void> {
  await page.waitForSelector(
    `[data-scene="${scene}"][data-visible="true"] [data-scene-content="${scene}"][data-ready="true"]`,
    { timeout },
  );
}

/**
 * Measured in the page: every visible piece of text (HTML and SVG) smaller than `labelFloor` of the
 * screen height, and every headline number smaller than `numberFloor`; also whether anything scrolls.
 */
export function measureType(page: Page, labelFloor = 0.016, numberFloor = 0.05) {
  return page.evaluate(
    ({ labelFloor, numberFloor }) => {
      const h = window.innerHeight;
      const small: { text: string; px: number }[] = [];
      let smallest = Infinity;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent?.trim();
        const el = n.parentElement;
        if (!text || !el || el.closest('[data-visible="false"]')) continue;
        const style = getComputedStyle(el);
        if (style.visibility !== 'visible' || style.display === 'none') continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || box.bottom < 0 || box.top > h) continue;
        // SVG text drawn through a scaled viewBox renders at font-size times the scale.
        const scale = el instanceof SVGGraphicsElement ? (el.getScreenCTM()?.a ?? 1) : 1;
        const px = parseFloat(style.fontSize) * scale;
        smallest = Math.min(smallest, px);
        if (px < labelFloor * h - 0.05) small.push({ text: text.slice(0, 40), px });
      }
      const numbers = [...document.querySelectorAll('[data-visible="true"] .tile .number')].map((e) =>
        parseFloat(getComputedStyle(e).fontSize),
      );
      const root = document.documentElement;
      return {
        small,
        smallest,
        smallestShare: smallest / h,
        smallNumbers: numbers.filter((px) => px < numberFloor * h - 0.05),
        numbers: numbers.length,
        scrolls: root.scrollWidth > window.innerWidth || root.scrollHeight > window.innerHeight,
      };
    },
    { labelFloor, numberFloor },
  );
}

/** Posts a batch to the ingest API with a source's key; throws on anything but 202. */
export async function post(base: string, key: string, events: IocEvent[]): Promise<void> {
  const r = await fetch(`${base}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(events),
  });
  if (r.status !== 202) throw new Error(`ingest answered ${r.status}: ${await r.text()}`);
}
