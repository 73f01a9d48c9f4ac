import type { ChangeNotice, Commit } from './types';

/** The one consumer group reading the event stream (the aggregators of every server process). */
export const GROUP = 'agg';
/** Trimming scans the group's pending list, so it runs at most this often. */
export const TRIM_EVERY_MS = 10_000;
/** Looking for entries abandoned by dead consumers costs a scan of the pending list: at most this often. */
export const CLAIM_EVERY_MS = 1_000;

const STREAM_ID = /^\d+-\d+$/;

/**
 * Rejects a malformed commit before anything is written. The Redis script cannot roll back: a bad
 * number met half-way through (HINCRBY of 1.5, ZADD of NaN) would leave half a commit behind, so
 * both stores refuse the whole commit up front, identically.
 */
export function assertValidCommit(c: Commit): void {
  const seen = new Set<string>();
  for (const r of c.records) {
    if (!Number.isSafeInteger(r.expect) || r.expect < 0) {
      throw new RangeError(`record ${r.key}: expect must be a non-negative integer, got ${r.expect}`);
    }
    // Two writes of one record in one commit would both pass the version check and lose one body.
    if (seen.has(r.key)) throw new RangeError(`record ${r.key} appears twice in one commit`);
    seen.add(r.key);
  }
  for (const [key, fields] of c.hashes) {
    for (const [field, amount] of fields) {
      if (!Number.isSafeInteger(amount)) {
        throw new RangeError(`hash ${key} field ${field}: increment must be an integer, got ${amount}`);
      }
    }
  }
  for (const [key, z] of c.zsets) {
    for (const [member, score] of z.add) {
      if (!Number.isFinite(score))
        throw new RangeError(`zset ${key} member ${member}: score ${score} is not finite`);
    }
  }
  for (const [source, at] of Object.entries(c.sources)) {
    if (!Number.isFinite(at)) throw new RangeError(`source ${source}: time ${at} is not finite`);
  }
  for (const [source, at] of Object.entries(c.earliest)) {
    if (!Number.isSafeInteger(at)) throw new RangeError(`earliest ${source}: ${at} is not an instant in ms`);
  }
  for (const id of c.ack) {
    if (!STREAM_ID.test(id)) throw new RangeError(`ack: "${id}" is not a stream entry id`);
  }
}

/** The change notice a commit publishes, or null when it touches no scope and no source. */
export function noticeOf(c: Commit): ChangeNotice | null {
  if (c.scopes.length === 0 && Object.keys(c.sources).length === 0) return null;
  return { scopes: [...c.scopes], sources: { ...c.sources } };
}

/** The most log entries one readLog returns. */
const LOG_READ_MAX = 1000;

/**
 * Checks a readLog request the same way in both stores. `before` must be an id as appendLog hands them
 * out, each part a safe integer, so the memory store compares it exactly as Redis does.
 */
export function assertValidLogRead({ count, before }: { count: number; before?: string }): void {
  if (!Number.isSafeInteger(count) || count < 1 || count > LOG_READ_MAX) {
    throw new RangeError(`readLog: count must be an integer from 1 to ${LOG_READ_MAX}, got ${count}`);
  }
  if (before === undefined) return;
  const parts = STREAM_ID.test(before) ? before.split('-').map(Number) : [];
  if (parts.length !== 2 || !parts.every(Number.isSafeInteger)) {
    throw new RangeError(`readLog: before "${before}" is not a log entry id ("<ms>-<n>")`);
  }
}

/** Checks rangeBelow's limit (Redis would read a negative one as "no limit"). */
export function assertValidLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(`rangeBelow: limit must be a non-negative integer, got ${limit}`);
  }
}

/** Formats a sorted-set bound for Redis, which spells infinities "+inf" / "-inf". */
export function scoreArg(n: number): string {
  if (n === Infinity) return '+inf';
  if (n === -Infinity) return '-inf';
  return String(n);
}
