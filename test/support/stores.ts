import { createMemoryStore, createRedisStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import { dropPrefix, testRedisUrl, uniquePrefix } from './redis';

/** Both store implementations, for suites that must hold on each; the Redis one is a real server. */
export const STORES: [string, (name: string) => Promise<{ store: Store; cleanup: () => Promise<void> }>][] = [
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
        cleanup: async () => {
          await store.close();
          await dropPrefix(testRedisUrl(), prefix);
        },
      };
    },
  ],
];
