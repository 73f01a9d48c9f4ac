import type { Frame } from '../../shared/socket';

/**
 * The last frames of a feed, so a screen that reconnects can be given exactly what it missed. Bounded
 * by frame count and by total KPI entries: a burst of large frames cannot grow memory without limit;
 * a screen that was away longer than the ring reaches back gets a snapshot instead.
 */
export class FrameRing {
  #frames: Frame[] = [];
  #entries = 0;

  constructor(
    private readonly maxFrames = 600,
    private readonly maxEntries = 200_000,
  ) {}

  push(frame: Frame): void {
    this.#frames.push(frame);
    this.#entries += sizeOf(frame);
    while (
      this.#frames.length > this.maxFrames ||
      (this.#entries > this.maxEntries && this.#frames.length > 1)
    ) {
      this.#entries -= sizeOf(this.#frames.shift()!);
    }
  }

  /** Frames after `seq`, or null when some of them are gone (or `seq` is not of this feed's past). */
  since(seq: number, currentSeq: number): Frame[] | null {
    if (seq === currentSeq) return [];
    if (seq > currentSeq || seq < 0) return null;
    const first = this.#frames[0];
    if (!first || first.seq > seq + 1) return null;
    return this.#frames.slice(seq + 1 - first.seq);
  }

  get length(): number {
    return this.#frames.length;
  }
}

const sizeOf = (f: Frame) => Object.keys(f.kpis).length + 1;
