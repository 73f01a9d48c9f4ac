import { createApp, type AppDeps } from '../../server/app';
import { systemClock } from '../../server/clock';
import { redisAdapter } from '../../server/hub/adapter';
import { ApiKeys } from '../../server/ingest/api-keys';
import { createRedisStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import { testRedisUrl } from './redis';

export interface InProcessServer {
  store: Store;
  baseUrl: string;
  app: Awaited<ReturnType<typeof createApp>>;
  close(): Promise<void>;
}

/**
 * One "server process" inside the test: its own store connections and Socket.IO adapter on the shared
 * Redis prefix, wired as server/index.ts wires them. Several of them are several processes behind a
 * load balancer, without paying a tsx start for each.
 */
export async function startInProcessServer(
  prefix: string,
  name: string,
  opts: Partial<AppDeps> & { wrapStore?: (store: Store) => Store } = {},
): Promise<InProcessServer> {
  const raw = await createRedisStore({ url: testRedisUrl(), prefix });
  const store = opts.wrapStore ? opts.wrapStore(raw) : raw;
  const shared = await redisAdapter(testRedisUrl(), prefix);
  const app = await createApp({
    clock: systemClock,
    keys: new ApiKeys(),
    province: { code: '01', name: 'Thành phố Hà Nội' },
    consumer: `test-${name}-${process.pid}`,
    staticDir: null,
    aggregate: false,
    loopbackWatch: false,
    ...opts,
    store,
    adapter: shared.adapter,
  });
  const baseUrl = `http://127.0.0.1:${await app.listen(0)}`;
  return {
    store,
    baseUrl,
    app,
    close: async () => {
      await app.close();
      await shared.close();
      await raw.close();
    },
  };
}
