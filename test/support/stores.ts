import { createMemoryStore, createRedisStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import type { IngestWorkers } from '../../server/ingest/pool-start';
import { dropPrefix, testRedisUrl, uniquePrefix } from './redis';

/** Both store implementations, for suites that must hold on each; the Redis one is a real server. */
export const STORES: [
  string,
  (name: string) => Promise<{ store: Store; cleanup: () => Promise<void>; prefix?: string }>,
][] = [
  [
    'memory',
    async () => {
      const store = createMemoryStore();
      return { store, cleanup: () => store.close() };
    },
  ],
  [
    'redis',
    async (name) => {
      const prefix = uniquePrefix(name);
      const store = await createRedisStore({ url: testRedisUrl(), prefix });
      return {
        store,
        prefix,
        cleanup: async () => {
          await store.close();
          await dropPrefix(testRedisUrl(), prefix);
        },
      };
    },
  ],
];

/** Ingest on one worker thread, writing to the test Redis under `prefix` (the app's INGEST_WORKERS=1). */
export const workersOn = (prefix: string, queue = 8): IngestWorkers => ({
  workers: 1,
  queue,
  redis: { url: testRedisUrl() },
  prefix,
  minReplicas: 0,
});
