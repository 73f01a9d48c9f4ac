import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readChunks, type LineChunk } from '../../server/cli/import-lines';
import { fileIdentity, progressKey } from '../../server/cli/import-progress';
import { manualClock } from '../../server/clock';
import { wardsOf } from '../../server/geo/wards';
import { createRedisStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import type { IocEvent } from '../../shared/events';
import type { Scope } from '../../shared/scope';
import { addDays, DAY_MS } from '../../shared/time';
import { startTestApp } from '../support/app';
import { received } from '../support/events';
import { generateScenario, postedEvents, settled, type Scenario } from '../support/random-events';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { checkAgainstApi, mismatchReport, ReferenceModel, type Query } from '../support/reference-kpis';

/**
 * Issue 12, part 6: `npm run import -- <events.ndjson>` run as a user runs it (its own process, configured
 * by the server's environment) against the real app and its aggregator on Redis. A few thousand events
 * of a seeded scenario (duplicates included, as a real export would have them) with bad lines among
 * them: the good ones must count exactly as the reference model says, every bad one must be named,
 * and neither a rerun nor an interrupted run may count anything twice.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the importer; `whenOutput` may act on the child (e.g. Ctrl-C) once its stderr matches. */
function runImporter(
  prefix: string,
  args: string[],
  opts: { env?: Record<string, string>; whenOutput?: [RegExp, (pid: number) => void] } = {},
): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', ...args], {
    cwd: root,
    env: { ...process.env, REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, PROVINCE: '01', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let acted = false;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (opts.whenOutput && !acted && opts.whenOutput[0].test(stderr)) {
      acted = true;
      opts.whenOutput[1](child.pid!);
    }
  });
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

/** One bad line of the file: where it goes, the field the importer must name, and the line itself. */
interface BadLine {
  after: number;
  field: string;
  message: RegExp;
  text: string;
}

/** The scenario's POSTs as lines, in order, with bad lines put in after the given good lines. */
function fileLines(events: readonly IocEvent[], bad: readonly BadLine[]) {
  const lines: string[] = [];
  const badAt = new Map<number, BadLine>();
  events.forEach((e, i) => {
    lines.push(JSON.stringify(e));
    for (const b of bad.filter((b) => b.after === i + 1)) {
      lines.push(b.text);
      badAt.set(lines.length, b);
    }
  });
  return { lines, badAt };
}

function badLines(now: number): BadLine[] {
  const iso = (t: number) => new Date(t).toISOString();
  const ok = { at: iso(now - DAY_MS), dueAt: iso(now + DAY_MS) };
  const otherProvince = wardsOf('79')[0]!.code;
  return [
    { after: 3, field: '', message: /^not valid JSON/, text: '{"id": "broken", "type": ' },
    {
      after: 700,
      field: 'channel',
      message: /./,
      text: JSON.stringify({ ...received({ id: 'bad-channel', ...ok }), channel: 'fax' }),
    },
    {
      after: 1200,
      field: 'commune',
      message: new RegExp(`"${otherProvince}" is not a commune or ward of this province`),
      text: JSON.stringify(received({ id: 'bad-commune', dossierId: 'X-1', commune: otherProvince, ...ok })),
    },
    {
      after: 2000,
      field: 'dueAt',
      message: /is before the dossier was received/,
      text: JSON.stringify(
        received({ id: 'bad-due', dossierId: 'X-2', at: iso(now - DAY_MS), dueAt: iso(now - 2 * DAY_MS) }),
      ),
    },
    {
      after: 3000,
      field: 'at',
      message: /is older than the 800 days of history kept/,
      text: JSON.stringify(
        received({ id: 'bad-old', dossierId: 'X-3', at: iso(now - 900 * DAY_MS), dueAt: iso(now) }),
      ),
    },
  ];
}

