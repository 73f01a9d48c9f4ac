import type { AggregatorStats } from '../../shared/health';
import type { RedisTarget } from '../store/redis-connect';

/** What the aggregator thread is started with (aggregator-worker.ts): plain data, copied across. */
export interface AggregatorWorkerData {
  redis: RedisTarget;
  prefix: string;
  consumer: string;
  rules: { communes: string[]; retentionDays: number };
  /**
   * The server's clock, as an anchor: at real instant `realAt` it read `simAt`, and it runs `speed`
   * times faster than real time. The thread's clock reads what the main thread's does, to within the
   * millisecond of real time between the two readings of the anchor.
   */
  clock: { speed: number; simAt: number; realAt: number };
}

export type ToAggregator = { kind: 'stop' };

export type FromAggregator =
  /** The counts so far, sent when they move (at most a few times a second). */
  | { kind: 'stats'; stats: AggregatorStats }
  /** A line for the log (the thread's own logger would interleave with the main thread's). */
  | { kind: 'log'; message: string }
  /** The commit in flight has landed and the thread's connections are closed. */
  | { kind: 'stopped' };
