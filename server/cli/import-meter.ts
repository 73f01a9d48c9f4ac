/**
 * The import's progress on stderr: a bar redrawn in place (\r) on a terminal, a plain line every 2 s
 * otherwise (a log file or CI output must not fill with carriage returns). Messages (rejected lines,
 * pauses) are printed on lines of their own, the bar redrawn below them.
 */

export interface MeterState {
  /** Bytes of the file read up to the last confirmed chunk. */
  bytes: number;
  line: number;
  /** Totals over the whole file, earlier interrupted runs included. */
  loaded: number;
  rejected: number;
  /** Set while the import holds back for the aggregator: why. */
  paused?: string | null;
}

export interface MeterOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const TTY_REDRAW_MS = 100;
const PLAIN_EVERY_MS = 2_000;
const BAR_WIDTH = 24;

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/** "42 s", "3 min 05 s", "1 h 02 min". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

export class ImportMeter {
  readonly #out: MeterOutput;
  readonly #tty: boolean;
  readonly #totalBytes: number;
  /** Where this run started (a resumed run's rate counts only its own work). */
  readonly #startBytes: number;
  readonly #startLoaded: number;
  readonly #t0: number;
  #lastDraw = 0;
  #barShown = false;
  #state: MeterState;

  constructor(out: MeterOutput, totalBytes: number, start: MeterState, now = Date.now()) {
    this.#out = out;
    this.#tty = out.isTTY === true;
    this.#totalBytes = totalBytes;
    this.#startBytes = start.bytes;
    this.#startLoaded = start.loaded;
    this.#state = start;
    this.#t0 = now;
    // A plain log says when the import starts, not 2 s later.
    this.#lastDraw = this.#tty ? 0 : now - PLAIN_EVERY_MS;
  }

  /** Events loaded per second by this run. */
  rate(now = Date.now()): number {
    const seconds = (now - this.#t0) / 1000;
    return seconds > 0 ? (this.#state.loaded - this.#startLoaded) / seconds : 0;
  }

  seconds(now = Date.now()): number {
    return (now - this.#t0) / 1000;
  }

  update(state: MeterState, now = Date.now()): void {
    const pauseChanged = (state.paused ?? null) !== (this.#state.paused ?? null);
    this.#state = state;
    const every = this.#tty ? TTY_REDRAW_MS : PLAIN_EVERY_MS;
    // A pause starting or ending is said at once, whatever the pace.
    if (pauseChanged || now - this.#lastDraw >= every) this.#draw(now);
  }

  /** A message on a line of its own (the bar is cleared first and redrawn by the next update). */
  note(message: string): void {
    this.#clearBar();
    this.#out.write(`${message}\n`);
  }

  /** Clears the bar for good (before the summary). */
  end(): void {
    this.#clearBar();
  }

  #clearBar(): void {
    if (this.#tty && this.#barShown) this.#out.write('\r\x1b[K');
    this.#barShown = false;
  }

  #draw(now: number): void {
    this.#lastDraw = now;
    const s = this.#state;
    const fraction = this.#totalBytes > 0 ? Math.min(1, s.bytes / this.#totalBytes) : 1;
    const seconds = (now - this.#t0) / 1000;
    const bytesPerSec = seconds > 0 ? (s.bytes - this.#startBytes) / seconds : 0;
    const eta = bytesPerSec > 0 ? duration((this.#totalBytes - s.bytes) / bytesPerSec) : '?';
    const pct = `${Math.floor(fraction * 100)}%`.padStart(4);
    const figures =
      `${pct}  line ${int(s.line)}  ${int(s.loaded)} loaded, ${int(s.rejected)} rejected  ` +
      `${int(this.rate(now))} events/s` +
      (s.paused ? `  PAUSED: ${s.paused}` : `  ETA ${eta}`);
    if (this.#tty) {
      const filled = Math.round(fraction * BAR_WIDTH);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
      const text = `${bar} ${figures}`;
      // Never wider than the terminal: a wrapped line cannot be redrawn in place.
      const width = this.#out.columns ?? 0;
      this.#out.write(`\r\x1b[K${width > 1 ? text.slice(0, width - 1) : text}`);
      this.#barShown = true;
    } else {
      this.#out.write(`import: ${figures.trim()}\n`);
    }
  }
}
