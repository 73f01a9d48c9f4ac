import { createSubscriber } from 'svelte/reactivity';
import { connection, type WallSocket } from './connection.svelte';

/** Probes per measurement: the one with the shortest round trip gives the truest offset. */
const SAMPLES = 5;
const SAMPLE_GAP_MS = 150;
const PING_TIMEOUT_MS = 3_000;
/** Device clocks drift and get corrected under us: measure again this often. */
const RESYNC_MS = 60_000;

/** One NTP-style probe: the server's time, and how long the round trip took. */
export interface ClockSample {
  offset: number;
  rtt: number;
  /** The device instant the offset holds at: the round trip's midpoint. */
  mid: number;
}

/** offset = serverTime − (t0 + t1) / 2: the server answered, on average, halfway through the round trip. */
export const sampleOffset = (serverTime: number, t0: number, t1: number): ClockSample => ({
  offset: serverTime - (t0 + t1) / 2,
  rtt: t1 - t0,
  mid: (t0 + t1) / 2,
});

/** The sample with the lowest round trip, or null when none came back. */
export const bestSample = (samples: readonly ClockSample[]): ClockSample | null =>
  samples.reduce<ClockSample | null>((best, s) => (best === null || s.rtt < best.rtt ? s : best), null);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The server's clock as seen from this screen: a server instant measured at a device instant, run
 * forward at the server's speed (1 but in an accelerated demo). The wall shows server time, so a
 * signage player with a wrong clock or zone still shows the province's time.
 */
export class ServerClock {
  #socket: WallSocket;
  /** Server time at device time #deviceAt; together they pin the server's clock to this device's. */
  #serverAt = $state(Date.now());
  #deviceAt = $state(Date.now());
  #speed = $state(1);
  #rtt = $state<number | null>(null);
  #measuring = false;
  #tick = createSubscriber((update) => {
    let timer: ReturnType<typeof setTimeout>;
    const next = () => {
      // Fire just after the server's next whole second, so the seconds digit turns on time.
      timer = setTimeout(
        () => {
          update();
          next();
        },
        1_000 - (this.now() % 1_000) + 5,
      );
    };
    next();
    return () => clearTimeout(timer);
  });

  constructor(socket: WallSocket) {
    this.#socket = socket;
    // A first guess from the greeting (one way, so off by half a round trip) until the probes answer.
    socket.on('server:welcome', (w) => {
      this.#speed = w.clockSpeed > 0 ? w.clockSpeed : 1;
      if (this.#rtt === null) this.#pin(w.serverTime, Date.now());
    });
    socket.on('connect', () => void this.measure());
    setInterval(() => void this.measure(), RESYNC_MS);
  }

  /** Server time now (epoch ms); not reactive. */
  now(): number {
    return this.toServer(Date.now());
  }

  /** Server time, re-read by the page at each whole second. */
  get current(): number {
    this.#tick();
    return this.now();
  }

  /** Whether the offset has been measured by round trip (not only guessed). */
  readonly synced = $derived(this.#rtt !== null);

  /** Converts a device-clock instant to server time. */
  toServer(deviceMs: number): number {
    return Math.round(this.#serverAt + (deviceMs - this.#deviceAt) * this.#speed);
  }

  #pin(serverTime: number, deviceTime: number): void {
    this.#serverAt = serverTime;
    this.#deviceAt = deviceTime;
  }

  /** Probes the server a few times and keeps the sample with the shortest round trip. */
  async measure(): Promise<void> {
    if (this.#measuring || !this.#socket.connected) return;
    this.#measuring = true;
    try {
      const samples: ClockSample[] = [];
      for (let i = 0; i < SAMPLES && this.#socket.connected; i++) {
        if (i > 0) await sleep(SAMPLE_GAP_MS);
        const s = await this.#probe();
        if (s) samples.push(s);
      }
      const best = bestSample(samples);
      if (best) {
        // offset = server − device at the round trip's midpoint: pin that pair (exact whatever the speed).
        this.#pin(best.mid + best.offset, best.mid);
        this.#rtt = best.rtt;
      }
    } finally {
      this.#measuring = false;
    }
  }

  async #probe(): Promise<ClockSample | null> {
    const t0 = Date.now();
    const p0 = performance.now();
    try {
      const r = await this.#socket.timeout(PING_TIMEOUT_MS).emitWithAck('clock:ping');
      if (!('data' in r)) return null;
      // The round trip from the monotonic clock: Date.now() may be stepped by NTP mid-probe.
      return sampleOffset(r.data.serverTime, t0, t0 + (performance.now() - p0));
    } catch {
      return null;
    }
  }
}

/** The page's server clock. */
export const clock = new ServerClock(connection.socket);
