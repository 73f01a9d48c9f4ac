import { z } from 'zod';
import { nameOf, type Principal } from '../../shared/access';
import { acknowledge, evaluateAlerts, type Alert } from '../../shared/alerts';
import {
  MAX_ALERTS,
  type Ack,
  type AlertList,
  type KpiKey,
  type SourceWords,
  type WireKpi,
} from '../../shared/socket';
import type { Clock } from '../clock';
import { ackKey, type AlertAck, type AlertAcks } from './alert-acks';
import type { Feed } from './feed';
import { ALL_SCREENS, type Send } from './send';

export interface AlertBookOptions {
  send: Send;
  clock: Clock;
  /** The feeds whose latest values the alerts are read from (province and units). */
  feeds: readonly Feed[];
  /** The sources' last word, as the screens were told it. */
  sources: () => SourceWords;
  /** Names communes in the messages, so the ticker reads "Phường Ba Đình", not a code. */
  communeName?: (code: string) => string | undefined;
  /** Where acknowledgements are kept (alert-acks.ts: the store, shared by every process); none: this process only. */
  acks?: AlertAcks;
}

/** How often acknowledgements made on other processes are looked for (only of alerts not yet acknowledged). */
const ACK_SYNC_MS = 250;

export const alertAckRequest = z.strictObject({ id: z.string().max(200) });

/** Critical unacknowledged first, then warnings unacknowledged, then acknowledged ones. */
const rank = (a: Alert) => (a.acknowledgedAt !== undefined ? 2 : a.severity === 'critical' ? 0 : 1);

/** Most urgent first; within a group, the longest-standing first. */
const byUrgency = (a: Alert, b: Alert) =>
  rank(a) - rank(b) || a.since - b.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The alerts in force on this process, re-evaluated every tick from the feeds' latest values and the
 * sources' last word. The screens get the whole list (`alert:list`) on connect (welcome.ts) and whenever
 * an alert is raised, cleared, escalated or acknowledged; not when only a message's text moves (ages tick
 * every second).
 *
 * Acknowledgements are kept in the store (alert-acks.ts) when `acks` is given: an acknowledgement on one
 * process reaches the walls of every other within ACK_SYNC_MS, and outlives a restart.
 */
export class AlertBook {
  #alerts = new Map<string, Alert>();
  #list: AlertList;
  /** What the screens were last sent, by id, severity and acknowledgement: the list's identity. */
  #sent = '';
  #timer: ReturnType<typeof setInterval> | null = null;
  #ackTimer: ReturnType<typeof setInterval> | null = null;
  /** Acknowledgements read from the store, by ackKey; applied at every evaluation. */
  #stored = new Map<string, AlertAck>();
  #syncing = false;

  constructor(private readonly opts: AlertBookOptions) {
    this.#list = { serverTime: opts.clock.now(), alerts: [], more: 0 };
  }

  /** The current list, as a screen that connects now gets it. */
  get list(): AlertList {
    return this.#list;
  }

  /** Evaluates now (the feeds are loaded), then every `tickMs`. */
  start(tickMs: number): void {
    this.evaluate();
    this.#timer = setInterval(() => this.evaluate(), tickMs);
    if (this.opts.acks) this.#ackTimer = setInterval(() => void this.#syncAcks(), ACK_SYNC_MS);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    if (this.#ackTimer) clearInterval(this.#ackTimer);
  }

  /** Re-evaluates every alert; sends the list to every screen if it changed. */
  evaluate(): void {
    const kpis = new Map<KpiKey, WireKpi>();
    for (const feed of this.opts.feeds) for (const [k, v] of feed.values) kpis.set(k, v);
    const previous = this.#alerts;
    this.#alerts = this.#withStoredAcks(
      evaluateAlerts({
        kpis,
        sources: this.opts.sources(),
        now: this.opts.clock.now(),
        previous,
        communeName: this.opts.communeName,
      }),
    );
    this.#forgetCleared(previous);
    this.#publish();
  }

  /** `alert:ack`: the alert names who saw it (only operators get this far: the command door checks). */
  async acknowledge(id: string, by: Principal): Promise<Ack<null>> {
    const alert = this.#alerts.get(id);
    if (!alert) return { error: 'no such alert' };
    let ack: AlertAck = { by: nameOf(by), at: this.opts.clock.now() };
    // Stored first: what the walls are told is what every process will tell its own.
    if (this.opts.acks) this.#stored.set(ackKey(alert), (ack = await this.opts.acks.put(ackKey(alert), ack)));
    this.#alerts = acknowledge(this.#alerts, id, ack.by, ack.at);
    // The list first: the screen that asked sees the alert acknowledged by the time its ack resolves.
    this.#publish();
    return { data: null };
  }

  /** The alerts with the acknowledgements known from the store applied. */
  #withStoredAcks(alerts: Map<string, Alert>): Map<string, Alert> {
    let out = alerts;
    for (const a of alerts.values()) {
      const stored = a.acknowledgedAt === undefined ? this.#stored.get(ackKey(a)) : undefined;
      if (stored) out = acknowledge(out, a.id, stored.by, stored.at);
    }
    return out;
  }

  /** Reads the acknowledgements of the alerts not yet acknowledged here; shows any that came from elsewhere. */
  async #syncAcks(): Promise<void> {
    const acks = this.opts.acks;
    if (!acks || this.#syncing) return;
    const keys = [...this.#alerts.values()].filter((a) => a.acknowledgedAt === undefined).map(ackKey);
    if (keys.length === 0) return;
    this.#syncing = true;
    try {
      const found = await acks.get(keys);
      if (found.size === 0) return;
      for (const [key, ack] of found) this.#stored.set(key, ack);
      this.#alerts = this.#withStoredAcks(new Map(this.#alerts));
      this.#publish();
    } catch {
      // The store is away: the next round asks again.
    } finally {
      this.#syncing = false;
    }
  }

  /** Alerts gone since the last evaluation: their acknowledgements are dropped, here and in the store. */
  #forgetCleared(previous: ReadonlyMap<string, Alert>): void {
    const cleared = [...previous.values()].filter((a) => !this.#alerts.has(a.id)).map(ackKey);
    if (cleared.length === 0) return;
    for (const key of cleared) this.#stored.delete(key);
    this.opts.acks?.forget(cleared).catch(() => {});
  }

  /** Rebuilds the sorted list; sends it to every screen of this process when its identity changed. */
  #publish(): void {
    const all = [...this.#alerts.values()].sort(byUrgency);
    this.#list = {
      serverTime: this.opts.clock.now(),
      alerts: all.slice(0, MAX_ALERTS),
      more: Math.max(0, all.length - MAX_ALERTS),
    };
    const identity = all.map((a) => `${a.id}\n${a.severity}\n${a.acknowledgedAt ?? ''}`).join('\n\n');
    if (identity === this.#sent) return;
    this.#sent = identity;
    this.opts.send('alert:list', { here: ALL_SCREENS }, this.#list);
  }
}
