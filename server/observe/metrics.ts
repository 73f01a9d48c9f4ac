import type { RequestHandler } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { AggregatorStats } from '../../shared/health';
import type { IoServer } from '../hub/io';
import { ALL_SCREENS, type Send, type To } from '../hub/send';
import type { Store } from '../store/types';

export interface MetricsSources {
  store: Store;
  io: IoServer;
  /** This process's aggregator, null when it does not aggregate. */
  aggregator: () => AggregatorStats | null;
}

/** The credentials a screen connects with (shared/access.ts Principal), always listed, 0 or more. */
const SCREEN_KINDS = ['user', 'device', 'loopback'] as const;

/** Why events were refused: the ingest API's checks, or the aggregator's (dead-lettered). */
export type RejectReason = 'invalid' | 'not_allowed' | 'dead_letter';

/**
 * The process's Prometheus metrics, in a registry of its own (one per app: tests run several in one
 * process). Counters of this process; gauges read when scraped, so nothing is counted twice.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #ingested: Counter;
  readonly #rejected: Counter<'reason'>;
  readonly #frames: Counter;

  constructor(sources: MetricsSources) {
    const registry = this.registry;
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
    this.#ingested = new Counter({
      name: 'ioc_events_ingested_total',
      help: 'Events accepted into the event stream by this process (ingest API, 202)',
      registers: [registry],
    });
    this.#rejected = new Counter({
      name: 'ioc_events_rejected_total',
      help: 'Events refused: invalid (400) or not allowed for the key (403) at ingest, dead_letter by the aggregator',
      labelNames: ['reason'],
      registers: [registry],
    });
    for (const reason of ['invalid', 'not_allowed', 'dead_letter'] satisfies RejectReason[])
      this.#rejected.inc({ reason }, 0);
    this.#frames = new Counter({
      name: 'ioc_frames_sent_total',
      help: 'KPI frames and snapshots sent to screens by this process (one per screen reached)',
      registers: [registry],
    });
    // The aggregator keeps its own totals; the counters follow them at each scrape.
    let applied = 0;
    let deadLettered = 0;
    const rejected = this.#rejected;
    new Counter({
      name: 'ioc_events_applied_total',
      help: 'Events folded into the counters by this process (duplicates not included)',
      registers: [registry],
      collect() {
        const stats = sources.aggregator();
        if (!stats) return;
        this.inc(stats.applied - applied);
        applied = stats.applied;
        rejected.inc({ reason: 'dead_letter' }, stats.rejected - deadLettered);
        deadLettered = stats.rejected;
      },
    });
    new Gauge({
      name: 'ioc_aggregator_lag',
      help: 'Entries of the event stream not yet delivered to any aggregator (an entry holds 1 to 100 events)',
      registers: [registry],
      async collect() {
        const stats = await sources.store.streamStats?.().catch(() => null);
        if (stats?.lag !== null && stats?.lag !== undefined) this.set(stats.lag);
      },
    });
    new Gauge({
      name: 'ioc_stream_length',
      help: 'Entries in the event stream (an entry holds 1 to 100 events)',
      registers: [registry],
      async collect() {
        const stats = await sources.store.streamStats?.().catch(() => null);
        if (stats) this.set(stats.length);
      },
    });
    new Gauge({
      name: 'ioc_screens_connected',
      help: 'Screens connected to this process, by credential (session, device, loopback)',
      labelNames: ['kind'],
      registers: [registry],
      collect() {
        this.reset();
        for (const kind of SCREEN_KINDS) this.set({ kind }, 0);
        for (const socket of sources.io.of('/').sockets.values()) {
          const kind = (socket.data.principal as { kind?: string } | undefined)?.kind ?? 'unknown';
          this.inc({ kind });
        }
      },
    });
  }

  ingested(n: number): void {
    this.#ingested.inc(n);
  }

  rejected(reason: RejectReason, n: number): void {
    this.#rejected.inc({ reason }, n);
  }

  framesSent(n: number): void {
    if (n > 0) this.#frames.inc(n);
  }

  /** The hub's frames, per feed: what one costs per screen reached, and the pause the pacer keeps. */
  watchFanOut(read: () => Record<string, { usPerScreen: number; gapMs: number }>): void {
    const registers = [this.registry];
    new Gauge({
      name: 'ioc_frame_fanout_us_per_screen',
      help: 'CPU time of the last KPI frame (built once, emitted to each screen) per screen reached, µs',
      labelNames: ['feed'],
      registers,
      collect() {
        for (const [feed, s] of Object.entries(read())) this.set({ feed }, s.usPerScreen);
      },
    });
    new Gauge({
      name: 'ioc_frame_gap_ms',
      help: 'Pause the frame pacer keeps between frames to hold fan-out within FRAME_CPU_SHARE, ms',
      labelNames: ['feed'],
      registers,
      collect() {
        for (const [feed, s] of Object.entries(read())) this.set({ feed }, s.gapMs);
      },
    });
  }
}

/** A request made on this machine and not relayed by a proxy (which also connects from loopback). */
function fromLoopback(req: IncomingMessage): boolean {
  const h = req.headers;
  if (h['x-forwarded-for'] || h.forwarded || h['x-real-ip']) return false;
  const a = req.socket.remoteAddress ?? '';
  return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
}

function bearerMatches(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** GET /metrics: from loopback, or with `Authorization: Bearer $METRICS_TOKEN`; 404 to anyone else. */
export function metricsRoute(metrics: Metrics, token: string | null): RequestHandler {
  return async (req, res) => {
    if (!fromLoopback(req) && !(token && bearerMatches(req, token)))
      return void res.status(404).json({ error: 'not found' });
    res.set('Cache-Control', 'no-store').type(metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  };
}

/** Counts what POST /api/v1/events accepted or refused, from its answer (ingest/routes.ts). */
export function ingestMeter(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST') return next();
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const b = body as { accepted?: number; errors?: { index?: number }[] } | null;
      if (res.statusCode === 202 && typeof b?.accepted === 'number') metrics.ingested(b.accepted);
      else if ((res.statusCode === 400 || res.statusCode === 403) && Array.isArray(b?.errors)) {
        const events = new Set(b.errors.map((e) => e.index ?? 0)).size;
        metrics.rejected(res.statusCode === 400 ? 'invalid' : 'not_allowed', events);
      }
      return json(body);
    };
    next();
  };
}

/** The hub's `send`, counting each KPI frame or snapshot once per screen of this process it reaches. */
export function countingFrames(send: Send, io: IoServer, metrics: Metrics): Send {
  const screens = io.of('/');
  const reach = (to: To): number => {
    const room = 'here' in to ? to.here : to.everywhere;
    if (room === ALL_SCREENS) return screens.sockets.size;
    return screens.adapter.rooms.get(room)?.size ?? 0;
  };
  return (event, to, ...args) => {
    if (event === 'kpi:frame' || event === 'kpi:snapshot') metrics.framesSent(reach(to));
    send(event, to, ...args);
  };
}
