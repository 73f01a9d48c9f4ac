import { z } from 'zod';
import { nameOf, type Principal } from '../../shared/access';
import { byUrgency, foldAlerts } from '../../shared/alert-fold';
import { DEFAULT_ALERT_RULES, type AlertRules } from '../../shared/alert-rules';
import { acknowledge, evaluateAlerts, type Alert } from '../../shared/alerts';
import type { Scope } from '../../shared/scope';
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
  /** Names agencies ("Sở Tư pháp"). */
  agencyName?: (id: string) => string | undefined;
  /** The alert rules (ALERTS_FILE); the built-in ones without. */
  rules?: AlertRules;
  /** Where acknowledgements are kept (alert-acks.ts: the store, shared by every process); none: this process only. */
  acks?: AlertAcks;
}

/** How often acknowledgements made on other processes are looked for (only of alerts not yet acknowledged). */
const ACK_SYNC_MS = 250;

/**
 * What makes a list worth sending: ids, severities, acknowledgements, members and every figure the wall
 * shows (a stale one would mislead). Ages are written in whole minutes, so a silence resends once a minute.
 */
const identityOf = (a: Alert): string =>
  [
    a.id,
    a.severity,
    a.acknowledgedAt ?? '',
    a.clearingSince ?? '',
    a.message.vi,
    a.members?.map((m) => m.message.vi).join('\n') ?? '',
  ].join('\n');

export const alertAckRequest = z.strictObject({ id: z.string().max(200) });

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
  /** Every alert in force, one per rule and scope (and silent source). */
  #alerts = new Map<string, Alert>();
  /** What the screens list: #alerts with the crowded rules folded into summaries (shared/alert-fold.ts). */
  #shown = new Map<string, Alert>();
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
    const now = this.opts.clock.now();
    const rules = this.opts.rules ?? DEFAULT_ALERT_RULES;
    const previous = this.#alerts;
    this.#alerts = evaluateAlerts({
      kpis,
      sources: this.opts.sources(),
      now,
      previous: this.#alerts,
      rules,
      scopeName: (scope) => this.#nameOf(scope),
    });
    this.#shown = foldAlerts(this.#alerts, this.#shown, rules.foldAbove, now);
    this.#applyStoredAcks();
    this.#forgetCleared(previous);
    this.#publish();
  }

  #nameOf(scope: Scope): string | undefined {
    if (scope.startsWith('commune:')) return this.opts.communeName?.(scope.slice('commune:'.length));
    if (scope.startsWith('agency:')) return this.opts.agencyName?.(scope.slice('agency:'.length));
    return undefined;
  }

  /** `alert:ack`: the alert names who saw it (only operators get this far: the command door checks). */
  async acknowledge(id: string, by: Principal): Promise<Ack<null>> {
    const alert = this.#shown.get(id) ?? this.#alerts.get(id);
    if (!alert) return { error: 'no such alert' };
    let ack: AlertAck = { by: nameOf(by), at: this.opts.clock.now() };
    // Stored first: what the walls are told is what every process will tell its own.
    if (this.opts.acks) this.#stored.set(ackKey(alert), (ack = await this.opts.acks.put(ackKey(alert), ack)));
    // A summary is acknowledged as one; an alert on its own both in the book and on the screens.
    this.#alerts = acknowledge(this.#alerts, id, ack.by, ack.at);
    this.#shown = acknowledge(this.#shown, id, ack.by, ack.at);
    // The list first: the screen that asked sees the alert acknowledged by the time its ack resolves.
    this.#publish();
    return { data: null };
  }

  /** Applies the acknowledgements known from the store to the book and to what the screens list. */
  #applyStoredAcks(): void {
    for (const map of ['alerts', 'shown'] as const) {
      let out = map === 'alerts' ? this.#alerts : this.#shown;
      for (const a of out.values()) {
        const stored = a.acknowledgedAt === undefined ? this.#stored.get(ackKey(a)) : undefined;
        if (stored) out = acknowledge(out, a.id, stored.by, stored.at);
      }
      if (map === 'alerts') this.#alerts = out;
      else this.#shown = out;
    }
  }

  /** Reads the acknowledgements of the alerts not yet acknowledged here; shows any that came from elsewhere. */
  async #syncAcks(): Promise<void> {
    const acks = this.opts.acks;
    if (!acks || this.#syncing) return;
    const open = [...this.#alerts.values(), ...this.#shown.values()].filter(
      (a) => a.acknowledgedAt === undefined,
    );
    const keys = [...new Set(open.map(ackKey))];
    if (keys.length === 0) return;
    this.#syncing = true;
    try {
      const found = await acks.get(keys);
      if (found.size === 0) return;
      for (const [key, ack] of found) this.#stored.set(key, ack);
      this.#applyStoredAcks();
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
    const all = [...this.#shown.values()].sort(byUrgency);
    this.#list = {
      serverTime: this.opts.clock.now(),
      alerts: all.slice(0, MAX_ALERTS),
      more: Math.max(0, all.length - MAX_ALERTS),
    };
    const identity = all.map(identityOf).join('\n\n');
    if (identity === this.#sent) return;
    this.#sent = identity;
    this.opts.send('alert:list', { here: ALL_SCREENS }, this.#list);
  }
}
