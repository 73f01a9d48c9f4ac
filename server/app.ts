import express, { type ErrorRequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Server, type ServerOptions } from 'socket.io';
import { startAggregator } from './aggregate/worker';
import { directoryRouter } from './api/directory';
import { drillRouter } from './api/drill';
import { kpiRouter } from './api/kpis';
import type { Clock } from './clock';
import { Fleet } from './fleet/fleet';
import { AlertBook } from './hub/alert-book';
import { DayKeeping } from './hub/day-keeping';
import { Hub } from './hub/hub';
import { installAllCommands } from './hub/install-commands';
import type { IoServer } from './hub/io';
import { sendThrough } from './hub/send';
import { SlowScreens } from './hub/slow-screens';
import { installWelcome } from './hub/welcome';
import { Meetings } from './meeting/meetings';
import { meetingRouter } from './meeting/meeting-routes';
import type { ApiKeys } from './ingest/api-keys';
import { ingestRouter } from './ingest/routes';
import { mapRouter } from './geo/map-route';
import { communeNamer, wardsOf } from './geo/wards';
import type { EventRules } from './ingest/event-rules';
import { DEFAULT_RETENTION_DAYS } from './kpi/retention';
import { securityHeaders } from './http/security-headers';
import { auditRouter } from './audit/audit-routes';
import { AuditLog } from './audit/audit-log';
import { deviceRouter } from './auth/device-routes';
import { Devices } from './auth/devices';
import { Guard } from './auth/guard';
import { sessionRouter } from './auth/session-routes';
import { Sessions } from './auth/sessions';
import { SocketGuard } from './auth/socket-guard';
import { userRouter } from './auth/user-routes';
import { Users } from './auth/users';
import { INGEST_LIMIT, PAIRING_LIMIT, SIGN_IN_LIMIT, TokenBuckets, type RateLimit } from './http/rate-limit';
import { keyRouter } from './ingest/key-routes';
import { SourceKeys } from './ingest/source-keys';
import { DEFAULT_SCHEDULE, type SceneSchedule } from '../shared/scenes';
import type { Store } from './store/types';

export interface AppDeps {
  store: Store;
  clock: Clock;
  keys: ApiKeys;
  province: { code: string; name: string };
  consumer: string;
  maxFps?: number;
  unitsFps?: number;
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
  /** The walls' scene rotation (default: DEFAULT_SCHEDULE). */
  scenes?: SceneSchedule;
  /** An operator's commune boundaries (GeoJSON file) replacing the synthetic partition. */
  communesFile?: string | null;
  /** Screens on this machine may watch with no credentials (LOOPBACK_WATCH; the demo's default). */
  loopbackWatch?: boolean;
  /** Rate limits, when a test needs them smaller than the defaults of http/rate-limit.ts. */
  limits?: Partial<Record<'signIn' | 'ingest' | 'pairing', RateLimit>>;
  /** Days of history kept (RETENTION_DAYS, default 800). */
  retentionDays?: number;
  /** Shares rooms and broadcasts between server processes (hub/adapter.ts); one process needs none. */
  adapter?: ServerOptions['adapter'];
}

export interface App {
  http: HttpServer;
  io: IoServer;
  hub: Hub;
  aggregator: ReturnType<typeof startAggregator> | null;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

const defaultStatic = fileURLToPath(new URL('../dist/client', import.meta.url));

/** The composition root: wires injected parts into Express + Socket.IO. It reads no configuration. */
export async function createApp(deps: AppDeps): Promise<App> {
  const { store, clock } = deps;
  const tickMs = deps.tickMs ?? 1000;
  const retentionDays = deps.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const rules: EventRules = {
    communes: new Set(wardsOf(deps.province.code).map((w) => w.code)),
    retentionDays,
  };
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());

  const http = createServer(app);
  const io: IoServer = new Server(http, {
    serveClient: false,
    transports: ['websocket', 'polling'],
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });
  const send = sendThrough(io);
  const audit = new AuditLog(store, clock);
  const users = new Users(store, clock);
  const devices = new Devices(store, clock);
  const sourceKeys = new SourceKeys(store, clock);
  const guard = new Guard({
    sessions: new Sessions(store),
    devices,
    audit,
    loopbackWatch: deps.loopbackWatch ?? false,
  });
  // First: every other connection listener sees a checked principal.
  const sockets = new SocketGuard(io, guard);
  sockets.install();
  const meetings = new Meetings({ io, send, store, clock, audit });

