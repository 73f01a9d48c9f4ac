import type { DayKey } from '../shared/brand';
import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Server, type ServerOptions } from 'socket.io';
import type { HealthResponse } from '../shared/health';
import { DEFAULT_SCHEDULE, type SceneSchedule } from '../shared/scenes';
import { startAggregator } from './aggregate/worker';
import { startAggregatorThread } from './aggregate/aggregator-thread';
import type { RedisTarget } from './store/redis-connect';
import { AuditLog } from './audit/audit-log';
import { Devices } from './auth/devices';
import { Guard } from './auth/guard';
import type { LockOutRule } from './auth/lockouts';
import { Sessions } from './auth/sessions';
import { SocketGuard } from './auth/socket-guard';
import { Users } from './auth/users';
import type { Clock } from './clock';
import { Fleet } from './fleet/fleet';
import { communeNamer, wardCodes } from './geo/wards';
import { mapRouter } from './geo/map-route';
import { mountApi } from './http/api';
import { jsonErrors } from './http/json-errors';
import { originCheck, socketOriginCheck } from './http/origin-check';
import { clientAddress, compileTrust, expressTrustProxy, type TrustProxy } from './http/proxy';
import type { RateLimit } from './http/rate-limit';
import { securityHeaders } from './http/security-headers';
import { storeAcks } from './hub/alert-acks';
import { AlertBook } from './hub/alert-book';
import type { AlertRules } from '../shared/alert-rules';
import { WorkingCalendar, type CalendarDay } from '../shared/holidays';
import { AGENCIES } from './simulator/agencies';
import { DayKeeping } from './hub/day-keeping';
import { Hub } from './hub/hub';
import { installAllCommands } from './hub/install-commands';
import type { IoServer } from './hub/io';
import { sendThrough } from './hub/send';
import { SlowScreens } from './hub/slow-screens';
import { installWelcome } from './hub/welcome';
import type { ApiKeys } from './ingest/api-keys';
import type { EventRules } from './ingest/event-rules';
import { SourceKeys } from './ingest/source-keys';
import { ingestPoolFor, type IngestWorkers } from './ingest/pool-start';
import { DEFAULT_RETENTION_DAYS } from './kpi/retention';
import { InvitationKeeper } from './meeting/invitations';
import { Meetings } from './meeting/meetings';
import { logFor } from './observe/logger';
import { countingFrames, ingestMeter, Metrics, metricsRoute } from './observe/metrics';
import { DEFAULT_READY_MAX_LAG, Readiness } from './observe/readiness';
import { requestLog } from './observe/request-log';
import { VERSION } from './observe/version';
import type { Store } from './store/types';
import { spaPages } from './http/spa';
import { rendering } from './render/rendering';

const AGENCY_NAMES = new Map<string, string>(AGENCIES.map((a) => [a.id, a.name]));

