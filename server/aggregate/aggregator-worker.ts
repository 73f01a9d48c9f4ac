import { parentPort, workerData } from 'node:worker_threads';
import type { Clock } from '../clock';
import type { EventRules } from '../ingest/event-rules';
import { createRedisStore } from '../store/redis';
import type { AggregatorWorkerData, FromAggregator, ToAggregator } from './thread-protocol';
import { startAggregator } from './worker';

/**
 * The aggregator on a thread of its own (aggregator-thread.ts): reading the stream, checking each event
 * again, folding and committing take a core's worth of work at a backlog, which on the main thread would
 * hold every screen's frame behind it. It reaches Redis through a store of its own.
 */
const port = parentPort;
if (!port) throw new Error('aggregator-worker.ts runs only as a worker thread');
const data = workerData as AggregatorWorkerData;
const send = (m: FromAggregator) => port.postMessage(m);

const { speed, simAt, realAt } = data.clock;
const clock: Clock = { now: () => Math.floor(simAt + (Date.now() - realAt) * speed), speed };
const rules: EventRules = { communes: new Set(data.rules.communes), retentionDays: data.rules.retentionDays };

const store = await createRedisStore({ ...data.redis, prefix: data.prefix });
const aggregator = startAggregator({
  store,
  clock,
  rules,
  consumer: data.consumer,
  log: (message) => send({ kind: 'log', message }),
});

// The counts go to the main thread when they move, for /metrics and /readyz.
let sent = '';
const report = () => {
  const now = JSON.stringify(aggregator.stats);
  if (now === sent) return;
  sent = now;
  send({ kind: 'stats', stats: { ...aggregator.stats } });
};
const reporting = setInterval(report, 200);

port.on('message', (m: ToAggregator) => {
  if (m.kind !== 'stop') return;
  clearInterval(reporting);
  void (async () => {
    await aggregator.stop();
    report();
    await store.close();
    send({ kind: 'stopped' });
  })();
});
