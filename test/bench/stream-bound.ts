import type { createClient } from 'redis';
import { receivedEvent } from './events';
import { now, sleep } from './ingest';
import type { ServerProcess } from './server';

type RedisClient = ReturnType<typeof createClient>;

/**
 * Does the event stream stay short under a steady flow? Sources XADD at a fixed rate for minutes while
 * the server's aggregator consumes; trimming (redis-stream.ts: XTRIM MINID ~ <oldest pending> LIMIT 0,
 * every 10 s) must keep the stream at about what arrives between two trims, not let it grow.
 */

export interface StreamBoundResult {
  rate: number;
  minutes: number;
  sent: number;
  /** XLEN at the end of each minute, then at the very end (after the aggregator caught up). */
  perMinute: number[];
  final: number;
  /** Largest XLEN seen (sampled every second). */
  max: number;
  /** What the aggregator applied of it, and how long it took to catch up after the last XADD. */
  applied: number;
  catchUpMs: number;
  /** How late the sender fell behind its schedule at worst, ms (a loaded machine). */
  senderLagMs: number;
}

/** One XADD burst every TICK_MS: 2,000 events/s as 200 every 100 ms. */
const TICK_MS = 100;

export async function streamStaysBounded(
  server: ServerProcess,
  redis: RedisClient,
  stream: string,
  opts: { rate: number; minutes: number; log: (msg: string) => void },
): Promise<StreamBoundResult> {
  const run = `s${Date.now().toString(36)}`;
  const perTick = Math.round((opts.rate * TICK_MS) / 1000);
  const ticks = Math.round((opts.minutes * 60_000) / TICK_MS);
  const start = await server.aggregator();
  const perMinute: number[] = [];
  let max = 0;
  let sent = 0;
  let senderLagMs = 0;

  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      max = Math.max(max, await redis.xLen(stream));
      await sleep(1_000);
    }
  })();

  const t0 = now();
  for (let tick = 0; tick < ticks; tick++) {
    const due = t0 + tick * TICK_MS;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    else senderLagMs = Math.max(senderLagMs, -wait);
    const at = Date.now();
    const pending: Promise<string>[] = [];
    for (let i = 0; i < perTick; i++) {
      pending.push(redis.xAdd(stream, '*', { event: JSON.stringify(receivedEvent(run, sent++, at)) }));
    }
    await Promise.all(pending);
    if ((tick + 1) % (60_000 / TICK_MS) === 0) {
      const length = await redis.xLen(stream);
      perMinute.push(length);
      opts.log(`stream: minute ${perMinute.length}, ${sent.toLocaleString('en-US')} sent, XLEN ${length}`);
    }
  }
  const tSent = now();
  // The aggregator catches up, then one more trim (every 10 s) takes what it has done.
  let applied = 0;
  for (const deadline = now() + 120_000; now() < deadline; await sleep(200)) {
    const s = await server.aggregator();
    applied = s.applied + s.duplicates + s.rejected - (start.applied + start.duplicates + start.rejected);
    if (applied >= sent) break;
  }
  const catchUpMs = now() - tSent;
  await sleep(12_000);
  sampling = false;
  await sampler;
  const final = await redis.xLen(stream);
  return {
    rate: opts.rate,
    minutes: opts.minutes,
    sent,
    perMinute,
    final,
    max,
    applied,
    catchUpMs,
    senderLagMs,
  };
}
