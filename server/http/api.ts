import type { DayKey } from '../../shared/brand';
import type { Express } from 'express';
import { auditRouter } from '../audit/audit-routes';
import type { AuditLog } from '../audit/audit-log';
import { deviceRouter } from '../auth/device-routes';
import type { Devices } from '../auth/devices';
import type { Guard } from '../auth/guard';
import type { LockOutRule } from '../auth/lockouts';
import { pairingRouter } from '../auth/pairing-routes';
import { sessionRouter } from '../auth/session-routes';
import type { Sessions } from '../auth/sessions';
import type { SocketGuard } from '../auth/socket-guard';
import { userRouter } from '../auth/user-routes';
import type { Users } from '../auth/users';
import { directoryRouter } from '../api/directory';
import { communesPeriodRouter } from '../api/communes-period';
import { lateRouter, seriesRouter } from '../api/drill';
import { dossiersRouter } from '../api/dossiers';
import { dueTodayRouter } from '../api/due-today';
import { reportRouter } from '../report/report-routes';
import { snapshotRouter } from '../report/snapshot';
import type { Renderer } from '../render/renderer';
import { kpiRouter } from '../api/kpis';
import { wardsOf } from '../geo/wards';
import type { Clock } from '../clock';
import type { ApiKeys } from '../ingest/api-keys';
import type { EventRules } from '../ingest/event-rules';
import { keyRouter } from '../ingest/key-routes';
import { ingestRouter } from '../ingest/routes';
import type { SourceKeys } from '../ingest/source-keys';
import { meetingRouter } from '../meeting/meeting-routes';
import type { Meetings } from '../meeting/meetings';
import type { IngestPool } from '../ingest/pool';
import type { Store } from '../store/types';
import { INGEST_LIMIT, PAIRING_LIMIT, SIGN_IN_LIMIT, type RateLimit } from './rate-limit';

export interface ApiParts {
  store: Store;
  clock: Clock;
  province: { code: string; name: string };
  retentionDays: number;
  /** The first day whose numbers are complete (HISTORY_FROM), when known. */
  historyFrom?: DayKey | null;
  rules: EventRules;
  /** Ingest's worker threads (ingest/pool.ts), when configured. */
  pool?: IngestPool | null;
  keys: ApiKeys;
  sourceKeys: SourceKeys;
  users: Users;
  sessions: Sessions;
  devices: Devices;
  meetings: Meetings;
  guard: Guard;
  sockets: SocketGuard;
  audit: AuditLog;
  /** The server's Chromium, for the PDF report and the wall snapshots. */
  renderer: Renderer;
  limits?: Partial<Record<'signIn' | 'ingest' | 'pairing', RateLimit>>;
  /** Sign-in failures per login and address that lock the pair (default auth/lockouts.ts LOCK_OUT). */
  lockOut?: LockOutRule;
  /** The numbers come from the built-in simulator (the directory tells every page). */
  simulated?: boolean;
  /** The one minimum sample for rankings (MIN_SAMPLE); the directory tells every page. */
  minSample?: number;
  /** Mounted among the guarded routes, as a new router would be (tests show it is closed by default). */
  extraRoutes?: (app: Express) => void;
}

/**
 * Every /api route, each router at its prefix. Ingest, sign-in and pairing come first, open, with their
 * own checks (a source key; a rate limit per address). Then one floor: everything else under /api/v1
 * needs at least a principal that may watch, so a route added later is closed unless it is put above;
 * routes that need more (leader, operator, admin) say so themselves.
 */
export function mountApi(app: Express, p: ApiParts): void {
  const limits = { signIn: SIGN_IN_LIMIT, ingest: INGEST_LIMIT, pairing: PAIRING_LIMIT, ...p.limits };
  const { store, clock, guard, audit } = p;
  const history = { retentionDays: p.retentionDays, completeFrom: p.historyFrom ?? null };

  app.use('/api/v1/events', ingestRouter({ ...p, limit: limits.ingest }));
  app.use('/api', guard.identifyHttp());
  app.use('/api/v1/session', sessionRouter({ ...p, signInLimit: limits.signIn }));
  app.use('/api/v1/pairing', pairingRouter({ devices: p.devices, pairingLimit: limits.pairing, store }));

  app.use('/api/v1', guard.need('watch'));
  app.use('/api/v1/devices', deviceRouter(p));
  app.use('/api/v1/users', userRouter(p));
  app.use('/api/v1/keys', keyRouter({ keys: p.sourceKeys, guard, audit }));
  app.use('/api/v1/audit', auditRouter(p));
  app.use('/api/v1/meetings', meetingRouter(p));
  app.use('/api/v1/kpis/series', seriesRouter({ store, clock, history }));
  const communes = wardsOf(p.province.code).map((w) => w.code);
  app.use('/api/v1/kpis/communes', communesPeriodRouter({ store, clock, history, communes }));
  app.use('/api/v1/kpis', kpiRouter({ store, clock, history }));
  app.use('/api/v1/late', lateRouter({ store, clock }));
  app.use('/api/v1/dossiers', guard.need('leader'), dossiersRouter({ store, clock }));
  // Counts per agency only, so any screen may show them (the lists themselves are for leaders).
  app.use('/api/v1/due-today', dueTodayRouter({ store, clock }));
  app.use(
    '/api/v1/report',
    guard.need('leader'),
    reportRouter({ store, clock, history, province: p.province, renderer: p.renderer }),
  );
  app.use('/api/v1/directory', directoryRouter(p.province, p.simulated, p.minSample));
  app.use('/api/v1/snapshot', guard.need('leader'), snapshotRouter({ clock, renderer: p.renderer }));
  p.extraRoutes?.(app);
  app.use('/api', (_req, res) => void res.status(404).json({ error: 'no such API route' }));
}