describe('npm run import: a history of events loaded into the Redis stream exactly once', () => {
  let prefix: string;
  let store: Store;
  let redis: ReturnType<typeof createClient>;
  let dir: string;
  let scenario: Scenario;
  let sut: Awaited<ReturnType<typeof startTestApp>> | null;

  beforeEach(async () => {
    prefix = uniquePrefix('import');
    store = await createRedisStore({ url: testRedisUrl(), prefix, trimEveryMs: 200 });
    redis = createClient({ url: testRedisUrl() });
    await redis.connect();
    dir = mkdtempSync(join(tmpdir(), 'ioc-import-'));
    scenario = generateScenario(11, { now: Date.now() - 60_000, days: 30, dossiersPerDay: 30 });
    sut = null;
  });
  afterEach(async () => {
    await sut?.close();
    await store.close();
    await redis.close();
    await dropPrefix(testRedisUrl(), prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Appended entries ever (trimming does not move it, unlike XLEN). */
  const entriesAdded = async () => {
    const info = (await redis.sendCommand(['XINFO', 'STREAM', `${prefix}events`])) as unknown[];
    return Number(info[info.indexOf('entries-added') + 1]);
  };

  /** Every KPI of the province, two communes and two agencies (today, yesterday, 7 and 30 days). */
  async function mismatches(): Promise<string | null> {
    const events = postedEvents(scenario.batches);
    const stall = await settled(sut!.baseUrl, events);
    const model = new ReferenceModel(events, scenario.now);
    const scopes: Scope[] = [
      'province',
      ...scenario.communes.slice(0, 2).map((c) => `commune:${c}` as const),
      ...scenario.agencies.slice(0, 2).map((a) => `agency:${a}` as const),
    ];
    const queries: Query[] = [
      { kind: 'day' },
      { kind: 'day', date: addDays(scenario.today, -1) },
      { kind: 'period', period: '7d' },
      { kind: 'period', period: '30d' },
    ];
    const found = await checkAgainstApi(sut!.baseUrl, model, scopes, queries);
    if (!stall && found.length === 0) return null;
    return [stall ?? '', mismatchReport(found, `import, seed ${scenario.seed}`)].join('\n');
  }

  it('counts every good line exactly, names each bad line by number and field, and says nothing twice on a rerun', async () => {
    sut = await startTestApp(store, { clock: manualClock(scenario.now) });
    const bad = badLines(scenario.now);
    const { lines, badAt } = fileLines(postedEvents(scenario.batches), bad);
    const file = join(dir, 'history.ndjson');
    // As exported by a Windows tool: a byte order mark, a blank line, no line break at the very end.
    writeFileSync(file, '\uFEFF' + lines.join('\n').replace('\n', '\n\n'));
    const blank = 1;

    const first = await runImporter(prefix, [file, '--wait']);

    expect(first.code, first.stderr).toBe(1);
    const good = lines.length - bad.length;
    expect(first.stdout).toContain(
      `${(lines.length + blank).toLocaleString('en-US')} lines read, ${good.toLocaleString('en-US')} loaded, ` +
        `${bad.length} rejected (see ${file}.rejects.ndjson), 1 blank`,
    );
    expect(first.stdout).toMatch(/events\/s/);
    expect(first.stdout).toContain('the aggregator has counted every event');
    const rejects = readFileSync(`${file}.rejects.ndjson`, 'utf8')
      .trimEnd()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { line: number; errors: { field: string; message: string }[]; raw: string },
      );
    // Line numbers as an editor shows them: the blank line after line 1 moves every later one down by 1.
    const expected = [...badAt].map(([n, b]) => ({ n: n + blank, b }));
    expect(rejects.map((r) => r.line)).toEqual(expected.map((x) => x.n));
    for (const [i, { n, b }] of expected.entries()) {
      const r = rejects[i]!;
      expect(r.raw).toBe(b.text);
      expect(r.errors.map((e) => e.field)).toContain(b.field);
      const problem = r.errors.find((e) => e.field === b.field)!;
      expect(problem.message).toMatch(b.message);
      expect(first.stderr).toContain(`line ${n}: ${b.field ? `${b.field}: ` : ''}${problem.message}`);
    }
    expect(await entriesAdded()).toBe(good);
    expect(await mismatches()).toBeNull();
    const stats = { ...sut.app.aggregator!.stats };

    const again = await runImporter(prefix, [file]);

    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/already imported .*: nothing appended/);
    expect(await entriesAdded()).toBe(good);
    expect(await mismatches()).toBeNull();
    expect(sut.app.aggregator!.stats).toEqual(stats);
  }, 90_000);

  it('resumes an import killed after a chunk reached Redis but before its progress was recorded, and counts each event once', async () => {
    sut = await startTestApp(store, { clock: manualClock(scenario.now) });
    const bad = badLines(scenario.now).filter((b) => b.after === 1200 || b.after === 3000);
    const { lines } = fileLines(postedEvents(scenario.batches), bad);
    const file = join(dir, 'crlf.ndjson');
    writeFileSync(file, lines.join('\r\n') + '\r\n');

    // Chunks of 500 lines; the third is in the stream when the process dies, the progress says two.
    const crashed = await runImporter(prefix, [file, '--chunk', '500'], {
      env: { IMPORT_CRASH_AFTER_CHUNKS: '3' },
    });

    expect(crashed.signal).toBe('SIGKILL');
    const key = progressKey(prefix, (await fileIdentity(file)).id);
    expect(await redis.hGetAll(key)).toMatchObject({ line: '1000', done: '0' });
    expect(await entriesAdded()).toBeGreaterThanOrEqual(1500 - 1);
    // The crashed run wrote the reject of line 1201 (third chunk): the resume must not write it twice.
    expect(readFileSync(`${file}.rejects.ndjson`, 'utf8')).toContain('"line":1201');

    const resumed = await runImporter(prefix, [file, '--chunk', '500', '--wait']);

    expect(resumed.code, resumed.stderr).toBe(1);
    expect(resumed.stderr).toContain('resuming at line 1,001');
    expect(resumed.stdout).toContain(
      `${lines.length.toLocaleString('en-US')} lines read, ${(lines.length - 2).toLocaleString('en-US')} loaded, 2 rejected`,
    );
    const rejected = readFileSync(`${file}.rejects.ndjson`, 'utf8').trimEnd().split('\n');
    expect(rejected.map((l) => (JSON.parse(l) as { line: number }).line)).toEqual([1201, 3002]);
    // The third chunk went in twice (499 events), and was counted once.
    expect(await entriesAdded()).toBeGreaterThanOrEqual(lines.length - 2 + 499);
    expect(await mismatches()).toBeNull();
  }, 90_000);

  it('holds back while the aggregator is too far behind, stops cleanly on Ctrl-C, and the rerun finishes the job', async () => {
    // A server whose aggregator is not running: the stream only grows.
    const idle = await startTestApp(store, { clock: manualClock(scenario.now), aggregate: false });
    const { lines } = fileLines(postedEvents(scenario.batches), []);
    const file = join(dir, 'history.ndjson');
    writeFileSync(file, lines.join('\n') + '\n');

    const stopped = await runImporter(prefix, [file, '--chunk', '200', '--max-lag', '600'], {
      whenOutput: [/PAUSED: the aggregator is [\d,]+ entries behind/, (pid) => process.kill(pid, 'SIGINT')],
    });

    await idle.close();
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toMatch(/no server has read this stream yet/);
    expect(stopped.stderr).toMatch(/stopped at line [\d,]+: run the same command again to resume/);
    const appended = await entriesAdded();
    expect(appended).toBeGreaterThan(600);
    expect(appended).toBeLessThan(lines.length);

    sut = await startTestApp(store, { clock: manualClock(scenario.now) });
    const rerun = await runImporter(prefix, [file, '--chunk', '200', '--max-lag', '600', '--wait']);

    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(/resuming at line/);
    expect(await entriesAdded()).toBe(lines.length);
    expect(await mismatches()).toBeNull();
  }, 90_000);

  it('needs REDIS_URL, and says so with exit code 2', async () => {
    const file = join(dir, 'empty.ndjson');
    writeFileSync(file, '');

    const run = await runImporter(prefix, [file], { env: { REDIS_URL: '' } });

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/npm run import needs REDIS_URL/);
  });
});

