import { io as connect, type Socket } from 'socket.io-client';
import { createApp, type App, type AppDeps } from '../../server/app';
import { systemClock } from '../../server/clock';
import { ApiKeys, parseKeySpec } from '../../server/ingest/api-keys';
import type { Store } from '../../server/store/types';
import type { IocEvent } from '../../shared/events';
import type { DayResponse } from '../../shared/history';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/socket';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Keys the test app accepts: one per source, and a narrow one that may only send heartbeats. */
export const TEST_KEYS = {
  one_stop: 'test-one-stop-key-0001',
  payments: 'test-payments-key-00001',
  tasks: 'test-tasks-key-00000001',
  heartbeatOnly: 'test-heartbeat-only-001',
} as const;

/** The test app's tick: short, so a suite waits for time alone to move things no longer than it must. */
export const TEST_TICK_MS = 50;

/** Starts the real app on port 0 with the given store; tests talk to it over HTTP and Socket.IO. */
export async function startTestApp(
  store: Store,
  opts: Partial<
    Pick<
      AppDeps,
      | 'clock'
      | 'aggregate'
      | 'loopbackWatch'
      | 'limits'
      | 'lockOut'
      | 'tickMs'
      | 'unitsFps'
      | 'extraRoutes'
      | 'historyFrom'
      | 'staticDir'
      | 'trustProxy'
      | 'allowedOrigins'
      | 'alertRules'
      | 'simulated'
      | 'metricsToken'
      | 'readyMaxLag'
      | 'holidays'
      | 'minSample'
      | 'chromiumPath'
      | 'ingestWorkers'
      | 'aggregatorThread'
    >
  > = {},
) {
  const keys = new ApiKeys();
  const spec = [
    `one_stop:${TEST_KEYS.one_stop}`,
    `payments:${TEST_KEYS.payments}`,
    `tasks:${TEST_KEYS.tasks}`,
    `one_stop:${TEST_KEYS.heartbeatOnly}:source.heartbeat`,
  ].join(',');
  for (const { secret, grant } of parseKeySpec(spec)) keys.add(secret, grant);
  const app: App = await createApp({
    store,
    clock: opts.clock ?? systemClock,
    keys,
    province: { code: '01', name: 'Thành phố Hà Nội' },
    consumer: `test-${process.pid}`,
    staticDir: opts.staticDir ?? null,
    aggregate: opts.aggregate ?? true,
    // Most tests are about numbers, not access: they watch from loopback as the demo does.
    loopbackWatch: opts.loopbackWatch ?? true,
    limits: opts.limits,
    lockOut: opts.lockOut,
    tickMs: opts.tickMs ?? TEST_TICK_MS,
    unitsFps: opts.unitsFps,
    simulated: opts.simulated,
    extraRoutes: opts.extraRoutes,
    historyFrom: opts.historyFrom,
    trustProxy: opts.trustProxy,
    allowedOrigins: opts.allowedOrigins,
    alertRules: opts.alertRules,
    metricsToken: opts.metricsToken,
    readyMaxLag: opts.readyMaxLag,
    holidays: opts.holidays,
    minSample: opts.minSample,
    chromiumPath: opts.chromiumPath,
    ingestWorkers: opts.ingestWorkers,
    aggregatorThread: opts.aggregatorThread,
  });
  const port = await app.listen(0);
  const baseUrl = `http://127.0.0.1:${port}`;
  const sockets: TestSocket[] = [];

  return {
    app,
    baseUrl,
    /** POSTs events (or any body) with a key; returns status and parsed JSON. */
    async post(body: IocEvent | IocEvent[] | unknown, key: string | null = TEST_KEYS.one_stop, raw?: string) {
      const res = await fetch(`${baseUrl}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: raw ?? JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async kpis(query = 'scope=province') {
      const res = await fetch(`${baseUrl}/api/v1/kpis?${query}`);
      return { status: res.status, body: (await res.json()) as KpiResponse };
    },
    /** A screen; with `cookie` it connects as that session or device, else from loopback. */
    socket(cookie?: string): TestSocket {
      const s: TestSocket = connect(baseUrl, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        ...(cookie ? { extraHeaders: { cookie } } : {}),
      });
      sockets.push(s);
      return s;
    },
    /** Signs in; returns the session cookie ("ioc_session=…") to send with requests and sockets. */
    async signIn(login: string, password: string): Promise<string> {
      const res = await fetch(`${baseUrl}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login, password }),
      });
      if (res.status !== 200) throw new Error(`sign-in of ${login} answered ${res.status}`);
      return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await app.close();
    },
  };
}

/** A /api/v1/kpis answer, or its error. */
export type KpiResponse = DayResponse & { error?: string };

/** The value of one KPI in a /api/v1/kpis answer. */
export const kpi = (r: KpiResponse, id: string) => r.kpis.find((k) => k.id === id)?.value;

/** Polls until `check` returns a value that is not undefined, null or false, or fails after `ms`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  ms = 5000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== null && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${ms} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
