import type { DayKey } from '../../shared/brand';
import { parseDay } from '../../shared/time';
import { hostname } from 'node:os';
import { z } from 'zod';
import { DEFAULT_MIN_SAMPLE, parseMinSample } from '../../shared/min-sample';
import { PROVINCE_CODES } from '../../shared/provinces';
import { parseAllowedOrigins } from '../http/origin-check';
import { parseTrustProxy, type TrustProxy } from '../http/proxy';
import { DEFAULT_RETENTION_DAYS } from '../kpi/retention';
import { DEFAULT_READY_MAX_LAG } from '../observe/readiness';
import { DEFAULT_CHROMIUM_PATH } from '../render/chromium-path';
import { PLAN_LOOKBACK_DAYS } from '../simulator/timeline';
import { parseSentinels, type RedisNode, type RedisTarget } from '../store/redis-connect';

/**
 * All configuration comes from the environment, validated once at start. A bad value stops the server
 * with a message naming the variable, instead of surfacing later as a strange screen.
 */
const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => ['on', 'true', '1'].includes(v));

/** A check for a variable whose parser answers `{error}` when the value is wrong. */
const refuse =
  (parse: (v: string) => unknown) =>
  (value: string, ctx: z.RefinementCtx): void => {
    const parsed = parse(value);
    if (parsed && typeof parsed === 'object' && 'error' in parsed)
      ctx.addIssue({ code: 'custom', message: String(parsed.error) });
  };

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  // A hash tag ("ioc:{wall}:") puts every key of the wall in one Redis Cluster slot, as its scripts need.
  REDIS_PREFIX: z
    .string()
    .regex(
      /^(?:[\w:.-]*\{[\w:.-]+\}[\w:.-]*|[\w:.-]+)$/,
      'letters, digits and : . _ - only, with at most one {hash tag}',
    )
    .max(32, 'at most 32 characters')
    .default('ioc:'),
  // Instead of REDIS_URL: some of a Sentinel group's sentinels, and the group's name; the connections
  // follow the primary they name through failovers (server/store/redis-connect.ts).
  REDIS_SENTINELS: z.string().superRefine(refuse(parseSentinels)).optional(),
  REDIS_SENTINEL_NAME: z
    .string()
    .regex(/^[\w.-]{1,64}$/, 'letters, digits and . _ - only (the name in "sentinel monitor <name> ...")')
    .optional(),
  // Ingest answers 202 only once the events are on this many replicas (Redis WAIT); 0: on the primary.
  REDIS_MIN_REPLICAS: z.coerce.number().int().min(0).max(5).default(0),
  PROVINCE: z
    .enum(PROVINCE_CODES, { message: `must be one of the 34 province codes: ${PROVINCE_CODES.join(' ')}` })
    .default('01'),
  SIMULATOR: onOff.optional(),
  SIM_SPEED: z.coerce.number().min(0.1).max(100_000).default(1),
  SIM_SEED: z.coerce.number().int().default(2025),
  SIM_START: z.string().default('auto'),
  // A year of past takes minutes to send; the demo's default is 35 days.
  HISTORY_FROM: z
    .string()
    .refine((s) => parseDay(s) !== null, 'must be a calendar date YYYY-MM-DD')
    .optional(),
  DEMO_PASSWORD: z.string().min(10, 'at least 10 characters').max(256).optional(),
  SIM_PAST_DAYS: z.coerce.number().int().min(0).max(366).default(35),
  INGEST_KEYS: z.string().optional(),
  INGEST_WORKERS: z.coerce.number().int().min(0).max(16).optional(),
  INGEST_QUEUE: z.coerce.number().int().min(1).max(1000).default(32),
  AGGREGATOR_THREAD: onOff.optional(),
  // A ceiling only: frames go as fast as FRAME_CPU_SHARE allows, up to this many a second.
  MAX_FPS: z.coerce.number().min(1).max(1000).default(100),
  UNITS_FPS: z.coerce.number().min(0.2).max(20).default(4),
  FRAME_CPU_SHARE: z.coerce.number().gt(0).max(1).default(0.35),
  CONSUMER_NAME: z
    .string()
    .regex(/^[\w.:-]{1,64}$/)
    .optional(),
  SCENES_FILE: z.string().optional(),
  ALERTS_FILE: z.string().optional(),
  HOLIDAYS_FILE: z.string().optional(),
  COMMUNES_GEOJSON: z.string().optional(),
  LOOPBACK_WATCH: onOff.optional(),
  RETENTION_DAYS: z.coerce.number().int().min(35).max(3660).default(DEFAULT_RETENTION_DAYS),
  TRUST_PROXY: z.string().superRefine(refuse(parseTrustProxy)).optional(),
  ALLOWED_ORIGINS: z.string().superRefine(refuse(parseAllowedOrigins)).optional(),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  READY_MAX_LAG: z.coerce.number().int().min(1).default(DEFAULT_READY_MAX_LAG),
  MIN_SAMPLE: z.string().superRefine(refuse(parseMinSample)).optional(),
  // Not checked here: without Chromium the server runs, and only the PDF and snapshot routes say 503.
  CHROMIUM_PATH: z.string().default(DEFAULT_CHROMIUM_PATH),
});

