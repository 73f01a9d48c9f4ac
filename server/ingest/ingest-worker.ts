import { parentPort, workerData } from 'node:worker_threads';
import type { IngestAccepted, IocEvent } from '../../shared/events';
import { appendRaw } from '../store/redis-append';
import { createRedisClient } from '../store/redis-connect';
import { checkBatch } from './check-batch';
import { splitTopLevel } from './split-array';
import type { EventRules } from './event-rules';
import type { FromWorker, IngestAnswer, IngestJob, IngestWorkerData } from './ingest-protocol';

/**
 * An ingest worker thread (pool.ts): parses, checks and stores POSTed batches, so the thread that
 * serves the screens and runs the aggregator only reads the bytes and hands them over. It writes to
 * the stream through its own Redis connection, the batch whole or not at all (redis-append.ts).
 */
const port = parentPort;
if (!port) throw new Error('ingest-worker.ts runs only as a worker thread');
const data = workerData as IngestWorkerData;
const rules: EventRules = { communes: new Set(data.rules.communes), retentionDays: data.rules.retentionDays };
const send = (m: FromWorker) => port.postMessage(m);

const client = await createRedisClient(data.redis, { name: data.connectionName, disableOfflineQueue: true });
// node-redis reconnects by itself; an unheard 'error' would end the thread. While Redis is away,
// appends fail at once (503: the source resends), as the store's own do.
client.on('error', () => {});
await client.connect();

const notJson = { status: 400, body: { error: 'request body is not valid JSON' } };

/** The body as body-parser's strict JSON reads it (an object or array; empty: {}), and its text. */
function parseBody(bytes: Uint8Array): { value: unknown; text: string } | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const first = /\S/.exec(text)?.[0];
  if (first === undefined) return text.length === 0 ? { value: {}, text: '{}' } : null;
  if (first !== '{' && first !== '[') return null;
  try {
    return { value: JSON.parse(text) as unknown, text };
  } catch {
    return null;
  }
}

/** The events as sent (no second serialisation), or serialised again if the split disagrees. */
function serialised(text: string, events: readonly IocEvent[]): string[] {
  const sent = splitTopLevel(text);
  return sent.length === events.length ? sent : events.map((e) => JSON.stringify(e));
}

async function handle(job: IngestJob): Promise<IngestAnswer> {
  const parsed = parseBody(job.body);
  if (!parsed) return notJson;
  const verdict = checkBatch(
    parsed.value,
    { source: job.grant.source, types: new Set(job.grant.types) },
    rules,
    job.now,
  );
  if (!verdict.ok) return { status: verdict.status, body: verdict.body };
  try {
    await appendRaw(client, data.append, serialised(parsed.text, verdict.events));
  } catch (err) {
    return {
      status: 503,
      body: { error: `event store unavailable, retry later: ${(err as Error).message}` },
    };
  }
  return { status: 202, body: { accepted: verdict.events.length } satisfies IngestAccepted };
}

port.on('message', (job: IngestJob) => {
  void handle(job).then((answer) => send({ kind: 'answer', id: job.id, ...answer }));
});
send({ kind: 'ready' });
