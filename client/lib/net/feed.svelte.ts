import { createSubscriber } from 'svelte/reactivity';
import { kpiAsOf, type KpiValue } from '../../../shared/evaluate';
import type { KpiDef } from '../../../shared/kpis';
import type { FeedName, Frame, KpiKey, Snapshot, SourceWords, WireKpi } from '../../../shared/socket';
import { connection, type Connection } from './connection.svelte';
import { FeedCore } from './feed-core';

const SUBSCRIBE_TIMEOUT_MS = 10_000;
/** Retry delays after a failed subscribe or a hub that keeps answering with holes: 0.5 s doubling to 10 s. */
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;
/** The longest a frame waits to be shown when no paint comes (a page in the background). */
const PAINT_FALLBACK_MS = 250;

/**
 * One feed of live KPIs on the page: subscribes on every (re)connect, resuming where it stopped, and
 * follows the frames. The bookkeeping lives in FeedCore; this class wires it to the socket and to runes.
 * Listening starts when the page first reads a value and stops when nothing reads it any more.
 */
export class Feed {
  #core: FeedCore;
  #connection: Connection;
  /** True once the screen holds the hub's current state; false from a drop or a gap until caught up. */
  #inSync = $state(false);
  /** Bumps readers when the core changes; set while someone is listening. */
  #changed: (() => void) | null = null;
  /** Tells stale answers (from before a drop or a newer request) from the current one. */
  #generation = 0;
  #failures = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;

  #subscribe = createSubscriber((update) => {
    const socket = this.#connection.socket;
    this.#changed = update;
    const onConnect = () => this.#resubscribe();
    const onDisconnect = () => {
      this.#generation++;
      this.#core.abandon();
      this.#inSync = false;
    };
    const onFrame = (f: Frame) => {
      const outcome = this.#core.frame(f);
      if (outcome === 'applied') this.#notify(update);
      else if (outcome === 'gap') this.#resubscribe();
    };
    const onSnapshot = (s: Snapshot) => {
      if (this.#core.snapshot(s) === 'applied') update();
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('kpi:frame', onFrame);
    socket.on('kpi:snapshot', onSnapshot);
    if (socket.connected) this.#resubscribe();
    return () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('kpi:frame', onFrame);
      socket.off('kpi:snapshot', onSnapshot);
      clearTimeout(this.#retry);
      this.#cancelNotify();
      onDisconnect();
      this.#changed = null;
    };
  });

  /** A notification waiting for the next paint (frame or fallback timer), if any. */
  #pendingPaint: { frame: number; timer: ReturnType<typeof setTimeout> } | null = null;

  /**
   * Frames are taken in at once, but the screen is told at most once per paint: the server may send up
   * to MAX_FPS frames a second (paced by its own cost), more than a signage player can draw, and the
   * scenes only need the newest values. A timer stands in where no paint comes (a page not shown).
   */
  #notify(update: () => void): void {
    if (this.#pendingPaint) return;
    const fire = () => {
      this.#cancelNotify();
      update();
    };
    const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fire) : 0;
    this.#pendingPaint = { frame, timer: setTimeout(fire, PAINT_FALLBACK_MS) };
  }

  #cancelNotify(): void {
    if (!this.#pendingPaint) return;
    if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this.#pendingPaint.frame);
    clearTimeout(this.#pendingPaint.timer);
    this.#pendingPaint = null;
  }

  constructor(feed: FeedName, conn: Connection) {
    this.#core = new FeedCore(feed);
    this.#connection = conn;
  }

  /** A KPI of a scope as last heard, dated by its sources; null before the first snapshot or if unknown. */
  reading(def: KpiDef, scope = 'province'): KpiValue | null {
    this.#subscribe();
    const w = this.#core.kpis.get(`${scope}|${def.id}` as KpiKey);
    if (!w) return null;
    return { value: w[0], num: w[1], den: w[2], asOf: kpiAsOf(def, this.#core.sources) };
  }

  /** Each source's last word (server epoch ms), as far as the screen knows. */
  /** Every value of the feed by key, as received (curves and other non-catalogue keys read from here). */
  get values(): ReadonlyMap<KpiKey, WireKpi> {
    this.#subscribe();
    return this.#core.kpis;
  }

  get sources(): Readonly<Partial<SourceWords>> {
    this.#subscribe();
    return this.#core.sources;
  }

  /** Whether a snapshot has arrived at least once (numbers exist to show). */
  get hasData(): boolean {
    this.#subscribe();
    return this.#core.hasData;
  }

  /** Whether the numbers shown are the hub's current ones; false while disconnected or catching up. */
  get inSync(): boolean {
    this.#subscribe();
    return this.#inSync && this.#connection.live;
  }

  #resubscribe(): void {
    const socket = this.#connection.socket;
    clearTimeout(this.#retry);
    if (!socket.connected || this.#core.pending) return;
    this.#inSync = false;
    const generation = ++this.#generation;
    const request = this.#core.request();
    socket
      .timeout(SUBSCRIBE_TIMEOUT_MS)
      .emitWithAck('feed:subscribe', request)
      .then((r) => {
        if (generation !== this.#generation) return;
        if ('error' in r) throw new Error(r.error);
        const outcome = this.#core.reply(r.data);
        this.#changed?.();
        if (outcome === 'gap') return this.#retryLater();
        this.#failures = 0;
        this.#inSync = true;
      })
      .catch((err: unknown) => {
        if (generation !== this.#generation) return;
        console.warn(`feed ${this.#core.feed}: subscribe failed, retrying`, err);
        this.#core.abandon();
        this.#retryLater();
      });
  }

  /** Asks again after a jittered, growing delay, so a struggling hub is not hammered by every screen at once. */
  #retryLater(): void {
    const base = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.#failures++);
    this.#retry = setTimeout(() => this.#resubscribe(), base * (0.5 + Math.random()));
  }
}

/** The province-wide feed: the wall's headline numbers. */
export const provinceFeed = new Feed('province', connection);

/** Every commune and agency: rankings, the map and the tasks by agency. */
export const unitsFeed = new Feed('units', connection);
