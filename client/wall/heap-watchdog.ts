import { minuteOfDay } from '../../shared/time';

/**
 * The last guard against a slow leak in a page that runs for months: when the JS heap grows past a bound
 * the page reloads itself, at a quiet hour of the night, or at once when it is far past the bound. A
 * reload only happens while the server answers, so it never lands on a browser error page.
 */

interface HeapPolicy {
  /** Past this, reload at the next quiet hour. */
  softBytes: number;
  /** Past this, reload now: the tab would crash before the night. */
  hardBytes: number;
  /** The quiet hours, minutes of the day in Asia/Ho_Chi_Minh: [from, to). */
  quiet: { from: number; to: number };
}

export const DEFAULT_HEAP_POLICY: HeapPolicy = {
  softBytes: 384 * 2 ** 20,
  hardBytes: 1024 * 2 ** 20,
  quiet: { from: 3 * 60, to: 4 * 60 },
};

/** What to do about a heap of `used` bytes at server time `now`. */
export function heapVerdict(used: number | null, now: number, policy: HeapPolicy): 'reload' | 'wait' | 'ok' {
  if (used === null || used <= policy.softBytes) return 'ok';
  if (used > policy.hardBytes) return 'reload';
  const m = minuteOfDay(now);
  return m >= policy.quiet.from && m < policy.quiet.to ? 'reload' : 'wait';
}

/** Chromium's non-standard performance.memory, where it exists. */
const usedHeap = (): number | null =>
  (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;

const CHECK_EVERY_MS = 60_000;

/** Checks the heap every minute; returns the stop function. */
export function startHeapWatchdog(now: () => number, policy: HeapPolicy = DEFAULT_HEAP_POLICY): () => void {
  const timer = setInterval(() => {
    if (heapVerdict(usedHeap(), now(), policy) !== 'reload') return;
    void fetch('/healthz', { cache: 'no-store' })
      .then((r) => {
        if (r.ok) location.reload();
      })
      .catch(() => {
        // The server is away: reloading now would show an error page. Try again next minute.
      });
  }, CHECK_EVERY_MS);
  return () => clearInterval(timer);
}
