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
import { LeadingThrottle } from './throttle';
import { logFor } from '../observe/logger';

const logger = logFor('hub');

export interface HubOptions {
  store: Store;
  clock: Clock;
  /** Takes the frames to the feeds' screens, setting aside those that lag (slow-screens.ts). */
  screens: SlowScreens;
  /** Frames per second at most under load for the province feed (10–20): what every wall shows. */
  maxFps?: number;
  /** Frames per second at most for the communes-and-agencies feed, much larger and less urgent. */
  unitsFps?: number;
  /** How often time alone may move the numbers (open dossiers turning late, the minute of the day). */
  tickMs?: number;
  /** Which days offices work (HOLIDAYS_FILE): tiles compare with the previous working day. */
  calendar?: WorkingCalendar;
}

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
  throttle: LeadingThrottle;
}

/**
 * Keeps the feeds: a snapshot for each screen that subscribes (or the frames it missed), then numbered
 * delta frames. It recomputes the scopes the store says changed (from any server process), at once when
 * the path is quiet and at most `maxFps` times a second under load. Every process builds its own frames
 * from the shared store, for its own screens.
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
  #curves: LeadingThrottle;
  #dayCurves: DayCurves;
  #opts: Required<Omit<HubOptions, 'calendar'>>;

  constructor(opts: HubOptions) {
    this.#opts = { maxFps: 20, unitsFps: 4, tickMs: 1000, ...opts };
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
    this.#dayCurves = new DayCurves(opts.store, opts.calendar);
    // Curves are for charts of hours: once a second is plenty, and each read covers a whole day of minutes.
    this.#curves = new LeadingThrottle(1000, () => this.#flushCurves().catch(() => this.#curves.request()));
  }

  /** The sources' last word as the screens were told it (the alerts judge silence by it). */
  get sources(): SourceWords {
    return this.#pumps.province.sent;
  }

  /** Loads the current state of every known scope, then starts listening; call before accepting screens. */
  async start(): Promise<void> {
    const { store } = this.#opts;
    for (const s of await store.knownScopes()) this.#scopes.add(s);
    this.#unsubscribe = store.subscribeChanges((n) => this.#onChange(n));
    this.#markAllDirty();
    await Promise.all([...FEEDS.map((f) => this.#flush(f)), this.#flushCurves()]);
    this.#tick = setInterval(() => void this.#onTick().catch(() => {}), this.#opts.tickMs);
  }

  stop(): void {
    this.#unsubscribe?.();
    for (const p of Object.values(this.#pumps)) p.throttle.stop();
    this.#curves.stop();
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
      if (sourcesMoved || p.dirty.size) p.throttle.request();
    }
    if (n.scopes.includes('province')) this.#curves.request();
  }

  #markAllDirty(): void {
    for (const s of this.#scopes) this.#pumps[feedOfScope(s)].dirty.add(s);
    for (const p of Object.values(this.#pumps)) p.sourcesDirty = true;
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
      if (!pump.retry) logger.warn({ err }, 'cannot read the store, will retry');
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
    if (today !== this.#day) this.#newDay(today);
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
    if (frame) this.#opts.screens.frame(name, frame);
  }

  /** The province's curves and the comparison day's values at this minute, into the province feed. */
  async #flushCurves(): Promise<void> {
    const now = this.#opts.clock.now();
    await this.#dayCurves.update(this.feeds.province, now);
    const frame = this.feeds.province.takeFrame(now, this.#day, undefined);
    if (frame) this.#opts.screens.frame('province', frame);
  }

  async #onTick(): Promise<void> {
    const { store, clock } = this.#opts;
    const now = clock.now();
    // The comparison day's same time moves with the minute of the day, with or without events.
    if (this.#dayCurves.due(now)) this.#curves.request();
    for (const p of Object.values(this.#pumps)) if (p.retry) p.throttle.request();
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
   * Midnight in Hà Nội: every KPI moves to the new day, in the very frame that says so. What fell out of
   * retention is day-keeping.ts's business; nothing here waits for it.
   */
  #newDay(today: DayKey): void {
    this.#day = today;
    this.#curves.request();
    this.#markAllDirty();
    for (const p of Object.values(this.#pumps)) p.throttle.request();
  }
}
