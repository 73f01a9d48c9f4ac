import { redisKeys } from '../store/redis-scripts';
import type { RedisTarget } from '../store/redis-connect';
import type { EventRules } from './event-rules';
import { IngestPool } from './pool';

/** Ingest on worker threads (INGEST_WORKERS, INGEST_QUEUE): only with Redis, which every thread reaches. */
export interface IngestWorkers {
  workers: number;
  queue: number;
  redis: RedisTarget;
  prefix: string;
  /** REDIS_MIN_REPLICAS: the workers WAIT for them as the store's own append does. */
  minReplicas: number;
  replicaWaitMs?: number;
}

/** The pool for the config, or null (0 workers: ingest runs on the main thread). */
export function ingestPoolFor(cfg: IngestWorkers | null | undefined, rules: EventRules): IngestPool | null {
  if (!cfg || cfg.workers < 1) return null;
  return new IngestPool({
    size: cfg.workers,
    maxQueue: cfg.queue,
    data: {
      redis: cfg.redis,
      connectionName: `${cfg.prefix.replace(/\s/g, '_')}ingest-worker`,
      append: {
        stream: redisKeys(cfg.prefix).events,
        minReplicas: cfg.minReplicas,
        replicaWaitMs: cfg.replicaWaitMs ?? 1_000,
      },
      rules: { communes: [...rules.communes], retentionDays: rules.retentionDays },
    },
  });
}
