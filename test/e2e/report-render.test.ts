import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Users } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import { createRedisStore } from '../../server/store';
import type { Store } from '../../server/store/types';
import type { PairingStatus } from '../../shared/admin';
import type { IocEvent } from '../../shared/events';
import type { PeriodResponse } from '../../shared/history';
import { eventually, startTestApp, TEST_KEYS } from '../support/app';
import { launchChromium } from '../support/browser';
import { heartbeat, payment, received, resolved } from '../support/events';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';

/**
 * The reports a meeting keeps, rendered by the server's own Chromium (server/render/): the PDF opens
 * and every page renders (poppler's pdftoppm), the wall snapshot is the asked size and shows the scene,
 * only leaders get them, a burst is queued into one browser, and a missing Chromium says what to install.
 */

const OUT = 'test-results/report-render';
const PASSWORD = 'một mật khẩu đủ dài';
const HOUR = 3_600_000;
const iso = (t: number) => new Date(t).toISOString();

/** Two weeks of dossiers in two communes and two agencies, some resolved late, some paid, some open. */
function history(now: number): IocEvent[] {
  const events: IocEvent[] = [];
  for (let i = 0; i < 80; i++) {
    const at = now - (i * 4 + 1) * HOUR;
    const dossierId = `RR-${i}`;
    const commune = i % 3 ? '00004' : '00025';
    const agency = i % 2 ? 'so-tu-phap' : 'so-xay-dung';
    events.push(
      received({ dossierId, at: iso(at), commune, agency, dueAt: iso(at + 48 * HOUR), feeVnd: 20_000 }),
    );
    if (i % 4 === 0) events.push(payment({ dossierId, commune, agency, at: iso(at + HOUR) }));
    const done = at + (i % 5) * 20 * HOUR;
    if (i % 3 !== 2 && done < now) events.push(resolved({ dossierId, at: iso(done), finishedAt: iso(done) }));
  }
  return events;
}

/** Width and height from a PNG's IHDR chunk (bytes 16..24). */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** Browsers the server has started, from its /metrics. */
async function browsersLaunched(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^ioc_render_browsers_launched_total (\d+)/m.exec(text)?.[1] ?? NaN);
}

