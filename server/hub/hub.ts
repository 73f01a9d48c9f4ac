import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { DayKey } from '../../shared/brand';
import { viewerOf } from '../../shared/access';
import { SOURCES } from '../../shared/events';
import type { Scope } from '../../shared/scope';
import {
  FEEDS,
  type FeedName,
  type Frame,
  type KpiKey,
  type SourceWords,
  type Welcome,
} from '../../shared/socket';
import { dayOf } from '../../shared/time';
import type { Clock } from '../clock';
import { computeKpis } from '../kpi/compute';
import { readLiveCounts, readTodayCounters } from '../kpi/read-counters';
import { DEFAULT_RETENTION_DAYS, dropOutOfRetention } from '../kpi/retention';
import type { ChangeNotice, Store } from '../store/types';
import { AlertBook } from './alert-book';
import { DayCurves } from './day-curves';
import { Feed, feedOfScope } from './feed';
import { feedRoom, type IoServer, type IoSocket } from './io';
import { SlowScreens } from './slow-screens';
import { LeadingThrottle } from './throttle';

export interface HubOptions {
  io: IoServer;
  store: Store;
  clock: Clock;
  welcome: Omit<Welcome, 'serverTime' | 'viewer'>;
  /** Frames per second at most under load for the province feed (10–20): what every wall shows. */
  maxFps?: number;
  /** Frames per second at most for the communes-and-agencies feed, much larger and less urgent. */
  unitsFps?: number;
  /** A screen with more than this many packets waiting is lagging: it skips frames until it drains. */
  maxBufferedPackets?: number;
  tickMs?: number;
  /** Days of history kept (retention.ts). */
  retentionDays?: number;
  /** Names communes in alert messages. */
  communeName?: (code: string) => string | undefined;
}

const subscribeRequest = z.strictObject({
  feed: z.enum(FEEDS),
  resume: z.strictObject({ epoch: z.string().max(64), seq: z.number().int().min(0) }).optional(),
});

/** What one feed still has to send: its dirty scopes, whether sources moved, what its screens were told. */
interface Pump {
  dirty: Set<Scope>;
  sourcesDirty: boolean;
  sent: SourceWords;
  retry: boolean;
  throttle: LeadingThrottle;
}

/**
 * Sends each screen a snapshot on subscribe, then numbered delta frames. It recomputes the scopes the
 * store says changed (from any server process), at once when the path is quiet and at most `maxFps`
 * times a second under load. Frames go only to this process's screens (`io.local`): every process
 * builds its own frames from the shared store.
 */
export class Hub {
  readonly epoch = randomBytes(6).toString('base64url');
  readonly feeds: Record<FeedName, Feed>;
  #day: DayKey;
  #scopes = new Set<Scope>(['province']);
  #pumps: Record<FeedName, Pump>;
  #rollingOver: Promise<void> | null = null;
  #tick: ReturnType<typeof setInterval> | null = null;
  #unsubscribe: (() => void) | null = null;
  #timeCounts = '';
  #curves: LeadingThrottle;
  #dayCurves: DayCurves;
  readonly alerts: AlertBook;
  #slow: SlowScreens;
  #opts: Required<Omit<HubOptions, 'welcome' | 'communeName'>> & Pick<HubOptions, 'welcome' | 'communeName'>;