/** REDIS_URL or REDIS_SENTINELS, not both; REDIS_SENTINELS and REDIS_SENTINEL_NAME together. */
const redisTargetChecked = schema.superRefine((c, ctx) => {
  if (c.REDIS_URL && c.REDIS_SENTINELS)
    ctx.addIssue({
      code: 'custom',
      path: ['REDIS_SENTINELS'],
      message: 'set REDIS_URL (one Redis) or REDIS_SENTINELS (a Sentinel group), not both',
    });
  if (c.REDIS_SENTINELS && !c.REDIS_SENTINEL_NAME)
    ctx.addIssue({
      code: 'custom',
      path: ['REDIS_SENTINEL_NAME'],
      message: 'required with REDIS_SENTINELS: the name of the group the sentinels monitor',
    });
  if (c.REDIS_SENTINEL_NAME && !c.REDIS_SENTINELS)
    ctx.addIssue({
      code: 'custom',
      path: ['REDIS_SENTINELS'],
      message: 'required with REDIS_SENTINEL_NAME: host:port of at least one sentinel',
    });
});

/** Where Redis is, from the checked variables; null: no Redis (the embedded store). */
function redisTarget(c: z.infer<typeof schema>): RedisTarget | null {
  if (c.REDIS_URL) return { url: c.REDIS_URL };
  if (c.REDIS_SENTINELS && c.REDIS_SENTINEL_NAME)
    return {
      sentinels: parseSentinels(c.REDIS_SENTINELS) as RedisNode[],
      sentinelName: c.REDIS_SENTINEL_NAME,
    };
  return null;
}

export interface Config {
  port: number;
  host: string;
  redisUrl: string | null;
  /** Where Redis is: REDIS_URL, or REDIS_SENTINELS + REDIS_SENTINEL_NAME; null: the embedded store. */
  redis: RedisTarget | null;
  redisPrefix: string;
  /** Replicas that must hold a batch before ingest acknowledges it (REDIS_MIN_REPLICAS; 0: none). */
  redisMinReplicas: number;
  province: string;
  simulator: { on: boolean; speed: number; seed: number; start: string };
  /** The first day whose numbers are complete (HISTORY_FROM); null: the day of the first event. */
  historyFrom: DayKey | null;
  /** The demo accounts' password (DEMO_PASSWORD); null: a random one, printed once at start. */
  demoPassword: string | null;
  /** Days before today the simulator's backfill covers (SIM_PAST_DAYS; 0 or 1 = yesterday only). */
  simPastDays: number;
  ingestKeys: string | null;
  /**
   * Worker threads that parse, check and store POSTed events (INGEST_WORKERS), and the batches that may
   * wait for one (INGEST_QUEUE). Only with Redis (0 without: the embedded store lives in this thread).
   */
  ingestWorkers: number;
  ingestQueue: number;
  /**
   * The aggregator on a worker thread of its own (AGGREGATOR_THREAD), off the thread serving the
   * screens. Only with Redis (without: the embedded store lives in this thread).
   */
  aggregatorThread: boolean;
  maxFps: number;
  unitsFps: number;
  /** Share of a core each feed's frames may take under load (FRAME_CPU_SHARE): the fan-out budget. */
  frameCpuShare: number;
  consumer: string;
  /** A JSON file with the wall's scene rotation (shared/scene-schedule.ts); the default rotation without. */
  scenesFile: string | null;
  /** A JSON file with the alert rules (shared/alert-rules.ts); the built-in rules without. */
  alertsFile: string | null;
  /** A JSON file with the public holidays (shared/holidays.ts); the built-in table without. */
  holidaysFile: string | null;
  /** An operator's commune boundaries (GeoJSON FeatureCollection), replacing the synthetic partition. */
  communesGeojson: string | null;
  /**
   * Browsers on the server's own machine may watch without signing in or pairing. On by default only in
   * the demo (the simulator plays), so `npm start` shows the wall at once; off with real data.
   */
  loopbackWatch: boolean;
  /** Days of history kept; events about older days are refused, and older days read as unknown. */
  retentionDays: number;
  /** The proxies in front of the server (TRUST_PROXY): hops or addresses; false: none. */
  trustProxy: TrustProxy;
  /** Origins whose pages may change state (ALLOWED_ORIGINS); null: the server's own origin only. */
  allowedOrigins: string[] | null;
  /** Bearer token for /metrics from elsewhere than loopback (METRICS_TOKEN); null: loopback only. */
  metricsToken: string | null;
  /** /readyz says not ready while the aggregators are more entries behind than this (READY_MAX_LAG). */
  readyMaxLag: number;
  /**
   * The one minimum sample (MIN_SAMPLE, dossiers): units are ranked by a rate, and communes alerted on,
   * only over at least this many (shared/min-sample.ts).
   */
  minSample: number;
  /** Chromium for the PDF report and the wall snapshots (CHROMIUM_PATH). */
  chromiumPath: string;
}