describe('reports rendered by the server (PDF, wall snapshot)', () => {
  const prefix = uniquePrefix('e2e-report-render');
  let store: Store;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  let leader = '';
  const get = (path: string, cookie: string | null = leader) =>
    fetch(`${sut.baseUrl}${path}`, { headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    store = await createRedisStore({ url: testRedisUrl(), prefix });
    const users = new Users(store, systemClock);
    await users.add({ login: 'lanh.dao', name: 'Lãnh đạo', role: 'leader', password: PASSWORD });
    await users.add({ login: 'truc.ban', name: 'Trực ban', role: 'operator', password: PASSWORD });
    sut = await startTestApp(store, { staticDir: resolve('dist/client'), loopbackWatch: false, tickMs: 200 });
    leader = await sut.signIn('lanh.dao', PASSWORD);
    const now = Date.now();
    const events = history(now);
    for (const source of ['one_stop', 'payments'] as const) {
      const res = await sut.post(
        events.filter((e) => e.source === source),
        TEST_KEYS[source],
      );
      expect(res.status).toBe(202);
    }
    expect((await sut.post(heartbeat({ source: 'tasks', at: iso(now) }), TEST_KEYS.tasks)).status).toBe(202);
    await eventually(async () => {
      const r = (await (await get('/api/v1/kpis/period?scope=province&period=30d')).json()) as PeriodResponse;
      return r.kpis.find((k) => k.id === 'received')?.value === 80;
    }, 15_000);
  });
  afterAll(async () => {
    await sut?.close();
    await store?.close();
    await dropPrefix(testRedisUrl(), prefix);
  });

  it('writes the PDF: A4 landscape, every page renders, the view then the definitions, fonts embedded', async () => {
    const res = await get('/api/v1/report?scope=province&period=7d&format=pdf');
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="bao-cao-province-7d-.+\.pdf"$/,
    );
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(`${OUT}/report.pdf`, pdf);

    const info = execFileSync('pdfinfo', [`${OUT}/report.pdf`], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    // A4 landscape: 842 × 595 points.
    expect(info).toMatch(/Page size:\s+84[12]\.\d+ x 595\.\d+ pts \(A4\)/);
    execFileSync('pdftoppm', ['-png', '-r', '50', `${OUT}/report.pdf`, `${OUT}/report-page`]);
    const rendered = readdirSync(OUT).filter((f) => /^report-page-\d+\.png$/.test(f));
    expect(rendered).toHaveLength(pages);
    for (const f of rendered) {
      const png = readFileSync(`${OUT}/${f}`);
      // 50 dpi A4 landscape (842.88 × 595.92 pt), rounded up.
      expect(pngSize(png)).toEqual({ width: 586, height: 414 });
    }
    const fonts = execFileSync('pdffonts', [`${OUT}/report.pdf`], { encoding: 'utf8' });
    const vietnamPro = fonts.split('\n').filter((l) => /BeVietnamPro/i.test(l));
    expect(vietnamPro.length).toBeGreaterThan(0);
    // Columns: name type encoding emb sub uni object ID: every Be Vietnam Pro face is embedded.
    for (const line of vietnamPro) expect(line.split(/\s+/).slice(-5, -4)).toEqual(['yes']);

    // The words, as a reader copies them out of the PDF: the view, then a page of definitions.
    const text = execFileSync('pdftotext', ['-layout', `${OUT}/report.pdf`, '-'], { encoding: 'utf8' });
    const [view = '', ...rest] = text.split('\f');
    const api = (await (await get('/api/v1/kpis/period?scope=province&period=7d')).json()) as PeriodResponse;
    expect(view).toContain('Thành phố Hà Nội');
    expect(view).toMatch(/Kỳ: 7 ngày \(\d\d\/\d\d\/\d{4} – \d\d\/\d\d\/\d{4}\)/);
    expect(view).toMatch(/Số liệu tính đến \d\d:\d\d, \d\d\/\d\d\/\d{4}/);
    const definitions = rest.join('\n');
    expect(definitions).toContain('Định nghĩa các chỉ số');
    expect(definitions).toContain('Công thức');
    expect(definitions).toContain('Điểm QĐ 766');
    expect(text.indexOf('Định nghĩa các chỉ số')).toBeGreaterThan(text.indexOf('Số liệu tính đến'));
    // Every indicator of the view has its definition.
    for (const k of api.kpis)
      expect(definitions, k.id).toContain(k.label.vi.split(' ').slice(0, 3).join(' '));

    // The values are those of GET /api/v1/kpis/period: the count of dossiers received over 7 days.
    const receivedKpi = api.kpis.find((k) => k.id === 'received')!;
    expect(receivedKpi.value).toBeGreaterThan(0);
    expect(view).toMatch(new RegExp(`${receivedKpi.label.vi}\\s+${receivedKpi.value} hồ sơ`));
  }, 60_000);

  it('writes the PDF of a commune over 30 days, named for the commune', async () => {
    const started = Date.now();
    const res = await get('/api/v1/report?scope=commune:00004&period=30d&format=pdf');
    console.log(`one PDF, browser warm: ${Date.now() - started} ms`);
    expect(res.status).toBe(200);
    writeFileSync(`${OUT}/report-commune.pdf`, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', `${OUT}/report-commune.pdf`, '-'], {
      encoding: 'utf8',
    });
    expect(text).toMatch(/(Phường|Xã) .+ — Thành phố Hà Nội/);
    expect(text).toContain('Kỳ: 30 ngày');
  }, 60_000);

  it('takes a PNG of a wall scene at 4K by default, and at the asked size, stamped with its as-of time', async () => {
    const res = await get('/api/v1/snapshot?scene=overview');
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(pngSize(png)).toEqual({ width: 3840, height: 2160 });
    writeFileSync(`${OUT}/snapshot-overview-3840x2160.png`, png);
    // The scene had drawn its tiles, with their words, before the picture was taken.
    expect(decodeURIComponent(res.headers.get('x-scene-text') ?? '')).toContain('tiếp nhận');
    expect(decodeURIComponent(res.headers.get('x-stamp') ?? '')).toMatch(
      /^Số liệu tính đến \d\d:\d\d, \d\d\/\d\d\/\d{4}$/,
    );
    // Not a blank frame: a flat 4K picture compresses to a few kilobytes.
    expect(png.length).toBeGreaterThan(100_000);

    const started = Date.now();
    const small = await get('/api/v1/snapshot?scene=dossiers&w=1280&h=720');
    console.log(`one 1280x720 snapshot, browser warm: ${Date.now() - started} ms`);
    expect(small.status).toBe(200);
    const smallPng = Buffer.from(await small.arrayBuffer());
    expect(pngSize(smallPng)).toEqual({ width: 1280, height: 720 });
    writeFileSync(`${OUT}/snapshot-dossiers-1280x720.png`, smallPng);

    // The map: drawn in WebGL with its boundaries, zoomed to the province, before the picture.
    const map = await get('/api/v1/snapshot?scene=map&w=1920&h=1080');
    expect(map.status, await map.clone().text()).toBe(200);
    const mapPng = Buffer.from(await map.arrayBuffer());
    expect(pngSize(mapPng)).toEqual({ width: 1920, height: 1080 });
    expect(decodeURIComponent(map.headers.get('x-scene-text') ?? '')).toContain('Bản đồ');
    writeFileSync(`${OUT}/snapshot-map-1920x1080.png`, mapPng);

    const bad = await get('/api/v1/snapshot?scene=overview&w=100');
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'w: must be at least 640' }]);
  }, 120_000);

  it('is for leaders: 401 without a session, 403 for a paired display', async () => {
    for (const path of ['/api/v1/report?format=pdf', '/api/v1/snapshot?scene=map'])
      expect((await get(path, null)).status).toBe(401);
    const asked = await fetch(`${sut.baseUrl}/api/v1/pairing`, { method: 'POST' });
    const display = (asked.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { code } = (await asked.json()) as PairingStatus & { code: string };
    const paired = await fetch(`${sut.baseUrl}/api/v1/devices`, {
      method: 'POST',
      headers: { cookie: await sut.signIn('truc.ban', PASSWORD), 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Màn hình phòng họp', place: 'UBND xã' }),
    });
    expect(paired.status).toBe(201);
    for (const path of ['/api/v1/report?format=pdf', '/api/v1/snapshot?scene=map'])
      expect((await get(path, display)).status).toBe(403);
  });

  it('serves a burst of 20 renders from one browser, queued', async () => {
    const before = await browsersLaunched(sut.baseUrl);
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        get(
          i % 2
            ? `/api/v1/report?scope=province&period=${i % 4 === 1 ? 'today' : '7d'}&format=pdf`
            : `/api/v1/snapshot?scene=overview&w=1280&h=720`,
        ).then(async (r) => ({ status: r.status, bytes: (await r.arrayBuffer()).byteLength })),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(`burst of 20 renders: ${seconds.toFixed(1)} s`);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    for (const a of answers) expect(a.bytes).toBeGreaterThan(10_000);
    expect(before).toBe(1);
    expect(await browsersLaunched(sut.baseUrl)).toBe(1);
  }, 180_000);

  it('offers the downloads on the tablet (CSV, PDF) and on the operator wall (with the PNG)', async () => {
    const browser = await launchChromium();
    try {
      for (const [login, path, kinds] of [
        ['lanh.dao', '/tablet', ['csv', 'pdf']],
        ['truc.ban', '/?dim=off', ['csv', 'pdf', 'png']],
      ] as const) {
        const context = await browser.newContext({
          viewport: { width: 1366, height: 900 },
          acceptDownloads: true,
        });
        const page = await context.newPage();
        const signedIn = await page.request.post(`${sut.baseUrl}/api/v1/session`, {
          data: { login, password: PASSWORD },
        });
        expect(signedIn.status()).toBe(200);
        await page.goto(`${sut.baseUrl}${path}`);
        await page.waitForSelector('[data-report-actions]', { timeout: 20_000 });
        const offered = await page.$$eval('[data-report]', (els) =>
          els.map((el) => el.getAttribute('data-report')),
        );
        expect(offered, path).toEqual(kinds);
        for (const kind of kinds) {
          const [file] = await Promise.all([
            page.waitForEvent('download', { timeout: 60_000 }),
            page.click(`[data-report="${kind}"]`),
          ]);
          expect(file.suggestedFilename(), `${path} ${kind}`).toMatch(new RegExp(`\\.${kind}$`));
        }
        await page.screenshot({ path: `${OUT}/buttons-${login}.png` });
        await context.close();
      }
    } finally {
      await browser.close();
    }
  }, 180_000);

  it('starts the browser again when it dies', async () => {
    const pids = execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--remote-debugging-pipe'));
    expect(pids).toHaveLength(1);
    process.kill(Number(pids[0]), 'SIGKILL');
    await eventually(
      () =>
        !existsSync(`/proc/${pids[0]}/cmdline`) ||
        readFileSync(`/proc/${pids[0]}/stat`, 'utf8').includes(' Z '),
      5000,
    );
    const res = await get('/api/v1/snapshot?scene=overview&w=640&h=360');
    expect(res.status).toBe(200);
    expect(await browsersLaunched(sut.baseUrl)).toBe(2);
  }, 60_000);
});