  constructor(opts: HubOptions) {
    this.#opts = {
      maxFps: 20,
      unitsFps: 4,
      maxBufferedPackets: 16,
      tickMs: 1000,
      retentionDays: DEFAULT_RETENTION_DAYS,
      ...opts,
    };
    this.#slow = new SlowScreens(opts.io, this.#opts.maxBufferedPackets);
    this.feeds = { province: new Feed('province', this.epoch), units: new Feed('units', this.epoch) };
    this.#day = dayOf(opts.clock.now());
    const pump = (name: FeedName, fps: number): Pump => ({
      dirty: new Set(),
      sourcesDirty: true,
      sent: { one_stop: null, payments: null, tasks: null },
      retry: false,
      throttle: new LeadingThrottle(1000 / fps, () => this.#flushOrRetry(name)),
    });
    this.#pumps = {
      province: pump('province', this.#opts.maxFps),
      units: pump('units', this.#opts.unitsFps),
    };
    this.#dayCurves = new DayCurves(opts.store);
    // Curves are for charts of hours: once a second is plenty, and each read covers a whole day of minutes.
    this.#curves = new LeadingThrottle(1000, () => this.#flushCurves().catch(() => this.#curves.request()));
    this.alerts = new AlertBook({
      io: opts.io,
      clock: opts.clock,
      feeds: [this.feeds.province, this.feeds.units],
      sources: () => this.#pumps.province.sent,
      communeName: opts.communeName,
    });
  }

  /** Loads the current state of every known scope, then starts listening; call before accepting screens. */
  async start(): Promise<void> {
    const { store, io } = this.#opts;
    for (const s of await store.knownScopes()) this.#scopes.add(s);
    await dropOutOfRetention(store, [...this.#scopes], this.#day, 60, this.#opts.retentionDays);
    this.#unsubscribe = store.subscribeChanges((n) => this.#onChange(n));
    this.#markAllDirty();
    await Promise.all([...FEEDS.map((f) => this.#flush(f)), this.#flushCurves()]);
    this.alerts.evaluate();
    io.on('connection', (socket) => this.#onConnection(socket));
    this.#tick = setInterval(() => void this.#onTick().catch(() => {}), this.#opts.tickMs);
  }

  stop(): void {
    this.#unsubscribe?.();
    for (const p of Object.values(this.#pumps)) p.throttle.stop();
    this.#curves.stop();
    if (this.#tick) clearInterval(this.#tick);
  }

  #onChange(n: ChangeNotice): void {
    const sourcesMoved = Object.keys(n.sources).length > 0;
    for (const s of n.scopes) {
      this.#scopes.add(s);
      this.#pumps[feedOfScope(s)].dirty.add(s);
    }
    for (const p of Object.values(this.#pumps)) {
      if (sourcesMoved) p.sourcesDirty = true;
      if (sourcesMoved || p.dirty.size) p.throttle.request();
    }
    if (n.scopes.includes('province')) this.#curves.request();
  }

  #markAllDirty(): void {
    for (const s of this.#scopes) this.#pumps[feedOfScope(s)].dirty.add(s);
    for (const p of Object.values(this.#pumps)) p.sourcesDirty = true;
  }

  #onConnection(socket: IoSocket): void {
    const { clock, welcome } = this.#opts;
    socket.data.feeds = [];
    socket.emit('server:welcome', {
      ...welcome,
      serverTime: clock.now(),
      viewer: viewerOf(socket.data.principal),
    });
    this.alerts.attach(socket);
    socket.on('clock:ping', (ack) => typeof ack === 'function' && ack({ data: { serverTime: clock.now() } }));
    socket.on('feed:subscribe', (req, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = subscribeRequest.safeParse(req);
      if (!parsed.success) return ack({ error: `bad subscribe request: ${parsed.error.issues[0]?.message}` });
      const { feed, resume } = parsed.data;
      const f = this.feeds[feed];
      // Reply and join in the same tick: no frame can slip between the reply and the room.
      const frames = resume && resume.epoch === this.epoch ? f.ring.since(resume.seq, f.seq) : null;
      if (frames) ack({ data: { kind: 'replay', frames } });
      else
        ack({
          data: { kind: 'snapshot', snapshot: f.snapshot(clock.now(), this.#day, this.#pumps[feed].sent) },
        });
      this.#slow.forget(socket.id, feed);
      if (!socket.data.feeds.includes(feed)) socket.data.feeds.push(feed);
      void socket.join(feedRoom(feed));
    });
    socket.on('disconnect', () => this.#slow.forget(socket.id));
  }

  /**
   * A flush that fails (the store is unreachable) must not lose what was dirty: everything is marked
   * dirty again and the next tick retries. Screens keep their last numbers meanwhile, and those age
   * honestly on the screen, since no source's last word moves.
   */
  async #flushOrRetry(name: FeedName): Promise<void> {
    const pump = this.#pumps[name];
    try {
      await this.#flush(name);
      pump.retry = false;
    } catch (err) {
      if (!pump.retry) console.warn(`[hub] cannot read the store, will retry: ${(err as Error).message}`);
      pump.retry = true;
      for (const s of this.#scopes) if (feedOfScope(s) === name) pump.dirty.add(s);
      pump.sourcesDirty = true;
    }
  }

  /** Recomputes the feed's dirty scopes and sends one frame if anything moved. */
  async #flush(name: FeedName): Promise<void> {
    const { store, clock } = this.#opts;
    const pump = this.#pumps[name];
    const now = clock.now();
    const today = dayOf(now);
    if (today !== this.#day) await (this.#rollingOver ??= this.#rollOver(today));
    const scopes = [...pump.dirty];
    pump.dirty.clear();
    const readSources = pump.sourcesDirty;
    pump.sourcesDirty = false;

    const [counters, sources] = await Promise.all([
      scopes.length ? readTodayCounters(store, scopes, today, now) : new Map(),
      readSources ? store.readSources() : null,
    ]);
    let movedSources: Partial<SourceWords> | undefined;
    if (sources) {
      for (const s of SOURCES) {
        const t = sources[s] ?? null;
        if (t !== pump.sent[s]) (movedSources ??= {})[s] = t;
      }
      pump.sent = { ...pump.sent, ...movedSources };
    }
    const feed = this.feeds[name];
    for (const [scope, c] of counters) {
      for (const [id, v] of computeKpis(scope, c, {}))
        feed.set(`${scope}|${id}` as KpiKey, [v.value, v.num, v.den]);
    }
    const frame = feed.takeFrame(now, today, movedSources);
    if (frame) this.#send(name, frame);
  }

  /** The province's curves and same-time-yesterday values, into the province feed. */
  async #flushCurves(): Promise<void> {
    const now = this.#opts.clock.now();
    await this.#dayCurves.update(this.feeds.province, now);
    const frame = this.feeds.province.takeFrame(now, this.#day, undefined);
    if (frame) this.#send('province', frame);
  }

  #send(feed: FeedName, frame: Frame): void {
    this.#slow.setAside(feed, frame);
    this.#opts.io.local.to(feedRoom(feed)).emit('kpi:frame', frame);
  }

  async #onTick(): Promise<void> {
    this.alerts.evaluate();
    // Same time yesterday moves with the minute of the day, with or without events.
    if (this.#dayCurves.due(this.#opts.clock.now())) this.#curves.request();
    this.#slow.readmit((socket, feed, seq) => {
      const f = this.feeds[feed];
      const missed = f.ring.since(seq, f.seq);
      if (missed) for (const frame of missed) socket.emit('kpi:frame', frame);
      else socket.emit('kpi:snapshot', f.snapshot(this.#opts.clock.now(), this.#day, this.#pumps[feed].sent));
    });
    for (const p of Object.values(this.#pumps)) if (p.retry) p.throttle.request();
    const { store, clock } = this.#opts;
    const now = clock.now();
    // Open dossiers turn late and tasks overdue with no event: when the province's counts at t move,
    // every scope may have moved.
    const [live] = await readLiveCounts(store, ['province'], now);
    const signature = JSON.stringify(live);
    if (signature !== this.#timeCounts || dayOf(now) !== this.#day) {
      this.#timeCounts = signature;
      this.#markAllDirty();
      for (const p of Object.values(this.#pumps)) p.throttle.request();
    }
  }

  /**
   * Midnight in Hà Nội: every KPI moves to the new day, and what fell out of retention goes. Nothing
   * about the day just ended is written: its numbers are already exact (stocks come from their moves).
   */
  async #rollOver(today: DayKey): Promise<void> {
    try {
      await dropOutOfRetention(this.#opts.store, [...this.#scopes], today, 1, this.#opts.retentionDays);
      this.#day = today;
      this.#curves.request();
      this.#markAllDirty();
      for (const p of Object.values(this.#pumps)) p.throttle.request();
    } finally {
      this.#rollingOver = null;
    }
  }
}
