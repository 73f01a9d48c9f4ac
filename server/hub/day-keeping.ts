import type { DayKey } from '../../shared/brand';
import type { Scope } from '../../shared/scope';
import { dayOf } from '../../shared/time';
import type { Clock } from '../clock';
import { dropOutOfRetention } from '../kpi/retention';
import type { Store } from '../store/types';
import { logFor } from '../observe/logger';

const logger = logFor('day');

/** At start, the midnights a stopped server may have missed are caught up on, this many days back. */
const CATCH_UP_DAYS = 60;

export interface DayKeepingOptions {
  store: Store;
  clock: Clock;
  /** Days of history kept (retention.ts). */
  retentionDays: number;
  /** How often to look whether midnight has passed (the hub's tick). */
  tickMs: number;
}

/**
 * The store's housekeeping by the day: what falls out of retention goes at start, and at each midnight in
 * Hà Nội on the server clock. Nothing about the day just ended is written: its numbers are already exact
 * (stocks come from their moves), so the frames never wait for this.
 */
export class DayKeeping {
  #day: DayKey;
  #timer: ReturnType<typeof setInterval> | null = null;
  #running: Promise<void> | null = null;
  #failing = false;

  constructor(private readonly opts: DayKeepingOptions) {
    this.#day = dayOf(opts.clock.now());
  }

  /** Drops what fell out of retention while the server was away, then watches for midnight. */
  async start(): Promise<void> {
    await this.#drop(this.#day, CATCH_UP_DAYS);
    this.#timer = setInterval(() => void this.#check(), this.opts.tickMs);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  async #check(): Promise<void> {
    const today = dayOf(this.opts.clock.now());
    if (today === this.#day || this.#running) return;
    this.#running = this.#drop(today, 1).then(
      () => {
        // Only once done: a midnight the store could not take is tried again at the next tick.
        this.#day = today;
        this.#failing = false;
      },
      (err: unknown) => {
        if (!this.#failing) logger.warn({ err }, 'cannot drop old days, will retry');
        this.#failing = true;
      },
    );
    await this.#running;
    this.#running = null;
  }

  async #drop(today: DayKey, span: number): Promise<void> {
    const { store, retentionDays } = this.opts;
    const scopes = new Set<Scope>(['province', ...(await store.knownScopes())]);
    await dropOutOfRetention(store, [...scopes], today, span, retentionDays);
  }
}