describe('without Chromium on the server', () => {
  it('answers 503 saying what to install', async () => {
    const prefix = uniquePrefix('e2e-report-nochromium');
    const store = await createRedisStore({ url: testRedisUrl(), prefix });
    await new Users(store, systemClock).add({
      login: 'lanh.dao',
      name: 'Lãnh đạo',
      role: 'leader',
      password: PASSWORD,
    });
    const sut = await startTestApp(store, { loopbackWatch: false, chromiumPath: '/nonexistent/chromium' });
    try {
      const cookie = await sut.signIn('lanh.dao', PASSWORD);
      for (const path of ['/api/v1/report?format=pdf', '/api/v1/snapshot?scene=overview']) {
        const res = await fetch(`${sut.baseUrl}${path}`, { headers: { cookie } });
        const body = (await res.json()) as { error: string; errorEn: string };
        expect(res.status).toBe(503);
        expect(body.error).toContain('apt-get install chromium');
        expect(body.errorEn).toContain('/nonexistent/chromium');
      }
      // The CSV needs no browser.
      expect((await fetch(`${sut.baseUrl}/api/v1/report?format=csv`, { headers: { cookie } })).status).toBe(
        200,
      );
    } finally {
      await sut.close();
      await store.close();
      await dropPrefix(testRedisUrl(), prefix);
    }
  });
});