export interface AppDeps {
  store: Store;
  clock: Clock;
  keys: ApiKeys;
  province: { code: string; name: string };
  consumer: string;
  maxFps?: number;
  unitsFps?: number;
  /** Share of a core each feed's frames may take under load (hub.ts, pacer.ts). */
  frameCpuShare?: number;
  /**
   * How often time alone is looked at (default 1 s): numbers that move with no event, alerts, lagging
   * screens, midnight. Tests make it short rather than wait for it.
   */
  tickMs?: number;
  version?: string;
  /** Built client to serve; defaults to dist/client when it exists. */
  staticDir?: string | null;
  /** The numbers come from the built-in simulator (told to screens, which say so). */
  simulated?: boolean;
  /** Run the aggregator in this process (default true). */
  aggregate?: boolean;
  /** The aggregator on a worker thread (AGGREGATOR_THREAD, with Redis); unset: on the main thread. */
  aggregatorThread?: { redis: RedisTarget; prefix: string } | null;
  /** Ingest on worker threads (INGEST_WORKERS, with Redis); unset: on the main thread. */
  ingestWorkers?: IngestWorkers | null;
  /** The walls' scene rotation (default: DEFAULT_SCHEDULE). */
  scenes?: SceneSchedule;
  /** The alert rules (ALERTS_FILE); the built-in ones without. */
  alertRules?: AlertRules;
  /** The public holidays (HOLIDAYS_FILE); the built-in table without. */
  holidays?: readonly CalendarDay[];
  /** An operator's commune boundaries (GeoJSON file) replacing the synthetic partition. */
  communesFile?: string | null;
  /** Screens on this machine may watch with no credentials (LOOPBACK_WATCH; the demo's default). */
  loopbackWatch?: boolean;
  /** Rate limits, when a test needs them smaller than the defaults of http/rate-limit.ts. */
  limits?: Partial<Record<'signIn' | 'ingest' | 'pairing', RateLimit>>;
  /** Sign-in failures per login and address that lock the pair, when a test needs a shorter lock. */
  lockOut?: LockOutRule;
  /** Days of history kept (RETENTION_DAYS, default 800). */
  retentionDays?: number;
  /**
   * The first day whose numbers are complete (HISTORY_FROM; the demo's first day of its past): earlier
   * days read as unknown even where a few events are about them (receipts of dossiers still open then).
   */
  historyFrom?: DayKey | null;
  /** Shares rooms and broadcasts between server processes (hub/adapter.ts); one process needs none. */
  adapter?: ServerOptions['adapter'];
  /** The proxies in front (TRUST_PROXY): they give the client's address and scheme. Default: none. */
  trustProxy?: TrustProxy;
  /** Origins whose pages may change state (ALLOWED_ORIGINS); default: the server's own origin. */
  allowedOrigins?: readonly string[] | null;
  /** Bearer token for /metrics from elsewhere than loopback (METRICS_TOKEN); null: loopback only. */
  metricsToken?: string | null;
  /** /readyz answers 503 while the aggregators are more entries behind than this (READY_MAX_LAG). */
  readyMaxLag?: number;
  /** The one minimum sample for rankings (MIN_SAMPLE, default shared/min-sample.ts), told to screens. */
  minSample?: number;
  /** Chromium for the PDF report and the wall snapshots (CHROMIUM_PATH; default /usr/bin/chromium). */
  chromiumPath?: string;
  /** More /api routes, mounted behind the guard as any new router is (a test's). */
  extraRoutes?: (app: Express) => void;
}

export interface App {
  http: HttpServer;
  io: IoServer;
  hub: Hub;
  aggregator: Pick<ReturnType<typeof startAggregator>, 'stats' | 'stop'> | null;
  metrics: Metrics;
  /** Ready once listening; draining from the first step of close(). */
  readiness: Readiness;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** dist/client: beside this file's folder once bundled (dist/server/index.js), under dist/ from source. */
const defaultStatic = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? '../dist/client' : '../client', import.meta.url),
);

