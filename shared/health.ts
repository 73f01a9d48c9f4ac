/** What the aggregator of a process has done since it started. */
export interface AggregatorStats {
  applied: number;
  duplicates: number;
  rejected: number;
  conflicts: number;
  batches: number;
}

/** GET /healthz: 200 while the store answers, 503 (degraded) while it does not. */
export type HealthResponse = { version: string } & (
  | {
      status: 'ok';
      store: 'memory' | 'redis';
      serverTime: number;
      /** Null in a process that does not aggregate. */
      aggregator: AggregatorStats | null;
    }
  | { status: 'degraded'; store: 'memory' | 'redis'; error: string }
);
