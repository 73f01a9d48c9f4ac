import { createSubscriber } from 'svelte/reactivity';
import { deviceMs, serverMs, type DeviceMs, type ServerMs } from '../../../shared/brand';
import { connection, type WallSocket } from './connection.svelte';
import {
  bestSample,
  deviceNow,
  pinnedBy,
  sampleOffset,
  serverAt,
  type ClockSample,
  type ServerClock,
} from './server-clock';

/** Probes per measurement: the one with the shortest round trip gives the truest offset. */
const SAMPLES = 5;
const SAMPLE_GAP_MS = 150;
const PING_TIMEOUT_MS = 3_000;
/** Device clocks drift and get corrected under us: measure again this often. */
const RESYNC_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The server's clock as measured over the page's socket: first guessed from the greeting, then pinned by
 * the probe with the shortest round trip, measured again every minute.
 */
class MeasuredClock {
  #socket: WallSocket;
  #pin = $state.raw<ServerClock>({ serverTime: serverMs(Date.now()), receivedAt: deviceNow(), speed: 1 });
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
      const speed = w.clockSpeed > 0 ? w.clockSpeed : 1;
      this.#pin =
        this.#rtt === null
          ? { serverTime: serverMs(w.serverTime), receivedAt: deviceNow(), speed }
          : { ...this.#pin, speed };
    });
    socket.on('connect', () => void this.measure());
    setInterval(() => void this.measure(), RESYNC_MS);
  }

  /** Server time now; not reactive. */
  now(): ServerMs {
    return this.toServer(deviceNow());
  }

  /** Server time, re-read by the page at each whole second. */
  get current(): ServerMs {
    this.#tick();
    return this.now();
  }

  /** Whether the offset has been measured by round trip (not only guessed). */
  readonly synced = $derived(this.#rtt !== null);

  /** A device-clock instant in server time. */
  toServer(device: DeviceMs): ServerMs {
    return serverAt(this.#pin, device);
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
        // Pin the pair at the round trip's midpoint: exact whatever the speed.
        this.#pin = pinnedBy(best, this.#pin.speed);
        this.#rtt = best.rtt;
      }
    } finally {
      this.#measuring = false;
    }
  }

  async #probe(): Promise<ClockSample | null> {
    const t0 = deviceNow();
    const p0 = performance.now();
    try {
      const r = await this.#socket.timeout(PING_TIMEOUT_MS).emitWithAck('clock:ping');
      if (!('data' in r)) return null;
      // The round trip from the monotonic clock: Date.now() may be stepped by NTP mid-probe.
      return sampleOffset(serverMs(r.data.serverTime), t0, deviceMs(t0 + (performance.now() - p0)));
    } catch {
      return null;
    }
  }
}

/** The page's server clock. */
export const clock = new MeasuredClock(connection.socket);
