import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../server/store/index';
import { startTestApp } from '../support/app';
import { freePort, startServerProcess } from '../support/server-process';

/** The policy, directive by directive: the app's own origin and nothing else. */
const EXPECTED_CSP = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'frame-ancestors': "'none'",
  'form-action': "'self'",
};

/** A Content-Security-Policy header as { directive: sources }. */
const directives = (header: string | null) =>
  Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );

/** What every answer must carry, whatever it is. */
function expectSecurityHeaders(res: Response) {
  const csp = res.headers.get('content-security-policy');
  expect(directives(csp)).toEqual(EXPECTED_CSP);
  // No outside host: the control room has no internet, and nothing may be fetched from one.
  expect(csp).not.toMatch(/https?:|\*|\.\w/);
  // Plain http on a private network must keep working: no upgrade, no HSTS.
  expect(csp).not.toContain('upgrade-insecure-requests');
  expect(res.headers.get('strict-transport-security')).toBeNull();
  expect(res.headers.get('cross-origin-embedder-policy')).toBeNull();
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('x-powered-by')).toBeNull();
}

describe('security headers on the API', () => {
  let sut: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    sut = await startTestApp(createMemoryStore());
  });
  afterAll(() => sut?.close());

  it('are on a JSON answer (/healthz)', async () => {
    const res = await fetch(`${sut.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expectSecurityHeaders(res);
  });

  it('are on an error answer too (an unknown API route)', async () => {
    const res = await fetch(`${sut.baseUrl}/api/v1/no-such-route`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expectSecurityHeaders(res);
  });

  it('are on a refused ingest request', async () => {
    const res = await fetch(`${sut.baseUrl}/api/v1/events`, { method: 'POST', body: '[]' });
    expect(res.status).toBe(401);
    expectSecurityHeaders(res);
  });
});

const dist = fileURLToPath(new URL('../../dist/client', import.meta.url));

// The page is the built client (npm test builds it first), served by the real server process.
describe('security headers on the wall page', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let base: string;

  beforeAll(async () => {
    if (!existsSync(join(dist, 'index.html'))) throw new Error('no built client: run `npx vite build` first');
    const port = await freePort();
    server = await startServerProcess({ REDIS_URL: '', SIMULATOR: 'off' }, port);
    base = `http://127.0.0.1:${port}`;
  }, 30_000);
  afterAll(() => server?.kill('SIGTERM'));

  it.each(['/', '/?scene=map', '/login', '/tablet', '/admin'])('are on the HTML of %s', async (path) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expectSecurityHeaders(res);
    // The page itself carries nothing the policy would block: no inline script or style.
    const html = (await res.text()).replace(/<!--[\s\S]*?-->/g, '');
    expect(html).not.toMatch(/<style|<script(?![^>]*\bsrc=)|\sstyle=|\son\w+=/i);
  });

  it("are on the client's script and on MapLibre's worker, whose own policy governs the worker", async () => {
    const html = await (await fetch(`${base}/`)).text();
    const script = /<script[^>]*src="([^"]+)"/.exec(html)?.[1];
    const worker = readdirSync(join(dist, 'assets')).find((f) => f.startsWith('maplibre-gl-worker-'));
    expect(script).toBeDefined();
    expect(worker).toBeDefined();
    for (const path of [script, `/assets/${worker}`]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expectSecurityHeaders(res);
    }
  });
});
