import { PAIRING_TTL_MS, type PairingStatus } from '../../../shared/admin';
import { ApiError, getJson, postJson } from '../../lib/net/api';

/** How often a waiting screen asks whether it has been paired. */
export const POLL_MS = 2_000;
/** The longest wait between tries while the server cannot be reached. */
export const MAX_BACKOFF_MS = 60_000;
const PATH = '/api/v1/pairing';

type Device = Extract<PairingStatus, { state: 'paired' }>['device'];

export interface PairingDeps {
  /** Called once, when an operator has paired this screen. */
  onpaired?: (device: Device) => void;
  /** Stands in for the global fetch (tests). */
  fetch?: typeof fetch;
  /** This device's clock, epoch ms (tests). */
  now?: () => number;
  /** 0 ≤ x < 1 (tests). */
  random?: () => number;
}

/** `ms` spread ±25%, so fifty screens restarted together do not ask in step. */
export const jitter = (ms: number, random: () => number): number => Math.round(ms * (0.75 + random() * 0.5));

/** The wait after `failures` failures in a row: 2 s, 4 s, 8 s … up to a minute, jittered. */
export const backoffMs = (failures: number, random: () => number): number =>
  jitter(Math.min(MAX_BACKOFF_MS, POLL_MS * 2 ** Math.max(0, failures - 1)), random);

/**
 * A screen without credentials getting paired: it asks the server where its pairing stands (its device
 * cookie), asks for a code when there is none or the last one expired, and polls until an operator enters
 * the code. Errors never stop it: an unattended screen must recover without a human.
 */
export class Pairing {
  #status = $state.raw<PairingStatus | null>(null);
  #error = $state<string | null>(null);
  /** Server time now (this device's clock corrected by #offset), refreshed every second. */
  #now = $state(0);
  #deps: PairingDeps;
  #clockNow: () => number;
  #random: () => number;
  /**
   * Server time minus device time. Exact from a code we just asked for (it expires PAIRING_TTL_MS after
   * the server's now); until then, from the Date header, which is wall time and not the clock of an
   * accelerated demo server: hence the countdown is also capped at a code's whole lifetime.
   */
  #offset = 0;
  #offsetExact = false;
  #failures = 0;
  /** Bumped by stop(): answers to an older run are dropped. */
  #run = 0;
  #running = false;
  #busy = false;
  #poll: ReturnType<typeof setTimeout> | undefined;
  #tick: ReturnType<typeof setTimeout> | undefined;

  constructor(deps: PairingDeps = {}) {
    this.#deps = deps;
    this.#clockNow = deps.now ?? Date.now;
    this.#random = deps.random ?? Math.random;
    this.#now = this.#clockNow();
  }

  /** Where this screen's pairing stands; null until the server first answers. */
  get status(): PairingStatus | null {
    return this.#status;
  }
  /** Why the last try failed (in the page's language), null once the server answers again. */
  get error(): string | null {
    return this.#error;
  }
  /** How long the code on screen stays valid, ms (≥ 0); null when there is no code. */
  get remainingMs(): number | null {
    const s = this.#status;
    return s?.state === 'pending' ? Math.min(PAIRING_TTL_MS, Math.max(0, s.expiresAt - this.#now)) : null;
  }
  /** Whether it is asking and polling. */
  get running(): boolean {
    return this.#running;
  }

  /** Starts asking and polling; does nothing when already running. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    const run = ++this.#run;
    this.#ticking(run);
    void this.#step(run);
  }

  /** Stops polling and clears every timer; an answer still on its way is ignored. */
  stop(): void {
    this.#running = false;
    this.#busy = false;
    this.#run++;
    clearTimeout(this.#poll);
    clearTimeout(this.#tick);
  }

  /** Asks at once (the tab woke up, the network came back) instead of waiting out a backoff. */
  wake(): void {
    if (!this.#running || this.#busy) return;
    clearTimeout(this.#poll);
    void this.#step(this.#run);
  }

  #serverNow(): number {
    return this.#clockNow() + this.#offset;
  }

  #ticking(run: number): void {
    this.#now = this.#serverNow();
    this.#tick = setTimeout(() => run === this.#run && this.#ticking(run), 1_000);
  }

  /** fetch, noting the server's clock from each answer's Date header (1 s resolution: enough for minutes). */
  #fetch: typeof fetch = async (input, init) => {
    const sent = this.#clockNow();
    const res = await (this.#deps.fetch ?? globalThis.fetch.bind(globalThis))(input, init);
    const date = Date.parse(res.headers.get('date') ?? '');
    if (Number.isFinite(date) && !this.#offsetExact)
      this.#offset = date + 500 - (sent + this.#clockNow()) / 2;
    return res;
  };

  async #step(run: number): Promise<void> {
    this.#busy = true;
    try {
      // An expired code is `none` to the server: ask for a new one.
      let status = await getJson<PairingStatus>(PATH, { fetch: this.#fetch });
      if (run !== this.#run) return;
      if (status.state === 'none') {
        const before = this.#status;
        status = await postJson<PairingStatus>(PATH, undefined, { fetch: this.#fetch });
        if (run !== this.#run) return;
        if (status.state === 'pending' && (before?.state !== 'pending' || before.code !== status.code)) {
          this.#offset = status.expiresAt - PAIRING_TTL_MS - this.#clockNow();
          this.#offsetExact = true;
        }
      }
      this.#failures = 0;
      this.#error = null;
      this.#status = status;
      this.#now = this.#serverNow();
      if (status.state === 'paired') {
        this.stop();
        this.#deps.onpaired?.(status.device);
        return;
      }
      // A fresh code can come back as `none` only from a broken server: back off rather than hammer it.
      this.#schedule(
        run,
        status.state === 'none' ? backoffMs(1, this.#random) : jitter(POLL_MS, this.#random),
      );
    } catch (err) {
      if (run !== this.#run) return;
      this.#failures++;
      this.#error = err instanceof Error && err.message ? err.message : String(err);
      const retryAfter = err instanceof ApiError && err.retryAfterS !== null ? err.retryAfterS * 1000 : 0;
      this.#schedule(run, Math.max(backoffMs(this.#failures, this.#random), retryAfter));
    } finally {
      if (run === this.#run) this.#busy = false;
    }
  }

  #schedule(run: number, ms: number): void {
    clearTimeout(this.#poll);
    this.#poll = setTimeout(() => void this.#step(run), ms);
  }
}
