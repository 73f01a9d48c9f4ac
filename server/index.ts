import type { DayKey } from '../shared/brand';
import { addDays, dayOf } from '../shared/time';
import { SOURCES, type Source } from '../shared/events';
import { formatDateTime } from '../shared/format';
import { createApp } from './app';
import { acceleratedClock, systemClock, type Clock } from './clock';
import { loadConfig, type Config } from './config/config';
import { simStart } from './config/demo-clock';
import { loadSceneSchedule } from './config/scene-file';
import { loadAlertRules } from './config/alert-file';
import { loadHolidays } from './config/holiday-file';
import { provinceFullName } from './geo/wards';
import { redisAdapter } from './hub/adapter';
import { ApiKeys, newSecret, parseKeySpec } from './ingest/api-keys';
import { createHttpSender, createSimulator, progressLine } from './simulator/index';
import { createMemoryStore, createRedisStore } from './store/index';
import { describeTarget } from './store/redis-connect';
import type { Store } from './store/types';
import { DEMO_ACCOUNTS, demoPassword, ensureDemoAccounts } from './auth/demo-accounts';
import { Users } from './auth/users';
import { log } from './observe/logger';
import { exitOnSignals } from './observe/shutdown';
import { VERSION } from './observe/version';

/** Reads the configuration and starts the product. Everything else is wired in createApp. */
async function main() {
  let config, scenes, alertRules, holidays;
  try {
    config = loadConfig();
    scenes = loadSceneSchedule(config.scenesFile);
    alertRules = loadAlertRules(config.alertsFile, config.minSample);
    holidays = loadHolidays(config.holidaysFile);
  } catch (err) {
    log.fatal((err as Error).message);
    process.exit(2);
  }

  const clock = demoClock(config);
  let store: Store;
  let shared: Awaited<ReturnType<typeof redisAdapter>> | null;
  try {
    store = config.redis
      ? await createRedisStore({
          ...config.redis,
          prefix: config.redisPrefix,
          minReplicas: config.redisMinReplicas,
        })
      : createMemoryStore();
    // With Redis, several processes may serve screens: they share rooms and control through the adapter.
    shared = config.redis ? await redisAdapter(config.redis, config.redisPrefix) : null;
  } catch (err) {
    // E.g. no sentinel could name the primary (a URL's Redis is waited for: node-redis reconnects).
    log.fatal(`cannot open the store on ${describeTarget(config.redis!)}: ${(err as Error).message}`);
    process.exit(1);
  }

  const keys = new ApiKeys();
  for (const { secret, grant } of parseKeySpec(config.ingestKeys ?? '')) keys.add(secret, grant);
  // The embedded simulator is a source like any other: it gets its own keys, made fresh at each start.
  const simKeys = Object.fromEntries(SOURCES.map((s) => [s, newSecret()])) as Record<Source, string>;
  if (config.simulator.on) {
    for (const [i, { secret, grant }] of parseKeySpec(
      SOURCES.map((s) => `${s}:${simKeys[s]}`).join(','),
    ).entries()) {
      keys.add(secret, { ...grant, name: `simulator:${SOURCES[i]}` });
    }
  }

  const province = { code: config.province, name: provinceFullName(config.province) };
  // A bad operator file (COMMUNES_GEOJSON) throws from here: say what is wrong and stop, as for a bad variable.
  let app;
  try {
    app = await createApp({
      store,
      clock,
      keys,
      province,
      consumer: config.consumer,
      ingestWorkers: config.redis && {
        workers: config.ingestWorkers,
        queue: config.ingestQueue,
        redis: config.redis,
        prefix: config.redisPrefix,
        minReplicas: config.redisMinReplicas,
      },
      aggregatorThread:
        config.redis && config.aggregatorThread ? { redis: config.redis, prefix: config.redisPrefix } : null,
      maxFps: config.maxFps,
      unitsFps: config.unitsFps,
      frameCpuShare: config.frameCpuShare,
      simulated: config.simulator.on,
      scenes,
      alertRules,
      holidays,
      communesFile: config.communesGeojson,
      loopbackWatch: config.loopbackWatch,
      retentionDays: config.retentionDays,
      historyFrom: historyFrom(config, clock),
      adapter: shared?.adapter,
      trustProxy: config.trustProxy,
      allowedOrigins: config.allowedOrigins,
      metricsToken: config.metricsToken,
      readyMaxLag: config.readyMaxLag,
      minSample: config.minSample,
      chromiumPath: config.chromiumPath,
      version: VERSION,
    });
  } catch (err) {
    log.fatal((err as Error).message);
    await store.close();
    process.exit(2);
  }
  const port = await app.listen(config.port, config.host);
  const welcome =
    `IOC wall ${VERSION} for ${province.name} on http://localhost:${port}/ (store: ${store.kind}` +
    `${config.simulator.on ? `, simulator at ${config.simulator.speed}x from ${formatDateTime(clock.now())}` : ''})`;
  log.info({ port, store: store.kind, province: province.code, simulator: config.simulator.on }, welcome);
  // The demo is run by a person at a terminal: the welcome and the sign-in also as plain lines (stderr).
  if (config.simulator.on) demoLine(welcome);

  if (config.simulator.on) await announceDemoAccounts(store, clock, port, config.demoPassword);

  const simHttp = { baseUrl: `http://127.0.0.1:${port}`, keys: simKeys };
  const simulator = config.simulator.on
    ? createSimulator({
        province: config.province,
        clock,
        seed: config.simulator.seed,
        send: createHttpSender(simHttp),
        pastDays: config.simPastDays,
        // The past is sent from a worker thread: this thread serves the walls and folds the events.
        pastHttp: simHttp,
        onBackfillProgress: progressLine({
          days: config.simPastDays,
          write: (text) => void process.stderr.write(text),
          tty: process.stderr.isTTY === true,
        }),
      })
    : null;
  void simulator?.start().catch((err: unknown) => log.error({ err }, 'simulator stopped'));

  // Drain (not ready, no new screens, answers in flight finish), release, exit: within 10 s whatever
  // hangs, a Redis that is down included.
  exitOnSignals(async () => {
    app.readiness.drain();
    await simulator?.stop();
    await app.close();
    await shared?.close();
    await store.close();
  });
}

