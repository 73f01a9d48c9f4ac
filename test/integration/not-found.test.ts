import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/types';
import { startTestApp } from '../support/app';
import { STORES } from '../support/stores';

/** The client build, where `pretest` ran `vite build`. */
const staticDir = fileURLToPath(new URL('../../dist/client', import.meta.url));
const [, redis] = STORES.find(([name]) => name === 'redis') ?? [];

describe('unknown paths', () => {
  let store: Store;
  let cleanup = async () => {};
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    if (!redis) throw new Error('no redis store in test/support/stores.ts');
    ({ store, cleanup } = await redis('not-found'));
    sut = await startTestApp(store, { aggregate: false, staticDir });
  });
  afterAll(async () => {
    await sut.close();
    await cleanup();
  });

  it('answer /help with a 404 page in Vietnamese that links to the screens, not the wall', async () => {
    const res = await fetch(`${sut.baseUrl}/help`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Không tìm thấy trang');
    for (const href of ['/', '/tablet', '/admin', '/meeting', '/login'])
      expect(html).toContain(`href="${href}"`);
    expect(html).not.toContain('id="app"');
    // Still under the same CSP: no script, no inline style.
    expect(html).not.toMatch(/<script|<style|style=/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('speak English under ?lang=en and never echo the path as markup', async () => {
    const res = await fetch(`${sut.baseUrl}/%3Cb%3Ex%3C%2Fb%3E?lang=en`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Page not found');
    expect(html).not.toContain('<b>x</b>');
  });

  it('answer a missing asset with 404, not the app', async () => {
    const res = await fetch(`${sut.baseUrl}/assets/no-such-file.js`);
    expect(res.status).toBe(404);
  });

  it('keep every page of the app: /, /login, /tablet, /admin, /meeting (with or without a slash)', async () => {
    for (const path of ['/', '/login', '/tablet', '/tablet/', '/admin', '/meeting', '/index.html']) {
      const res = await fetch(`${sut.baseUrl}${path}?scene=map`);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toContain('id="app"');
    }
  });

  it('leave the API and the map their own answers', async () => {
    expect((await fetch(`${sut.baseUrl}/api/v1/nothing`)).status).toBe(404);
    expect((await fetch(`${sut.baseUrl}/api/v1/directory`)).status).toBe(200);
    expect((await fetch(`${sut.baseUrl}/geo/province.json`)).status).toBe(200);
    expect((await fetch(`${sut.baseUrl}/healthz`)).status).toBe(200);
  });
});