/** Reads and checks the environment; throws an Error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const r = redisTargetChecked.safeParse(blankless);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = r.data;
  const redis = redisTarget(c);
  // The past also sends the receipts of dossiers received up to PLAN_LOOKBACK_DAYS before its first
  // day (those still open in it): they must be within the history kept, or the server refuses them.
  const mostPastDays = c.RETENTION_DAYS - PLAN_LOOKBACK_DAYS;
  if (c.SIM_PAST_DAYS > mostPastDays) {
    throw new Error(
      `Invalid configuration:\n  SIM_PAST_DAYS: at most RETENTION_DAYS - ${PLAN_LOOKBACK_DAYS} = ${mostPastDays} (the past's oldest dossiers must be within the history kept)`,
    );
  }
  return {
    port: c.PORT,
    host: c.HOST,
    redisUrl: c.REDIS_URL ?? null,
    redis,
    redisPrefix: c.REDIS_PREFIX,
    redisMinReplicas: c.REDIS_MIN_REPLICAS,
    province: c.PROVINCE,
    // The simulator is the demo: on by default only when there is no Redis (no real sources).
    simulator: { on: c.SIMULATOR ?? !redis, speed: c.SIM_SPEED, seed: c.SIM_SEED, start: c.SIM_START },
    simPastDays: c.SIM_PAST_DAYS,
    demoPassword: c.DEMO_PASSWORD ?? null,
    historyFrom: c.HISTORY_FROM ? parseDay(c.HISTORY_FROM) : null,
    ingestKeys: c.INGEST_KEYS ?? null,
    // One core is the main thread's (screens, aggregator); the others parse and store events.
    // Opt-in: a worker costs about 100 MB of RSS (its own V8 and Redis connection), and on 2 cores the
    // aggregator, not the parsing, bounds ingest (issue 17's bench); a bigger machine may want 1–4.
    ingestWorkers: redis ? (c.INGEST_WORKERS ?? 0) : 0,
    ingestQueue: c.INGEST_QUEUE,
    // Opt-in for the same reason as INGEST_WORKERS: the thread's own V8 and Redis connections cost RSS
    // that a process serving thousands of idle screens may not have to spare.
    aggregatorThread: redis ? (c.AGGREGATOR_THREAD ?? false) : false,
    maxFps: c.MAX_FPS,
    unitsFps: c.UNITS_FPS,
    frameCpuShare: c.FRAME_CPU_SHARE,
    consumer: c.CONSUMER_NAME ?? `${hostname()}-${c.PORT}`,
    scenesFile: c.SCENES_FILE ?? null,
    alertsFile: c.ALERTS_FILE ?? null,
    holidaysFile: c.HOLIDAYS_FILE ?? null,
    communesGeojson: c.COMMUNES_GEOJSON ?? null,
    loopbackWatch: c.LOOPBACK_WATCH ?? c.SIMULATOR ?? !redis,
    retentionDays: c.RETENTION_DAYS,
    trustProxy: parseTrustProxy(c.TRUST_PROXY) as TrustProxy,
    allowedOrigins: parseAllowedOrigins(c.ALLOWED_ORIGINS) as string[] | null,
    metricsToken: c.METRICS_TOKEN ?? null,
    readyMaxLag: c.READY_MAX_LAG,
    minSample: c.MIN_SAMPLE === undefined ? DEFAULT_MIN_SAMPLE : (parseMinSample(c.MIN_SAMPLE) as number),
    chromiumPath: c.CHROMIUM_PATH,
  };
}
