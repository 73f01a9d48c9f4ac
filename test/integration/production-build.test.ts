import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServerProcess } from '../support/server-process';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

/** What `npm run build` leaves, and `npm test`'s pretest builds (the client, the maps, the server). */
const BUILT = [
  'dist/server/index.js',
  'dist/server/past-worker.js',
  'dist/server/ingest-worker.js',
  'dist/server/user-add.js',
  'dist/client/index.html',
  'dist/client/geo/province-01.json',
];

/** Packages only the build needs: a production install must not have them, and the server must not want them. */
const BUILD_ONLY = [
  'tsx',
  'vite',
  'esbuild',
  'maplibre-gl',
  'd3',
  'world-atlas',
  'datamaps',
  'socket.io-client',
];

/**
 * The acceptance of a data centre's install: the build's output with package.json and the lock file,
 * `npm ci --omit=dev` (from npm's cache when it has the packages), and the production start. It serves
 * the wall, plays the demo's past in its worker thread (a bundle entry of its own) and says its version.
 */
describe('the production build runs on production dependencies only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-prod-'));
  let server: Awaited<ReturnType<typeof startServerProcess>> | null = null;
  let port = 0;

  beforeAll(async () => {
    const missing = BUILT.filter((file) => !existsSync(join(root, file)));
    if (missing.length > 0) throw new Error(`not built (run npm run build): ${missing.join(', ')}`);
    cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
    for (const file of ['package.json', 'package-lock.json']) cpSync(join(root, file), join(dir, file));
    await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: dir,
      env: { ...process.env, NODE_ENV: 'production' },
    });
    port = await freePort();
    server = await startServerProcess({ NODE_ENV: 'production', REDIS_URL: '', SIM_PAST_DAYS: '1' }, port, {
      cwd: dir,
      args: ['dist/server/index.js'],
    });
  }, 90_000);

  afterAll(async () => {
    await server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs none of the build-time packages', () => {
    const present = BUILD_ONLY.filter((name) => existsSync(join(dir, 'node_modules', name)));
    expect(present).toEqual([]);
    expect(existsSync(join(dir, 'node_modules', 'express'))).toBe(true);
  });

  it('serves the wall, its map and its version', async () => {
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="vi">');
    const map = await fetch(`http://127.0.0.1:${port}/geo/province.json`);
    expect(map.status).toBe(200);
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { version?: string };
    expect(health.version).toBe(version);
  });

  it('has the metrics at /metrics', async () => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    for (const name of [
      'ioc_events_ingested_total',
      'ioc_events_applied_total',
      'ioc_events_rejected_total',
      'ioc_aggregator_lag',
      'ioc_stream_length',
      'ioc_screens_connected',
      'ioc_frames_sent_total',
      'nodejs_eventloop_lag_p99_seconds',
    ])
      expect(text).toContain(`\n${name}`);
  });

  it('logs JSON lines with level, time and the same base fields', () => {
    const lines = server!
      .stdout()
      .split('\n')
      .filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry).toMatchObject({
        level: expect.any(String),
        time: expect.any(String),
        service: 'ioc-wall',
        version,
      });
    }
  });

  it('plays the demo past from the bundled worker thread', async () => {
    const deadline = Date.now() + 60_000;
    // The first progress line comes once the worker has planned the past and sent its first events;
    // a worker that could not start would have said so (and played it here) before that.
    while (!/demo: play(ing|ed) yesterday and today/.test(server!.output()) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(server!.output()).toMatch(/demo: play(ing|ed) yesterday and today/);
    expect(server!.output()).not.toMatch(/plays on the main thread/);
  }, 70_000);
});
