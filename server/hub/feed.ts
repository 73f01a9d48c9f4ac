import type { DayKey } from '../../shared/brand';
import type { Scope } from '../../shared/scope';
import type { FeedName, Frame, KpiKey, Snapshot, SourceWords, WireKpi } from '../../shared/socket';
import { FrameRing } from './frame-ring';

/** Which feed a scope's KPIs travel in: the province headline, or the communes and agencies. */
export const feedOfScope = (scope: Scope): FeedName => (scope === 'province' ? 'province' : 'units');

const same = (a: WireKpi | undefined, b: WireKpi) =>
  a !== undefined && a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

/**
 * The state of one feed as the screens know it: the latest value of every KPI, the sequence number of
 * the last frame, and the ring of recent frames for screens that come back.
 */
export class Feed {
  readonly values = new Map<KpiKey, WireKpi>();
  readonly ring: FrameRing;
  seq = 0;
  #changes: Record<KpiKey, WireKpi> = {};
  #changed = 0;

  constructor(
    readonly name: FeedName,
    readonly epoch: string,
    ringFrames?: number,
  ) {
    this.ring = new FrameRing(ringFrames);
  }

  /** Records a value; remembers it for the next frame only if it differs from what screens have. */
  set(key: KpiKey, v: WireKpi): void {
    if (same(this.values.get(key), v)) return;
    this.values.set(key, v);
    this.#changes[key] = v;
    this.#changed++;
  }

  /** The next frame, or null when nothing changed. Sources ride along when they moved. */
  takeFrame(serverTime: number, day: DayKey, sources?: Partial<SourceWords>): Frame | null {
    if (this.#changed === 0 && !sources) return null;
    const frame: Frame = {
      feed: this.name,
      epoch: this.epoch,
      seq: ++this.seq,
      serverTime,
      day,
      kpis: this.#changes,
    };
    if (sources) frame.sources = sources;
    this.#changes = {};
    this.#changed = 0;
    this.ring.push(frame);
    return frame;
  }

  snapshot(serverTime: number, day: DayKey, sources: SourceWords): Snapshot {
    return {
      feed: this.name,
      epoch: this.epoch,
      seq: this.seq,
      serverTime,
      day,
      kpis: Object.fromEntries(this.values) as Record<KpiKey, WireKpi>,
      sources,
    };
  }
}