/** A plain line for the person who typed `npm start`: the logs proper are JSON on stdout. */
const demoLine = (text: string) => void process.stderr.write(`${text}\n`);

/**
 * The demo's people, so a newcomer reaches the tablet, /meeting and /admin: made when the simulator
 * plays (never otherwise), and the sign-in said once, here.
 */
async function announceDemoAccounts(store: Store, clock: Clock, port: number, given: string | null) {
  const password = given ?? demoPassword();
  const { created } = await ensureDemoAccounts(new Users(store, clock), password);
  const who = DEMO_ACCOUNTS.map((a) => `${a.login} (${a.role})`).join(', ');
  if (created.length === 0) {
    demoLine(
      `demo: sign in at http://localhost:${port}/login as ${who}, with the password they were made with`,
    );
  } else {
    demoLine(`demo: sign in at http://localhost:${port}/login as ${who}, password: ${password}`);
  }
  log.info(
    { accounts: DEMO_ACCOUNTS.map((a) => a.login), created },
    'demo accounts ready (sign-in on stderr)',
  );
}

/**
 * The first day whose numbers are complete: HISTORY_FROM, or in the demo the first day of the past it
 * plays (the receipts of older dossiers still open then come too, and must not make those days look
 * complete: a 30-day view would be compared with a month of a few stragglers).
 */
function historyFrom(config: Config, clock: Clock): DayKey | null {
  if (config.historyFrom) return config.historyFrom;
  if (!config.simulator.on) return null;
  return addDays(dayOf(clock.now()), -Math.max(1, config.simPastDays));
}

/** The real clock, unless the simulator plays: then its speed and start (see demo-clock.ts). */
function demoClock(config: Config): Clock {
  if (!config.simulator.on) return systemClock;
  const now = Date.now();
  const start = simStart(config.simulator.start, now);
  if (typeof start !== 'number') {
    log.fatal(start.error);
    process.exit(2);
  }
  return start === now && config.simulator.speed === 1
    ? systemClock
    : acceleratedClock(config.simulator.speed, start);
}

void main();