describe("the importer's line reader", () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'ioc-lines-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const read = async (file: string, from = 0, firstLine = 1, maxLineBytes = 4 << 20) => {
    const chunks: LineChunk[] = [];
    for await (const c of readChunks(file, { from, firstLine, linesPerChunk: 2, maxLineBytes }))
      chunks.push(c);
    return chunks;
  };

  it('numbers lines as an editor does and ends each chunk at a byte offset a resume can start from', async () => {
    const file = join(dir, 'mixed.ndjson');
    // A byte order mark, CRLF and LF line breaks, a line longer than one 1 MB read, no final break.
    const long = 'é'.repeat(700_000);
    writeFileSync(file, `\uFEFFa\r\nbé\n\n${long}\nlast`);

    const chunks = await read(file);

    expect(chunks.map((c) => c.lines.map((l) => [l.n, l.text.length > 10 ? 'long' : l.text]))).toEqual([
      [
        [1, 'a'],
        [2, 'bé'],
      ],
      [
        [3, ''],
        [4, 'long'],
      ],
      [[5, 'last']],
    ]);
    expect(chunks[1]!.lines[1]!.text).toBe(long);
    expect(chunks.at(-1)!.end).toBe(readFileSync(file).length);
    const resumed = await read(file, chunks[0]!.end, chunks[0]!.lastLine + 1);
    expect(resumed.flatMap((c) => c.lines)).toEqual(chunks.slice(1).flatMap((c) => c.lines));
  });

  it('gives a line over the size limit back as its head only, flagged, and goes on with the next', async () => {
    const file = join(dir, 'huge.ndjson');
    writeFileSync(file, `{"a":1}\n${'x'.repeat(3 << 20)}\n{"b":2}\n`);

    const lines = (await read(file, 0, 1, 1 << 20)).flatMap((c) => c.lines);

    expect(lines.map((l) => [l.n, l.text.slice(0, 10), 'tooLong' in l])).toEqual([
      [1, '{"a":1}', false],
      [2, 'xxxxxxxxxx', true],
      [3, '{"b":2}', false],
    ]);
    expect(lines[1]!.text.length).toBeLessThanOrEqual(200);
  });
});
