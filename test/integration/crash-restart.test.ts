import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { received } from '../support/events';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { freePort, startServerProcess } from '../support/server-process';

const KEY = 'crash-test-one-stop-key-01';

describe('a server killed with SIGKILL and started again on the same Redis', () => {
  const prefix = uniquePrefix('crash');
  const env = {
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    INGEST_KEYS: `one_stop:${KEY}`,
    SIMULATOR: 'off',
    // The test's screens watch from this machine, as in the demo.
    LOOPBACK_WATCH: 'on',
    CONSUMER_NAME: 'crash-test',
  };
  let port: number;
  beforeAll(async () => {
    port = await freePort();
  });
  afterAll(() => dropPrefix(testRedisUrl(), prefix));

  /** A source system: re-sends a batch until it is accepted, as a real one retries after an outage. */
  async function deliver(batch: unknown[]): Promise<number> {
    let attempts = 0;
    for (;;) {
      attempts++;
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
          body: JSON.stringify(batch),
        });
        if (r.status === 202) return attempts;
      } catch {
        /* server down: retry */
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function receivedToday(): Promise<number | null> {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/kpis?scope=province`);
      const body = (await r.json()) as { kpis: { id: string; value: number }[] };
      return body.kpis.find((k) => k.id === 'received')!.value;
    } catch {
      return null;
    }
  }

  it('goes on from where it was: nothing lost, nothing doubled', async () => {
    let server = await startServerProcess(env, port);
    const batches = Array.from({ length: 30 }, (_, b) =>
      Array.from({ length: 100 }, (_, i) =>
        received({
          id: `crash-${b}-${i}`,
          dossierId: `CR-${b}-${i}`,
          at: new Date().toISOString(),
          dueAt: new Date(Date.now() + 86_400_000).toISOString(),
        }),
      ),
    );
    let retried = 0;
    for (const [b, batch] of batches.entries()) {
      if (b === 12) {
        // Kill while the aggregator is mid-stream, then come back on the same Redis.
        await server.kill('SIGKILL');
        const restarting = startServerProcess(env, port);
        retried += (await deliver(batch)) > 1 ? 1 : 0;
        server = await restarting;
        continue;
      }
      retried += (await deliver(batch)) > 1 ? 1 : 0;
      // Resend an earlier batch now and then: a source retrying after a lost reply.
      if (b % 7 === 3) await deliver(batches[b - 1]!);
    }
    expect(retried).toBeGreaterThanOrEqual(1);

    const deadline = Date.now() + 15_000;
    let count: number | null = null;
    while (Date.now() < deadline && (count = await receivedToday()) !== 3000)
      await new Promise((r) => setTimeout(r, 100));
    expect(count).toBe(3000);
    // Nothing is counted late a second time.
    await new Promise((r) => setTimeout(r, 500));
    expect(await receivedToday()).toBe(3000);
    await server.kill('SIGTERM');
  }, 60_000);
});
