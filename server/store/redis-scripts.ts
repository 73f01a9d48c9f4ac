import { createHash } from 'node:crypto';
import { GROUP, noticeOf } from './common';
import type { Commit, LogName } from './types';

/** The fixed keys of a Redis store under its prefix. */
export interface RedisKeys {
  events: string;
  dead: string;
  changes: string;
  recVer: string;
  recBody: string;
  sources: string;
  scopes: string;
  /** One capped stream per log. */
  logs: Record<LogName, string>;
}

export const redisKeys = (prefix: string): RedisKeys => ({
  events: `${prefix}events`,
  dead: `${prefix}events:dead`,
  changes: `${prefix}changes`,
  recVer: `${prefix}rec:ver`,
  recBody: `${prefix}rec:body`,
  sources: `${prefix}sources`,
  scopes: `${prefix}scopes`,
  logs: { audit: `${prefix}log:audit` },
});

/** How many of the most recent change notices Redis keeps (listeners only ever need the newest). */
const CHANGES_KEPT = 10_000;

/**
 * The commit, as one script so it is atomic. The arguments are flat (counts, then runs of values) so
 * the script never decodes JSON, and runs go to Redis through unpack() in chunks that stay far below
 * Lua's limit on values unpacked at once (about 8,000).
 *
 * KEYS: rec:ver, rec:body, sources, scopes, events, changes, then each hash key, then each zset key.
 * ARGV: #records, #hashes, #zsets,
 *   records: (key, new version) * #records, then (key, body) * #records,
 *   per hash: #fields, (field, increment) * #fields,
 *   per zset: #add, (score, member) * #add, #remove, member * #remove,
 *   #sources, (source, ms) * #sources,  #earliest, (source, ms) * #earliest,  #scopes, scope * #scopes,  #acks, id * #acks,
 *   change notice (JSON, or '' for none).
 */
export const COMMIT_LUA = `
local CHUNK = 4000
local function chunks(first, last, send)
  local i = first
  while i <= last do
    local j = math.min(last, i + CHUNK - 1)
    send(i, j)
    i = j + 1
  end
end

local nrec, nhash, nzset = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local p = 4

-- 1. Guard: every record must still be at the version it was read at, or nothing is written.
for i = p, p + 2 * nrec - 1, 2 do
  local current = tonumber(redis.call('HGET', KEYS[1], ARGV[i])) or 0
  if current + 1 ~= tonumber(ARGV[i + 1]) then return 0 end
end

-- 2. Records: new versions, then bodies.
chunks(p, p + 2 * nrec - 1, function(i, j) redis.call('HSET', KEYS[1], unpack(ARGV, i, j)) end)
p = p + 2 * nrec
chunks(p, p + 2 * nrec - 1, function(i, j) redis.call('HSET', KEYS[2], unpack(ARGV, i, j)) end)
p = p + 2 * nrec

-- 3. Counters; a field back at 0 is dropped (readers take absent as 0).
for h = 1, nhash do
  local key = KEYS[6 + h]
  local n = tonumber(ARGV[p])
  p = p + 1
  for i = p, p + 2 * n - 1, 2 do
    if redis.call('HINCRBY', key, ARGV[i], ARGV[i + 1]) == 0 then redis.call('HDEL', key, ARGV[i]) end
  end
  p = p + 2 * n
end

-- 4. Sorted sets.
for z = 1, nzset do
  local key = KEYS[6 + nhash + z]
  local nadd = tonumber(ARGV[p])
  p = p + 1
  chunks(p, p + 2 * nadd - 1, function(i, j) redis.call('ZADD', key, unpack(ARGV, i, j)) end)
  p = p + 2 * nadd
  local nrem = tonumber(ARGV[p])
  p = p + 1
  chunks(p, p + nrem - 1, function(i, j) redis.call('ZREM', key, unpack(ARGV, i, j)) end)
  p = p + nrem
end

-- 5. Sources keep the latest word heard, and ("~earliest:<source>") the first instant of their data.
local nsrc = tonumber(ARGV[p])
p = p + 1
for i = p, p + 2 * nsrc - 1, 2 do
  local current = tonumber(redis.call('HGET', KEYS[3], ARGV[i]))
  if current == nil or tonumber(ARGV[i + 1]) > current then redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1]) end
end
p = p + 2 * nsrc
local nfirst = tonumber(ARGV[p])
p = p + 1
for i = p, p + 2 * nfirst - 1, 2 do
  local field = '~earliest:' .. ARGV[i]
  local current = tonumber(redis.call('HGET', KEYS[3], field))
  if current == nil or tonumber(ARGV[i + 1]) < current then redis.call('HSET', KEYS[3], field, ARGV[i + 1]) end
end
p = p + 2 * nfirst

-- 6. Known scopes.
local nscope = tonumber(ARGV[p])
p = p + 1
chunks(p, p + nscope - 1, function(i, j) redis.call('SADD', KEYS[4], unpack(ARGV, i, j)) end)
p = p + nscope

-- 7. The stream entries this commit accounts for.
local nack = tonumber(ARGV[p])
p = p + 1
chunks(p, p + nack - 1, function(i, j) redis.call('XACK', KEYS[5], '${GROUP}', unpack(ARGV, i, j)) end)
p = p + nack

-- 8. Tell every server process.
if ARGV[p] ~= '' then redis.call('XADD', KEYS[6], 'MAXLEN', '~', ${CHANGES_KEPT}, '*', 'n', ARGV[p]) end
return 1
`;

