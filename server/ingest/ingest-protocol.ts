import type { EventType, Source } from '../../shared/events';
import type { AppendTarget } from '../store/redis-append';
import type { RedisTarget } from '../store/redis-connect';

/** What an ingest worker thread is started with: where to store, and the rules to check by. */
export interface IngestWorkerData {
  redis: RedisTarget;
  /** Names the worker's Redis connection (CLIENT LIST), as the store names its own. */
  connectionName: string;
  append: AppendTarget;
  rules: { communes: string[]; retentionDays: number };
}

/** One POSTed body to check and store: its bytes (moved, not copied), the key's grant, the server's now. */
export interface IngestJob {
  id: number;
  body: Uint8Array;
  grant: { source: Source; types: EventType[] };
  now: number;
}

/** The HTTP answer for a job: the route sends it as it is. */
export interface IngestAnswer {
  status: number;
  body: unknown;
}

/** The worker's messages to the pool, by kind (one line here per new message). */
export type FromWorker = { kind: 'ready' } | ({ kind: 'answer'; id: number } & IngestAnswer);
