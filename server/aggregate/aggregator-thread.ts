import type { Worker } from 'node:worker_threads';
import type { AggregatorStats } from '../../shared/health';
import type { Clock } from '../clock';
import type { EventRules } from '../ingest/event-rules';
import { logFor } from '../observe/logger';
import type { RedisTarget } from '../store/redis-connect';
import { startWorker } from '../worker-thread';
import type { AggregatorWorkerData, FromAggregator, ToAggregator } from './thread-protocol';
import { noAggregatorStats } from './worker';

const logger = logFor('aggregator');

export interface AggregatorThreadOptions {
  redis: RedisTarget;
  prefix: string;
  consumer: string;
  rules: EventRules;
  clock: Clock;
}

/** How long a thread that died waits before the next one starts (Redis away: no tight loop). */
const RESTART_MS = 1_000;
/** How long stop() waits for the commit in flight before it ends the thread anyway. */
const STOP_WAIT_MS = 10_000;

/**
 * The aggregator (worker.ts) on a worker thread, with Redis: the same reading, checking, folding and
 * exactly-once commits, off the thread that serves the screens, so a backlog being caught up (tens of
 * thousands of events a second) does not hold back the screens' frames, and the two use two cores.
 * Looks like startAggregator's result to the rest of the server: `stats` (kept up to date by the
 * thread) and `stop()`. A thread that dies is started again; what it had read and not committed is
 * still pending under the same consumer name, and the next one takes it up first.
 */
export function startAggregatorThread(opts: AggregatorThreadOptions) {
  const stats = noAggregatorStats();
  /** What the threads before the current one counted: stats add up over restarts. */
  const before = noAggregatorStats();
  let stopping = false;
  let worker: Worker;

  const spawn = () => {
    const data: AggregatorWorkerData = {
      redis: opts.redis,
      prefix: opts.prefix,
      consumer: opts.consumer,
      rules: { communes: [...opts.rules.communes], retentionDays: opts.rules.retentionDays },
      clock: { speed: opts.clock.speed, simAt: opts.clock.now(), realAt: Date.now() },
    };
    worker = startWorker(import.meta.url, 'aggregator-worker', data);
    let last = noAggregatorStats();
    worker.on('message', (m: FromAggregator) => {
      if (m.kind === 'stats') {
        last = m.stats;
        for (const k of Object.keys(stats) as (keyof AggregatorStats)[]) stats[k] = before[k] + last[k];
      } else if (m.kind === 'log') logger.warn(m.message);
    });
    worker.on('error', (err) => logger.error({ err }, 'the aggregator thread failed'));
    worker.on('exit', (code) => {
      for (const k of Object.keys(before) as (keyof AggregatorStats)[]) before[k] += last[k];
      if (stopping) return;
      logger.warn({ code }, 'the aggregator thread stopped; starting another');
      setTimeout(() => {
        if (!stopping) spawn();
      }, RESTART_MS).unref();
    });
  };
  spawn();

  return {
    stats,
    /** The thread working now (for tests: one that is ended is replaced). */
    get thread(): Worker {
      return worker;
    },
    /** Stops reading; the commit in flight lands first, so nothing is half-applied. */
    async stop(): Promise<void> {
      stopping = true;
      const current = worker;
      // Died and not yet replaced (the replacement is now called off): nothing is running to stop.
      if (current.threadId === -1) return;
      const stopped = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, STOP_WAIT_MS);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        current.on('message', (m: FromAggregator) => m.kind === 'stopped' && done());
        current.once('exit', done);
      });
      current.postMessage({ kind: 'stop' } satisfies ToAggregator);
      await stopped;
      await current.terminate();
    },
  };
}
