import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../config/config';
import { wardsOf } from '../geo/wards';
import type { EventRules } from '../ingest/event-rules';
import { redisKeys } from '../store/redis-scripts';
import { createRedisClient, describeTarget, type RedisClient } from '../store/redis-connect';
import { ImportMeter, int } from './import-meter';
import { fileIdentity, progressKey } from './import-progress';
import { runImport, waitForAggregator, type ImportOutcome } from './import-run';

/**
 * `npm run import -- <events.ndjson>`: loads a history of events (one JSON event per line) into the
 * Redis stream of the server configured by the same environment (REDIS_URL or REDIS_SENTINELS, REDIS_PREFIX, PROVINCE,
 * RETENTION_DAYS), exactly once. Each line is held to the ingest API's contract; bad lines are named
 * on stderr and written to `<file>.rejects.ndjson`, the rest are loaded. The running servers'
 * aggregators then count them. An interrupted import resumes where Redis last confirmed it; a finished
 * one is not loaded again.
 *
 * Exit: 0 every line loaded, 1 some lines rejected, 2 usage or configuration error, 3 failed on the
 * way, e.g. Redis lost (rerun to resume), 130 stopped by Ctrl-C / SIGTERM (rerun to resume).
 */
const USAGE = `usage: npm run import -- <events.ndjson> [--wait] [--max-lag <entries>] [--rejects <file>] [--chunk <lines>]
  --wait               after loading, wait until the server's aggregator has counted every event
  --max-lag <entries>  hold back while the aggregator has more than this many entries to read (default 500000)
  --rejects <file>     where refused lines go (default <events.ndjson>.rejects.ndjson)
  --chunk <lines>      lines validated and appended together (default 1000)
  Configured by the server's environment: REDIS_URL or REDIS_SENTINELS + REDIS_SENTINEL_NAME (required),
  REDIS_PREFIX, PROVINCE, RETENTION_DAYS.`;

const EXIT = { loaded: 0, rejected: 1, usage: 2, failed: 3, interrupted: 130 } as const;
const DEFAULT_MAX_LAG = 500_000;
const DEFAULT_CHUNK = 1_000;
/** A valid event is a few KB at most (titles of 500 characters): a longer line is not one. */
const MAX_LINE_BYTES = 64 * 1024;
const PRINT_REJECTS_UP_TO = 1_000;

interface Args {
  file: string;
  wait: boolean;
  maxLag: number;
  rejects: string;
  chunk: number;
}

