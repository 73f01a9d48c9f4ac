import { parentPort, workerData } from 'node:worker_threads';
import { createBatchSender } from './http-sender';
import { PastSource } from './past';
import { playPast } from './past-player';
import type { PastWorkerCommand, PastWorkerData, PastWorkerMessage } from './past-run';
import { breather } from './past-run';
import { createWorld } from './world';

/**
 * The worker thread that plays the past (past-run.ts starts it): counts the past's events and, once
 * told to go (the live backfill first), posts them to the wall's ingest API, a plan day at a time.
 */

const port = parentPort;
if (!port) throw new Error('past-worker.ts runs only as a worker thread');
const data = workerData as PastWorkerData;
const say = (m: PastWorkerMessage) => port.postMessage(m);

const source = new PastSource(createWorld(data.province, data.seed), data.window);
say({ kind: 'started' });
// Counting goes on between the sends (each plan it builds is kept for them).
const counted = source.count(breather).then((total) => say({ kind: 'total', total }));

let going = false;
port.on('message', (command: PastWorkerCommand) => {
  if (command.kind !== 'go' || going) return;
  going = true;
  const sending = playPast({
    batches: source.batches(),
    send: createBatchSender(data.http),
    inFlight: data.inFlight,
    onSent: (sent) => say({ kind: 'sent', sent }),
    onRetry: (error, attempt, waitMs) => say({ kind: 'retry', error: String(error), attempt, waitMs }),
  });
  // The parent ends this thread (Worker.terminate) once told, or to stop it early.
  void Promise.all([sending.done, counted]).then(() => say({ kind: 'done', sent: sending.sent }));
});