/** The composition root: wires injected parts into Express + Socket.IO. It reads no configuration. */
export async function createApp(deps: AppDeps): Promise<App> {
  const { store, clock } = deps;
  const tickMs = deps.tickMs ?? 1000;
  const retentionDays = deps.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const rules: EventRules = { communes: wardCodes(deps.province.code), retentionDays };
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog());
  // The client's address (req.ip: rate limits, audit) and scheme (req.secure: Secure cookies) behind a proxy.
  app.set('trust proxy', expressTrustProxy(deps.trustProxy ?? false));
  const trust = compileTrust(deps.trustProxy ?? false);
  const origins = { allowed: deps.allowedOrigins ?? null, trust };
  app.use(securityHeaders());
  app.use(originCheck(origins));

  const http = createServer(app);
  const io: IoServer = new Server(http, {
    serveClient: false,
    transports: ['websocket', 'polling'],
    allowRequest: socketOriginCheck(origins),
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });
  // The audit log names the address a screen connected from: the client's, not its proxy's.
  io.use((socket, next) => {
    socket.handshake.address = clientAddress(socket.request, trust);
    next();
  });
  const metrics = new Metrics({ store, io, aggregator: () => aggregator?.stats ?? null });
  const readiness = new Readiness({ store, maxLag: deps.readyMaxLag ?? DEFAULT_READY_MAX_LAG });
  const send = countingFrames(sendThrough(io), io, metrics);
  app.get('/metrics', metricsRoute(metrics, deps.metricsToken ?? null));
  app.get('/readyz', readiness.route());
  // Data answers are for the one who asked, now: no browser or proxy keeps a copy.
  app.use('/api', (_req, res, next) => void (res.set('Cache-Control', 'no-store'), next()));
  app.use('/api/v1/events', ingestMeter(metrics));
  const audit = new AuditLog(store, clock);
  const devices = new Devices(store, clock);
  const sessions = new Sessions(store);
  const { passes: renderPasses, renderer } = rendering(http, metrics, deps.chromiumPath);
  const guard = new Guard({
    sessions,
    devices,
    audit,
    loopbackWatch: deps.loopbackWatch ?? false,
    renderPasses,
  });
  // First: every other connection listener sees a checked principal.
  const sockets = new SocketGuard(io, guard);
  sockets.install();
  const meetings = new Meetings({ io, send, store, clock, audit });
  const invitations = new InvitationKeeper({ io, send, store: meetings.store, clock });
  meetings.onInvitationsChanged = () => invitations.nudge();
  const ingestPool = ingestPoolFor(deps.ingestWorkers, rules);
  mountApi(app, {
    ...deps,
    retentionDays,
    rules,
    pool: ingestPool,
    sourceKeys: new SourceKeys(store, clock),
    users: new Users(store, clock),
    sessions,
    devices,
    meetings,
    guard,
    sockets,
    audit,
    renderer,
  });
  app.get('/healthz', async (_req, res) => {
    let body: HealthResponse;
    try {
      await store.readSources();
      body = {
        version: VERSION,
        status: 'ok',
        store: store.kind,
        serverTime: clock.now(),
        aggregator: aggregator?.stats ?? null,
      };
    } catch (err) {
      body = { version: VERSION, status: 'degraded', store: store.kind, error: (err as Error).message };
    }
    res.status(body.status === 'ok' ? 200 : 503).json(body);
  });
  const staticDir =
    deps.staticDir === undefined ? (existsSync(defaultStatic) ? defaultStatic : null) : deps.staticDir;
  app.use(mapRouter({ province: deps.province.code, staticDir, communesFile: deps.communesFile ?? null }));
  if (staticDir) {
    app.use(express.static(staticDir, { index: 'index.html', maxAge: '1h' }));
    // The app's pages get index.html; any other path a 404 page with links to the screens.
    app.use(spaPages(staticDir));
  }
  app.use(jsonErrors);
  const screens = new SlowScreens(io, send);
  const hub = new Hub({
    store,
    clock,
    screens,
    maxFps: deps.maxFps,
    unitsFps: deps.unitsFps,
    frameCpuShare: deps.frameCpuShare,
    tickMs,
    calendar: new WorkingCalendar(deps.holidays),
  });
  metrics.watchFanOut(() => hub.fanOut);
  const alerts = new AlertBook({
    send,
    clock,
    feeds: [hub.feeds.province, hub.feeds.units],
    sources: () => hub.sources,
    communeName: communeNamer(deps.province.code),
    agencyName: (id) => AGENCY_NAMES.get(id),
    rules: deps.alertRules,
    acks: storeAcks(store),
  });
  const fleet = new Fleet({ io, send, devices, clock });
  const days = new DayKeeping({ store, clock, retentionDays, tickMs });
  await days.start();
  await hub.start();
  screens.start(tickMs, (feed, seq) => hub.catchUp(feed, seq));
  alerts.start(tickMs);
  meetings.start();
  invitations.start();
  fleet.start();
  const welcome = {
    province: deps.province,
    version: deps.version ?? VERSION,
    simulated: deps.simulated ?? false,
    scenes: deps.scenes ?? DEFAULT_SCHEDULE,
    clockSpeed: clock.speed,
  };
  installWelcome({ io, send, clock, welcome, alerts });
  installAllCommands(io, { hub, alerts, meetings, fleet, clock }, audit);
  const aggregator =
    deps.aggregate === false
      ? null
      : deps.aggregatorThread
        ? startAggregatorThread({ ...deps.aggregatorThread, rules, clock, consumer: deps.consumer })
        : startAggregator({ store, clock, rules, consumer: deps.consumer });

  return {
    http,
    io,
    hub,
    aggregator,
    metrics,
    readiness,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          readiness.ready();
          resolve((http.address() as AddressInfo).port);
        });
      }),
    async close() {
      readiness.drain();
      for (const part of [sockets, meetings, invitations, hub, screens, alerts, days]) part.stop();
      await aggregator?.stop();
      await renderer.close();
      io.disconnectSockets(true);
      // io.close closes the HTTP server, which waits for open connections: idle keep-alive ones go now.
      const closed = new Promise<void>((r) => io.close(() => r()));
      http.closeIdleConnections();
      await closed;
      await ingestPool?.close(); // after the last request it was storing was answered
      logFor('app').info('closed');
    },
  };
}