export const COMMIT_SHA = createHash('sha1').update(COMMIT_LUA).digest('hex');

/** Lays a commit out as the script's KEYS and ARGV. Logical hash and zset keys get the prefix. */
export function commitArgs(c: Commit, prefix: string, k: RedisKeys): { keys: string[]; arguments: string[] } {
  const keys = [k.recVer, k.recBody, k.sources, k.scopes, k.events, k.changes];
  const args: string[] = [String(c.records.length), String(c.hashes.size), String(c.zsets.size)];
  for (const r of c.records) args.push(r.key, String(r.expect + 1));
  for (const r of c.records) args.push(r.key, r.body);
  for (const [key, fields] of c.hashes) {
    keys.push(prefix + key);
    args.push(String(fields.size));
    for (const [field, amount] of fields) args.push(field, String(amount));
  }
  for (const [key, { add, remove }] of c.zsets) {
    keys.push(prefix + key);
    args.push(String(add.size));
    for (const [member, score] of add) args.push(String(score), member);
    args.push(String(remove.size));
    for (const member of remove) args.push(member);
  }
  const sources = Object.entries(c.sources);
  args.push(String(sources.length));
  for (const [source, at] of sources) args.push(source, String(at));
  const earliest = Object.entries(c.earliest);
  args.push(String(earliest.length));
  for (const [source, at] of earliest) args.push(source, String(at));
  args.push(String(c.scopes.length), ...c.scopes);
  args.push(String(c.ack.length), ...c.ack);
  const notice = noticeOf(c);
  args.push(notice ? JSON.stringify(notice) : '');
  return { keys, arguments: args };
}

/**
 * Forgets old closed records atomically (Store.dropRecords).
 * KEYS: index zset, rec:ver, rec:body. ARGV: below (exclusive score bound), limit.
 */
export const DROP_RECORDS_LUA = `
local ids = redis.call('ZRANGE', KEYS[1], '-inf', '(' .. ARGV[1], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[2]))
if #ids == 0 then return 0 end
redis.call('HDEL', KEYS[2], unpack(ids))
redis.call('HDEL', KEYS[3], unpack(ids))
redis.call('ZREM', KEYS[1], unpack(ids))
return #ids
`;

/** At most this many records per dropRecords call: unpack() stays far below Lua's limit. */
export const DROP_RECORDS_MAX = 1000;

/**
 * Forgets idle consumers of the group in one atomic step, so none can read between the look and the
 * delete (XGROUP DELCONSUMER drops a consumer's pending entries with it: only empty ones go).
 * KEYS: the event stream. ARGV: the caller's own name, the idle bound in ms. Returns the names removed.
 */
export const REMOVE_IDLE_CONSUMERS_LUA = `
local removed = {}
for _, c in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], '${GROUP}')) do
  local f = {}
  for i = 1, #c, 2 do f[c[i]] = c[i + 1] end
  if f['name'] ~= ARGV[1] and tonumber(f['pending']) == 0 and tonumber(f['idle']) > tonumber(ARGV[2]) then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], '${GROUP}', f['name'])
    removed[#removed + 1] = f['name']
  end
end
return removed
`;