  // Ingest has its own keys; sign-in and pairing are open (and rate-limited); everything else under
  // /api needs a principal, and each route says which role beyond watching it needs.
  app.use(
    ingestRouter({
      store,
      clock,
      keys: deps.keys,
      sourceKeys,
      limit: new TokenBuckets(deps.limits?.ingest ?? INGEST_LIMIT),
      rules,
    }),
  );
  app.use('/api', guard.identifyHttp());
  app.use(
    sessionRouter({
      users,
      sessions: new Sessions(store),
      clock,
      audit,
      sockets,
      signInLimit: new TokenBuckets(deps.limits?.signIn ?? SIGN_IN_LIMIT),
    }),
  );
  app.use(
    deviceRouter({
      devices,
      guard,
      sockets,
      audit,
      pairingLimit: new TokenBuckets(deps.limits?.pairing ?? PAIRING_LIMIT),
    }),
  );
  app.use(userRouter({ users, guard, audit }));
  app.use(keyRouter({ keys: sourceKeys, guard, audit }));
  app.use(auditRouter({ audit, guard }));
  app.use(meetingRouter({ meetings, guard, audit }));
  app.use(['/api/v1/kpis', '/api/v1/late', '/api/v1/directory'], guard.need('watch'));
  app.use(kpiRouter({ store, clock, retentionDays }));
  app.use(drillRouter({ store, clock, retentionDays }));
  app.use(directoryRouter(deps.province));
  app.get('/healthz', async (_req, res) => {
    try {
      await store.readSources();
      res.json({
        status: 'ok',
        store: store.kind,
        serverTime: clock.now(),
        aggregator: aggregator?.stats ?? null,
      });
    } catch (err) {
      res.status(503).json({ status: 'degraded', store: store.kind, error: (err as Error).message });
    }
  });
  app.use('/api', (_req, res) => void res.status(404).json({ error: 'no such API route' }));

  const staticDir =
    deps.staticDir === undefined ? (existsSync(defaultStatic) ? defaultStatic : null) : deps.staticDir;
  app.use(mapRouter({ province: deps.province.code, staticDir, communesFile: deps.communesFile ?? null }));
  if (staticDir) {
    app.use(express.static(staticDir, { index: 'index.html', maxAge: '1h' }));
    // Any other page path is the single-page app (?scene=, /tablet later).
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => res.sendFile('index.html', { root: staticDir }));
  }
  app.use(jsonErrors);

  const screens = new SlowScreens(io, send);
  const hub = new Hub({
    store,
    clock,
    screens,
    maxFps: deps.maxFps ?? 20,
    unitsFps: deps.unitsFps ?? 4,
    tickMs,
  });
  const alerts = new AlertBook({
    send,
    clock,
    feeds: [hub.feeds.province, hub.feeds.units],
    sources: () => hub.sources,
    communeName: communeNamer(deps.province.code),
  });
  const fleet = new Fleet({ io, send, devices, clock });
  const days = new DayKeeping({ store, clock, retentionDays, tickMs });
  await days.start();
  await hub.start();
  screens.start(tickMs, (feed, seq) => hub.catchUp(feed, seq));
  alerts.start(tickMs);
  meetings.start();
  fleet.start();
  const welcome = {
    province: deps.province,
    version: deps.version ?? '0.1.0',
    simulated: deps.simulated ?? false,
    scenes: deps.scenes ?? DEFAULT_SCHEDULE,
    clockSpeed: clock.speed,
  };
  installWelcome({ io, send, clock, welcome, alerts });
  installAllCommands(io, { hub, alerts, meetings, fleet, clock }, audit);
  const aggregator =
    deps.aggregate === false ? null : startAggregator({ store, clock, rules, consumer: deps.consumer });

  return {
    http,
    io,
    hub,
    aggregator,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve((http.address() as AddressInfo).port));
      }),
    async close() {
      for (const part of [sockets, meetings, hub, screens, alerts, days]) part.stop();
      await aggregator?.stop();
      io.disconnectSockets(true);
      await new Promise<void>((r) => io.close(() => r()));
    },
  };
}

/** Body-parser and other errors as JSON with the right status (413 oversize, 400 bad JSON). */
const jsonErrors: ErrorRequestHandler = (err, _req, res, _next) => {
  const e = err as { status?: number; type?: string; message?: string };
  if (e.type === 'entity.too.large')
    return void res.status(413).json({ error: 'request body too large (max 2 MB)' });
  if (e.type === 'entity.parse.failed')
    return void res.status(400).json({ error: 'request body is not valid JSON' });
  const status = e.status && e.status >= 400 && e.status < 600 ? e.status : 500;
  if (status >= 500) console.error(err);
  res.status(status).json({ error: status >= 500 ? 'internal error' : (e.message ?? 'bad request') });
};