/** The arguments, 'help', or what is wrong with them. */
function parse(argv: string[]): Args | 'help' | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        wait: { type: 'boolean', default: false },
        'max-lag': { type: 'string' },
        rejects: { type: 'string' },
        chunk: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    return { error: (err as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) return { error: 'name one file of events (NDJSON: one JSON event per line)' };
  const file = positionals[0]!;
  const count = (name: string, v: string | undefined, fallback: number, max: number) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    return Number.isSafeInteger(n) && n >= 1 && n <= max
      ? n
      : { error: `--${name} must be a whole number from 1 to ${max}` };
  };
  const maxLag = count('max-lag', values['max-lag'], DEFAULT_MAX_LAG, 100_000_000);
  if (typeof maxLag !== 'number') return maxLag;
  const chunk = count('chunk', values.chunk, DEFAULT_CHUNK, 10_000);
  if (typeof chunk !== 'number') return chunk;
  return { file, wait: values.wait, maxLag, chunk, rejects: values.rejects ?? `${file}.rejects.ndjson` };
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
    return EXIT.loaded;
  }
  if ('error' in args) {
    console.error(`${args.error}\n${USAGE}`);
    return EXIT.usage;
  }
  if (!existsSync(args.file) || !statSync(args.file).isFile()) {
    console.error(`no such file: ${args.file}`);
    return EXIT.usage;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    return EXIT.usage;
  }
  if (!config.redis) {
    console.error(
      'npm run import needs REDIS_URL or REDIS_SENTINELS (and the REDIS_PREFIX, PROVINCE and RETENTION_DAYS of the server): ' +
        'events are loaded into the Redis stream that server reads; the embedded store lives inside the server',
    );
    return EXIT.usage;
  }

  const stop = { requested: false };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // Twice: the user means it. The progress in Redis is safe either way.
      if (stop.requested) process.exit(EXIT.interrupted);
      stop.requested = true;
      process.stderr.write(`\n${signal}: stopping after the chunks in flight (again to quit at once)\n`);
    });
  }

  // No reconnecting: a Redis lost half-way fails the run, whose progress is saved; rerunning resumes
  // (on the new primary, with sentinels: a failover is such a loss).
  const redis = config.redis;
  let client: RedisClient | undefined;
  let lost: Error | null = null;
  try {
    client = await createRedisClient(redis, {
      name: `${config.redisPrefix}import`,
      disableOfflineQueue: true,
      socket: { connectTimeout: 5_000, reconnectStrategy: false },
    });
    client.on('error', (err: Error) => (lost ??= err));
    await client.connect();
  } catch (err) {
    console.error(`cannot reach Redis at ${describeTarget(redis)}: ${(err as Error).message}`);
    if (client?.isOpen) client.destroy();
    return EXIT.usage;
  }
  try {
    return await importFile(client, config, args, stop);
  } catch (err) {
    console.error(
      `\nthe import failed: ${(lost ?? (err as Error)).message}\n` +
        'what Redis confirmed is recorded: run the same command again to resume',
    );
    return EXIT.failed;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

async function importFile(
  client: RedisClient,
  config: Config,
  args: Args,
  stop: { requested: boolean },
): Promise<number> {
  const stream = redisKeys(config.redisPrefix).events;
  const { id, size } = await fileIdentity(args.file);
  const key = progressKey(config.redisPrefix, id);
  const rules: EventRules = {
    communes: new Set(wardsOf(config.province).map((w) => w.code)),
    retentionDays: config.retentionDays,
  };
  const outcome = await runImport({
    client,
    stream,
    file: args.file,
    size,
    progressKey: key,
    rules,
    rejectsPath: args.rejects,
    linesPerChunk: args.chunk,
    maxLineBytes: MAX_LINE_BYTES,
    maxLag: args.maxLag,
    stop,
    printRejectsUpTo: PRINT_REJECTS_UP_TO,
    crashAfterChunks: crashHook(),
    meter: (start) =>
      new ImportMeter(process.stderr, size, {
        bytes: start.offset,
        line: start.line,
        loaded: start.loaded,
        rejected: start.rejected,
      }),
  });
  return report(outcome, args, key, client, stream, stop);
}

/** Prints how it went and says with which code to exit. */
async function report(
  outcome: ImportOutcome,
  args: Args,
  key: string,
  client: RedisClient,
  stream: string,
  stop: { requested: boolean },
): Promise<number> {
  const name = basename(args.file);
  if (outcome.kind === 'cannot-resume') {
    console.error(
      `cannot resume the import of ${name}: ${outcome.why}. The file changed since the interrupted run; ` +
        `to start it over, delete the Redis key ${key} (events already loaded are counted once anyway)`,
    );
    return EXIT.usage;
  }
  const p = outcome.progress;
  if (outcome.kind === 'already-imported') {
    console.log(
      `${name} was already imported (finished ${p.doneAt ?? '?'}: ${int(p.loaded)} events loaded, ` +
        `${int(p.rejected)} lines rejected): nothing appended`,
    );
    return EXIT.loaded;
  }
  const rejectsNote = p.rejected > 0 ? ` (see ${args.rejects})` : '';
  const earlier = outcome.resumedFrom
    ? `; resumed at line ${int(outcome.resumedFrom.line + 1)}, this run loaded ${int(p.loaded - outcome.resumedFrom.loaded)}`
    : '';
  console.log(
    `${outcome.kind === 'interrupted' ? 'stopped' : 'imported'} ${name}: ${int(p.line)} lines read, ` +
      `${int(p.loaded)} loaded, ${int(p.rejected)} rejected${rejectsNote}` +
      (p.blank ? `, ${int(p.blank)} blank` : '') +
      `; ${outcome.seconds.toFixed(1)} s, ${int(outcome.eventsPerSec)} events/s${earlier}`,
  );
  if (outcome.kind === 'interrupted') {
    console.error(`stopped at line ${int(p.line)}: run the same command again to resume`);
    return EXIT.interrupted;
  }
  if (args.wait && outcome.lastId) {
    const t0 = Date.now();
    const caughtUp = await waitForAggregator(client, stream, outcome.lastId, stop, (text) =>
      process.stderr.write(`${text}\n`),
    );
    if (caughtUp)
      console.log(`the aggregator has counted every event (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    else console.error('stopped waiting for the aggregator; the import itself is complete');
  }
  return p.rejected > 0 ? EXIT.rejected : EXIT.loaded;
}

/**
 * IMPORT_CRASH_AFTER_CHUNKS=n, for the tests only: the process kills itself (SIGKILL) once its n-th
 * chunk is acknowledged, before that chunk's progress is written, the worst moment for a crash.
 */
function crashHook(): number | undefined {
  const n = Number(process.env.IMPORT_CRASH_AFTER_CHUNKS);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(EXIT.failed);
  },
);
