import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { DayKey } from '../../shared/brand';
import { SOURCES } from '../../shared/events';
import type { Scope } from '../../shared/scope';
import {
  FEEDS,
  type Ack,
  type FeedName,
  type KpiKey,
  type SourceWords,
  type SubscribeReply,
  type SubscribeRequest,
} from '../../shared/socket';
import { dayOf } from '../../shared/time';
import type { Clock } from '../clock';
import { computeKpis } from '../kpi/compute';
import { readLiveCounts, readTodayCounters } from '../kpi/read-counters';
import type { ChangeNotice, Store } from '../store/types';
import type { WorkingCalendar } from '../../shared/holidays';
import { DayCurves } from './day-curves';
import { Feed, feedOfScope } from './feed';
import type { IoSocket } from './io';
import type { SlowScreens } from './slow-screens';
import { FanOutPacer, type PacerStats } from './pacer';
import { logFor } from '../observe/logger';

const logger = logFor('hub');

/** The province's curves are read at most this often (they chart hours). */
const CURVES_EVERY_MS = 1000;

export interface HubOptions {
  store: Store;
  clock: Clock;
  /** Takes the frames to the feeds' screens, setting aside those that lag (slow-screens.ts). */
  screens: SlowScreens;
  /** Frames per second at most for the province feed (MAX_FPS): a ceiling over the CPU budget. */
  maxFps?: number;
  /** Frames per second at most for the communes-and-agencies feed, much larger and less urgent. */
  unitsFps?: number;
  /** Share of a core each feed's frames may take under load (FRAME_CPU_SHARE): the fan-out budget. */
  frameCpuShare?: number;
  /** How often time alone may move the numbers (open dossiers turning late, the minute of the day). */
  tickMs?: number;
  /** Which days offices work (HOLIDAYS_FILE): tiles compare with the previous working day. */
  calendar?: WorkingCalendar;
}

/** CPU time (user + system) this process spent since `start`, ms. */
const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};

export const subscribeRequest = z.strictObject({
  feed: z.enum(FEEDS),
  resume: z.strictObject({ epoch: z.string().max(64), seq: z.number().int().min(0) }).optional(),
}) satisfies z.ZodType<SubscribeRequest>;

/** What one feed still has to send: its dirty scopes, whether sources moved, what its screens were told. */
interface Pump {
  dirty: Set<Scope>;
  sourcesDirty: boolean;
  sent: SourceWords;
  retry: boolean;
  pacer: FanOutPacer;
  /** The last frame's cost per screen reached, µs (building it once, emitting it to each screen). */
  usPerScreen: number;
}

/** What one feed's frames cost and how they are paced (for /metrics and the bench). */
export interface FanOutStats extends PacerStats {
  usPerScreen: number;
}

/**
 * Keeps the feeds: a snapshot for each screen that subscribes (or the frames it missed), then numbered
 * delta frames. It recomputes the scopes the store says changed (from any server process) and sends a
 * frame at once whenever the feed's fan-out budget allows (pacer.ts: `frameCpuShare` of a core, measured
 * on each frame's cost); under load the changes merge into the next frame, at most `maxFps` a second.
 * Every process builds its own frames from the shared store, for its own screens.
 */
export class Hub {
  readonly epoch = randomBytes(6).toString('base64url');
  readonly feeds: Record<FeedName, Feed>;
  #day: DayKey;
  #scopes = new Set<Scope>(['province']);
  #pumps: Record<FeedName, Pump>;
  #tick: ReturnType<typeof setInterval> | null = null;
  #unsubscribe: (() => void) | null = null;
  #timeCounts = '';
  /** The curves are due in the province's next frame (a province change, a new minute, a new day). */
  #curvesWanted = true;
  #curvesReadAt = -Infinity;
  #curvesTimer: ReturnType<typeof setTimeout> | null = null;
  #dayCurves: DayCurves;
  #opts: Required<Omit<HubOptions, 'calendar'>>;

