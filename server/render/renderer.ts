import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { logFor } from '../observe/logger';
import { RenderQueue, withTimeout } from './queue';
import { RENDER_COOKIE, type RenderPasses } from './render-pass';

const log = logFor('render');

export { DEFAULT_CHROMIUM_PATH } from './chromium-path';
/** Pages rendered at once in the one browser: the server has 2 cores and other work to do. */
export const RENDER_CONCURRENCY = 2;
/** Renders that may wait for a page; a meeting's burst fits, more is refused with 503. */
export const RENDER_QUEUE_MAX = 32;
/** The longest one render may take (a 4K map scene drawn in software WebGL included). */
export const RENDER_TIMEOUT_MS = 45_000;

/** Chromium is not at its path: what to tell whoever asked, in Vietnamese and English. */
export class ChromiumMissing extends Error {
  override name = 'ChromiumMissing';
  constructor(readonly path: string) {
    super(
      `Chromium is not installed at ${path}: install it with \`apt-get install chromium\` ` +
        `(Debian/Ubuntu), or point CHROMIUM_PATH at a Chromium`,
    );
  }
}

/**
 * The flags the tests' browser runs with (test/support/browser.ts): no sandbox (a service user or a
 * container has none to give), software WebGL for the map, and nothing that calls home.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export interface RendererOptions {
  chromiumPath: string;
  passes: RenderPasses;
  /** The server's own address as the browser reaches it ("http://127.0.0.1:8080"); known once listening. */
  origin: () => string;
  timeoutMs?: number;
  concurrency?: number;
  queueMax?: number;
}

/**
 * A pool of one Chromium, launched at the first render and kept for the next ones (a launch costs a
 * second or two), launched again if it dies. Each render gets a fresh browser context (its own cookies)
 * carrying a render pass instead of anyone's session, a bounded place in line, and a time-out.
 */
export class Renderer {
  #browser: Promise<Browser> | null = null;
  #launched = 0;
  #closed = false;
  readonly #queue: RenderQueue;
  readonly #timeoutMs: number;

  constructor(private readonly opts: RendererOptions) {
    this.#queue = new RenderQueue({
      concurrency: opts.concurrency ?? RENDER_CONCURRENCY,
      maxWaiting: opts.queueMax ?? RENDER_QUEUE_MAX,
    });
    this.#timeoutMs = opts.timeoutMs ?? RENDER_TIMEOUT_MS;
  }

  /** Browsers this process has started (the metric ioc_render_browsers_launched_total). */
  get launched(): number {
    return this.#launched;
  }

  /** Renders waiting for a page. */
  get waiting(): number {
    return this.#queue.waiting;
  }

  /** Looked at on every request, so Chromium installed after the start is used without a restart. */
  get available(): boolean {
    return existsSync(this.opts.chromiumPath);
  }

  /**
   * Opens `path` on the server itself at the given viewport, in a context holding a fresh render pass,
   * and hands the page to `work`; the pass is revoked and the context closed however it ends.
   * Throws ChromiumMissing, QueueFull or RenderTimeout.
   */
  async render<T>(
    path: string,
    viewport: { width: number; height: number },
    work: (page: Page) => Promise<T>,
  ): Promise<T> {
    if (!this.available) throw new ChromiumMissing(this.opts.chromiumPath);
    return this.#queue.run(async () => {
      const context = await this.#newContext(viewport);
      const origin = this.opts.origin();
      const pass = this.opts.passes.issue();
      try {
        await context.addCookies([{ name: RENDER_COOKIE, value: pass, url: origin, httpOnly: true }]);
        const page = await context.newPage();
        const opened = (async () => {
          await page.goto(origin + path, { waitUntil: 'domcontentloaded' });
          return work(page);
        })();
        return await withTimeout(opened, this.#timeoutMs, () => void context.close().catch(() => {}));
      } finally {
        this.opts.passes.revoke(pass);
        await context.close().catch(() => {});
      }
    });
  }

  /**
   * A fresh context (its own cookies) in the one browser. A browser killed a moment ago may not have
   * said so yet: when it refuses, it is dropped and started again, once.
   */
  async #newContext(viewport: { width: number; height: number }): Promise<BrowserContext> {
    for (let attempt = 0; ; attempt++) {
      const browser = await this.#launch();
      try {
        return await browser.newContext({ viewport, deviceScaleFactor: 1 });
      } catch (err) {
        if (attempt > 0) throw err;
        log.warn({ err }, 'render browser refused a page; starting another');
        await browser.close().catch(() => {});
        if ((await this.#browser?.catch(() => null)) === browser) this.#browser = null;
      }
    }
  }

  /** The one browser: launched on first use, and again after it died (a crash, a kill). */
  #launch(): Promise<Browser> {
    const pending = this.#browser;
    if (!pending) return this.#start();
    // Decided synchronously: renders that ask at once all get the one launch in flight.
    return pending.then((browser) => {
      if (browser.isConnected()) return browser;
      if (this.#browser === pending) this.#browser = null;
      return this.#browser ?? this.#start();
    });
  }

  #start(): Promise<Browser> {
    // Loaded at the first render, not at start: playwright-core's bundles are ~13 MB of heap as source
    // text alone, which a process that never renders (most of a fleet) should not carry.
    const launching = import('playwright-core')
      .then(({ chromium }) =>
        chromium.launch({ executablePath: this.opts.chromiumPath, headless: true, args: CHROMIUM_ARGS }),
      )
      .then((browser) => {
        this.#launched++;
        log.info({ path: this.opts.chromiumPath }, 'render browser started');
        browser.on('disconnected', () => {
          if (this.#browser === launching) this.#browser = null;
          if (!this.#closed) log.warn('render browser went away; the next render starts another');
        });
        return browser;
      });
    // A failed launch is not kept: the next render tries again.
    launching.catch(() => {
      if (this.#browser === launching) this.#browser = null;
    });
    this.#browser = launching;
    return launching;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const browser = await this.#browser?.catch(() => null);
    this.#browser = null;
    await browser?.close().catch(() => {});
  }
}
