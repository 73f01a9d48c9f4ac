import { idsPerEvent, packEvents } from './entry-pack';
import { connectionOf, type RedisClient } from './redis-connect';

/** Where a batch goes and how safely: the stream's key, and the replicas that must hold it. */
export interface AppendTarget {
  stream: string;
  /** Replicas that must hold the batch before it counts as stored (REDIS_MIN_REPLICAS, Redis WAIT). */
  minReplicas: number;
  /** How long to wait for them before failing (the source resends; ids make a resend count once). */
  replicaWaitMs: number;
}

/**
 * Appends already-serialised events to the stream, all or nothing: one MULTI of XADDs, which Redis
 * runs whole or not at all, of entries holding up to EVENTS_PER_ENTRY events each (entry-pack.ts).
 * The store's `append` and the ingest worker threads both write through here. Returns, per event,
 * the id of its entry.
 */
export async function appendRaw(
  client: RedisClient,
  to: AppendTarget,
  raws: readonly string[],
): Promise<string[]> {
  if (raws.length === 0) return [];
  // XADD and WAIT on one physical connection, even when the primary moves in between (redis-follow.ts).
  const conn = connectionOf(client);
  const multi = conn.multi();
  // Raw commands: node-redis's typed xAdd re-shapes its arguments per call, for nothing here.
  for (const { field, value } of packEvents(raws)) multi.addCommand(['XADD', to.stream, '*', field, value]);
  const ids = idsPerEvent((await multi.exec()).map(String), raws.length);
  if (to.minReplicas > 0) {
    // WAIT counts the replicas that hold everything this connection wrote, the batch included.
    const held = Number(await conn.sendCommand(['WAIT', String(to.minReplicas), String(to.replicaWaitMs)]));
    // Not acknowledged: the source sends the batch again, and the events' ids make the resend count once.
    if (held < to.minReplicas)
      throw new Error(
        `the batch reached ${held} of ${to.minReplicas} replicas within ${to.replicaWaitMs} ms`,
      );
  }
  return ids;
}
