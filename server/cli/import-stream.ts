import { GROUP } from '../store/common';
import type { RedisClient } from '../store/redis-stream';

/**
 * The importer's side of the event stream: appending a chunk, and reading how far the aggregators'
 * consumer group is behind (to hold back while they catch up, and for --wait).
 */

/**
 * Appends a chunk's events, one XADD each (field `event`; ingest packs a batch 100 to an entry, which
 * would make --max-lag, counted in entries, mean 100 times more events), sent as one pipeline:
 * a single write to the socket and one round trip for the lot. Resolves with the entry ids once Redis
 * has acknowledged every one of them; rejects if any failed.
 */
export async function appendChunk(
  client: RedisClient,
  stream: string,
  payloads: readonly string[],
): Promise<string[]> {
  if (payloads.length === 0) return [];
  const pipeline = client.multi();
  for (const event of payloads) pipeline.addCommand(['XADD', stream, '*', 'event', event]);
  const replies = await pipeline.execAsPipeline();
  return replies.map(String);
}

/** The consumer group as XINFO GROUPS describes it. */
export interface GroupState {
  consumers: number;
  pending: number;
  lastDelivered: string;
  /** Entries not yet delivered to any consumer (Redis 7); XLEN − pending when Redis cannot tell. */
  lag: number;
}

/** Makes the aggregators' group if there is none yet, exactly as the server does (GroupReader). */
export async function ensureGroup(client: RedisClient, stream: string): Promise<void> {
  try {
    await client.sendCommand(['XGROUP', 'CREATE', stream, GROUP, '0', 'MKSTREAM']);
  } catch (err) {
    if (!(err instanceof Error && err.message.startsWith('BUSYGROUP'))) throw err;
  }
}

export async function readGroup(client: RedisClient, stream: string): Promise<GroupState | null> {
  const groups = await client.sendCommand<unknown>(['XINFO', 'GROUPS', stream]);
  if (!Array.isArray(groups)) return null;
  for (const g of groups) {
    const info = pairs(g);
    if (String(info.get('name')) !== GROUP) continue;
    const pending = Number(info.get('pending') ?? 0);
    let lag = info.get('lag');
    // Redis answers nil when it cannot tell (entries deleted from the middle of the stream): every
    // entry still in the stream and not pending is then taken as not delivered, an upper bound.
    if (lag == null) lag = Math.max(0, Number(await client.sendCommand(['XLEN', stream])) - pending);
    return {
      consumers: Number(info.get('consumers') ?? 0),
      pending,
      lastDelivered: String(info.get('last-delivered-id') ?? '0-0'),
      lag: Number(lag),
    };
  }
  return null;
}

/** The oldest entry still pending in the group (delivered, not yet acknowledged), or null. */
export async function oldestPending(client: RedisClient, stream: string): Promise<string | null> {
  const summary = await client.sendCommand<unknown>(['XPENDING', stream, GROUP]);
  if (!Array.isArray(summary) || Number(summary[0]) === 0 || summary[1] == null) return null;
  return String(summary[1]);
}

/** A flat [name, value, name, value, ...] reply as a map, values as Redis sent them (nil stays null). */
function pairs(reply: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!Array.isArray(reply)) return out;
  for (let i = 0; i + 1 < reply.length; i += 2) out.set(String(reply[i]), reply[i + 1]);
  return out;
}

/** Compares stream ids ("<ms>-<seq>") as Redis orders them. */
export function compareIds(a: string, b: string): number {
  const [am = 0n, as = 0n] = a.split('-').map(BigInt);
  const [bm = 0n, bs = 0n] = b.split('-').map(BigInt);
  if (am !== bm) return am < bm ? -1 : 1;
  return as === bs ? 0 : as < bs ? -1 : 1;
}
