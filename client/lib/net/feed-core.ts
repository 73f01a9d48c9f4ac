import type { Source } from '../../../shared/vocabulary';
import type {
  FeedName,
  Frame,
  KpiKey,
  Snapshot,
  SourceWords,
  SubscribeReply,
  SubscribeRequest,
  WireKpi,
} from '../../../shared/socket';

/**
 * The feed's bookkeeping, free of the DOM and of Socket.IO so it can be tested alone: which frame comes
 * next, when the screen has missed one, and what it knows. The transport asks it what to send
 * (`request()`) and hands it what arrives; it answers whether a resubscribe is needed.
 */

/** What became of a frame handed to the core. */
type FrameOutcome =
  /** Applied: it was the next one. */
  | 'applied'
  /** Already had it (a duplicate or an older frame): ignored. */
  | 'old'
  /** Held until the pending subscribe is answered. */
  | 'held'
  /** A frame is missing or the hub restarted: resubscribe with `request()`. */
  | 'gap';

/** Frames held while a subscribe is in flight, at most; beyond that a resubscribe costs less. */
const MAX_HELD = 2_000;

export class FeedCore {
  readonly feed: FeedName;
  #epoch: string | null = null;
  #seq = -1;
  #serverTime: number | null = null;
  #kpis = new Map<KpiKey, WireKpi>();
  #sources: Partial<SourceWords> = {};
  #pending = false;
  #held: Frame[] = [];
  #overflowed = false;

  constructor(feed: FeedName) {
    this.feed = feed;
  }

  /** The hub run the numbers come from; null before the first snapshot. */
  get epoch(): string | null {
    return this.#epoch;
  }
  /** Sequence number of the last frame applied. */
  get seq(): number {
    return this.#seq;
  }
  /** Server clock when the last applied frame or snapshot was built. */
  get serverTime(): number | null {
    return this.#serverTime;
  }
  /** Whether a full state has been received at least once. */
  get hasData(): boolean {
    return this.#epoch !== null;
  }
  /** Whether a subscribe was sent and not yet answered. */
  get pending(): boolean {
    return this.#pending;
  }
  /** The current KPI values; keep only for reading. */
  get kpis(): ReadonlyMap<KpiKey, WireKpi> {
    return this.#kpis;
  }
  /** Each source's last word (epoch ms), as far as the screen knows. */
  get sources(): Readonly<Partial<SourceWords>> {
    return this.#sources;
  }

  /** The subscribe to send now: resuming from the last applied frame when there is one. Marks it pending. */
  request(): SubscribeRequest {
    this.#pending = true;
    this.#held = [];
    this.#overflowed = false;
    return this.#epoch === null
      ? { feed: this.feed }
      : { feed: this.feed, resume: { epoch: this.#epoch, seq: this.#seq } };
  }

  /** The subscribe failed or the connection dropped before the answer: nothing is pending any more. */
  abandon(): void {
    this.#pending = false;
    this.#held = [];
    this.#overflowed = false;
  }

  /** Applies the answer to `request()`. Returns 'gap' when the screen is still behind and must ask again. */
  reply(r: SubscribeReply): 'applied' | 'gap' {
    this.#pending = false;
    let outcome: FrameOutcome = 'applied';
    if (r.kind === 'snapshot') this.#replace(r.snapshot);
    else {
      for (const f of r.frames) {
        outcome = this.#offer(f);
        if (outcome === 'gap') break;
      }
    }
    const held = this.#held;
    const overflowed = this.#overflowed;
    this.#held = [];
    this.#overflowed = false;
    if (outcome === 'gap') return 'gap';
    for (const f of held) if (this.#offer(f) === 'gap') return 'gap';
    return overflowed ? 'gap' : 'applied';
  }

  /** A live frame from the hub. */
  frame(f: Frame): FrameOutcome {
    if (f.feed !== this.feed) return 'old';
    if (this.#pending) {
      if (this.#held.length < MAX_HELD) this.#held.push(f);
      else this.#overflowed = true;
      return 'held';
    }
    return this.#offer(f);
  }

  /**
   * A full state pushed by the hub (to a screen too slow for frames): the latest state wins, unless it is
   * older than what the screen already has from the same run.
   */
  snapshot(s: Snapshot): 'applied' | 'old' {
    if (s.feed !== this.feed) return 'old';
    if (s.epoch === this.#epoch && s.seq <= this.#seq) return 'old';
    this.#replace(s);
    return 'applied';
  }

  #offer(f: Frame): FrameOutcome {
    if (this.#epoch === null || f.epoch !== this.#epoch) return 'gap';
    if (f.seq <= this.#seq) return 'old';
    if (f.seq !== this.#seq + 1) return 'gap';
    for (const [key, v] of Object.entries(f.kpis) as [KpiKey, WireKpi][]) this.#kpis.set(key, v);
    if (f.sources) {
      for (const [s, t] of Object.entries(f.sources) as [Source, number | null][]) this.#sources[s] = t;
    }
    this.#seq = f.seq;
    this.#serverTime = f.serverTime;
    return 'applied';
  }

  #replace(s: Snapshot): void {
    this.#epoch = s.epoch;
    this.#seq = s.seq;
    this.#serverTime = s.serverTime;
    this.#kpis = new Map(Object.entries(s.kpis) as [KpiKey, WireKpi][]);
    this.#sources = { ...s.sources };
  }
}