  constructor(opts: HubOptions) {
    this.#opts = {
      ...opts,
      maxFps: opts.maxFps ?? 100,
      unitsFps: opts.unitsFps ?? 4,
      frameCpuShare: opts.frameCpuShare ?? 0.35,
      tickMs: opts.tickMs ?? 1000,
    };
    this.feeds = { province: new Feed('province', this.epoch), units: new Feed('units', this.epoch) };
    this.#day = dayOf(opts.clock.now());
    const pump = (name: FeedName, fps: number): Pump => ({
      dirty: new Set(),
      sourcesDirty: true,
      sent: { one_stop: null, payments: null, tasks: null },
      retry: false,
      usPerScreen: 0,
      pacer: new FanOutPacer(() => this.#flushOrRetry(name), {
        cpuShare: this.#opts.frameCpuShare,
        maxPerSecond: fps,
        minPerSecond: Math.min(1, fps),
      }),
    });
    this.#pumps = {
      province: pump('province', this.#opts.maxFps),
      units: pump('units', this.#opts.unitsFps),
    };
    this.#dayCurves = new DayCurves(opts.store, opts.calendar);
  }

  /** The sources' last word as the screens were told it (the alerts judge silence by it). */
  get sources(): SourceWords {
    return this.#pumps.province.sent;
  }

  /** Per feed, what its frames cost and how they are paced. */
  get fanOut(): Record<FeedName, FanOutStats> {
    const stats = (p: Pump): FanOutStats => ({ ...p.pacer.stats, usPerScreen: p.usPerScreen });
    return { province: stats(this.#pumps.province), units: stats(this.#pumps.units) };
  }

  /** Loads the current state of every known scope, then starts listening; call before accepting screens. */
  async start(): Promise<void> {
    const { store } = this.#opts;
    for (const s of await store.knownScopes()) this.#scopes.add(s);
    this.#unsubscribe = store.subscribeChanges((n) => this.#onChange(n));
    this.#markAllDirty();
    await Promise.all(FEEDS.map((f) => this.#flush(f)));
    this.#tick = setInterval(() => void this.#onTick().catch(() => {}), this.#opts.tickMs);
  }

  stop(): void {
    this.#unsubscribe?.();
    for (const p of Object.values(this.#pumps)) p.pacer.stop();
    if (this.#curvesTimer) clearTimeout(this.#curvesTimer);
    if (this.#tick) clearInterval(this.#tick);
  }

  /** `feed:subscribe`: the frames since where the screen stopped, or a snapshot; then it joins the feed. */
  subscribe(socket: IoSocket, { feed, resume }: SubscribeRequest): Ack<SubscribeReply> {
    const data = this.catchUp(feed, resume && resume.epoch === this.epoch ? resume.seq : null);
    // Sync, and answered in this same tick by the command door: no frame can slip between the two.
    this.#opts.screens.joined(socket, feed);
    return { data };
  }

  /** What a screen that stopped after frame `seq` needs: the frames since, or a snapshot when they are gone. */
  catchUp(feed: FeedName, seq: number | null): SubscribeReply {
    const f = this.feeds[feed];
    const frames = seq === null ? null : f.ring.since(seq, f.seq);
    if (frames) return { kind: 'replay', frames };
    return {
      kind: 'snapshot',
      snapshot: f.snapshot(this.#opts.clock.now(), this.#day, this.#pumps[feed].sent),
    };
  }

  #onChange(n: ChangeNotice): void {
    const sourcesMoved = Object.keys(n.sources).length > 0;
    for (const s of n.scopes) {
      this.#scopes.add(s);
      this.#pumps[feedOfScope(s)].dirty.add(s);
    }
    for (const p of Object.values(this.#pumps)) {
      if (sourcesMoved) p.sourcesDirty = true;
      if (sourcesMoved || p.dirty.size) p.pacer.request();
    }
    if (n.scopes.includes('province')) this.#wantCurves();
  }

  /**
   * Curves are for charts of hours: once a second is plenty, and each read covers a whole day of minutes.
   * They ride in the province's next frame rather than a frame of their own, so a lone event costs one
   * fan-out, not two racing each other; when the last read is under a second old, a timer asks for that
   * frame when it is due.
   */
  #wantCurves(): void {
    this.#curvesWanted = true;
    const wait = this.#curvesReadAt + CURVES_EVERY_MS - performance.now();
    if (wait <= 0) this.#pumps.province.pacer.request();
    else
      this.#curvesTimer ??= setTimeout(() => {
        this.#curvesTimer = null;
        this.#pumps.province.pacer.request();
      }, wait);
  }

  /** Whether this province frame reads the curves: wanted, and the last read is a second old. */
  #takeCurves(name: FeedName): boolean {
    if (name !== 'province' || !this.#curvesWanted) return false;
    const at = performance.now();
    if (at - this.#curvesReadAt < CURVES_EVERY_MS) return false;
    this.#curvesWanted = false;
    this.#curvesReadAt = at;
    return true;
  }

  #markAllDirty(): void {
    for (const s of this.#scopes) this.#pumps[feedOfScope(s)].dirty.add(s);
    for (const p of Object.values(this.#pumps)) p.sourcesDirty = true;
  }

  /**
   * A flush that fails (the store is unreachable) must not lose what was dirty: everything is marked
   * dirty again and the next tick retries. Screens keep their last numbers meanwhile, and those age
   * honestly on the screen, since no source's last word moves. Resolves to the flush's cost in ms, which
   * paces the feed (NaN when it failed: the pacer learns nothing from it).
   */
  async #flushOrRetry(name: FeedName): Promise<number> {
    const pump = this.#pumps[name];
    try {
      const cost = await this.#flush(name);
      pump.retry = false;
      return cost;
    } catch (err) {
      if (!pump.retry) logger.warn({ err }, 'cannot read the store, will retry');
      pump.retry = true;
      for (const s of this.#scopes) if (feedOfScope(s) === name) pump.dirty.add(s);
      pump.sourcesDirty = true;
      if (name === 'province') this.#curvesWanted = true;
      return Number.NaN; // no frame went out: nothing for the pacer to learn about fan-out
    }
  }

  /**
   * Recomputes the feed's dirty scopes and sends one frame if anything moved. Resolves to the cost of
   * building and emitting the frame: CPU time of this process (user + system: the sockets' writes are
   * system time), not wall time, which on a shared machine would count the moments another process had
   * the core and slow the frames for someone else's work. The wait for Redis is not counted.
   */
  async #flush(name: FeedName): Promise<number> {
    const { store, clock } = this.#opts;
    const pump = this.#pumps[name];
    const now = clock.now();
    const today = dayOf(now);
    if (today !== this.#day) this.#newDay(today);
    const scopes = [...pump.dirty];
    pump.dirty.clear();
    const readSources = pump.sourcesDirty;
    pump.sourcesDirty = false;

    const feed = this.feeds[name];
    const [counters, sources] = await Promise.all([
      scopes.length ? readTodayCounters(store, scopes, today, now) : new Map(),
      readSources ? store.readSources() : null,
      this.#takeCurves(name) ? this.#dayCurves.update(feed, now) : null,
    ]);
    const started = process.cpuUsage();
    let movedSources: Partial<SourceWords> | undefined;
    if (sources) {
      for (const s of SOURCES) {
        const t = sources[s] ?? null;
        if (t !== pump.sent[s]) (movedSources ??= {})[s] = t;
      }
      pump.sent = { ...pump.sent, ...movedSources };
    }
    for (const [scope, c] of counters) {
      for (const [id, v] of computeKpis(scope, c, {}))
        feed.set(`${scope}|${id}` as KpiKey, [v.value, v.num, v.den]);
    }
    const frame = feed.takeFrame(now, today, movedSources);
    if (!frame) return cpuMsSince(started);
    const reached = this.#opts.screens.frame(name, frame);
    const cost = cpuMsSince(started);
    if (reached > 0) pump.usPerScreen = (cost * 1000) / reached;
    return cost;
  }

  async #onTick(): Promise<void> {
    const { store, clock } = this.#opts;
    const now = clock.now();
    // The comparison day's same time moves with the minute of the day, with or without events.
    if (this.#dayCurves.due(now)) this.#wantCurves();
    for (const p of Object.values(this.#pumps)) if (p.retry) p.pacer.request();
    // Open dossiers turn late and tasks overdue with no event: when the province's counts at t move,
    // every scope may have moved.
    const [live] = await readLiveCounts(store, ['province'], now);
    const signature = JSON.stringify(live);
    if (signature !== this.#timeCounts || dayOf(now) !== this.#day) {
      this.#timeCounts = signature;
      this.#markAllDirty();
      for (const p of Object.values(this.#pumps)) p.pacer.request();
    }
  }

  /**
   * Midnight in Hà Nội: every KPI moves to the new day, in the very frame that says so. What fell out of
   * retention is day-keeping.ts's business; nothing here waits for it.
   */
  #newDay(today: DayKey): void {
    this.#day = today;
    this.#wantCurves();
    this.#markAllDirty();
    for (const p of Object.values(this.#pumps)) p.pacer.request();
  }
}
