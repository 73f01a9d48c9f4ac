import type { createClient } from 'redis';
import { assertValidLogRead, CLAIM_EVERY_MS, GROUP, TRIM_EVERY_MS } from './common';
import { LOG_MAX_ENTRIES, type StreamEntry } from './types';
import { logFor } from '../observe/logger';

const logger = logFor('store');

export type RedisClient = ReturnType<typeof createClient>;

// Stream replies are read raw (sendCommand) rather than through node-redis's typed helpers, which
// throw on the nil body Redis returns for a pending entry that was deleted from the stream.

/** The value of one field of a raw stream entry ([f1, v1, f2, v2, ...]), if present. */
export function fieldOf(fields: unknown, name: string): string | undefined {
  if (!Array.isArray(fields)) return undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) if (String(fields[i]) === name) return String(fields[i + 1]);
  return undefined;
}

/** Raw entries ([[id, fields], ...]) to id + fields; nil items (deleted entries) are skipped. */
export function rawEntries(reply: unknown): { id: string; fields: unknown }[] {
  if (!Array.isArray(reply)) return [];
  const out: { id: string; fields: unknown }[] = [];
  for (const item of reply) if (Array.isArray(item)) out.push({ id: String(item[0]), fields: item[1] });
  return out;
}

/** The entries of the one stream an XREAD / XREADGROUP reply ([[key, entries]] or nil) holds. */
export function entriesOfRead(reply: unknown): { id: string; fields: unknown }[] {
  if (!Array.isArray(reply) || !Array.isArray(reply[0])) return [];
  return rawEntries(reply[0][1]);
}

/**
 * An entry's event (field `event`) or events (field `events`, a JSON array: entry-pack.ts). One with
 * neither (a stray XADD, or deleted while pending) reads as '': dead-lettered.
 */
export function streamEntryOf(id: string, fields: unknown): StreamEntry {
  const many = fieldOf(fields, 'events');
  return many === undefined ? { id, raw: fieldOf(fields, 'event') ?? '' } : { id, raw: many, packed: true };
}

const toStreamEntries = (raw: { id: string; fields: unknown }[]): StreamEntry[] =>
  raw.map(({ id, fields }) => streamEntryOf(id, fields));

const isNoGroup = (err: unknown) => err instanceof Error && err.message.startsWith('NOGROUP');

/**
 * Reading the event stream through the consumer group: first a consumer's own pending entries, then
 * entries abandoned by dead consumers, then new ones. Blocking reads go through their own connection
 * so they never hold up the commands of the rest of the process.
 */
export class GroupReader {
  /** Per consumer: the id after which its own pending entries are still to be replayed (null: done). */
  private readonly replayFrom = new Map<string, string | null>();
  private readonly lastClaim = new Map<string, number>();
  private claimCursor = '0-0';
  private lastTrim = Date.now();
  /** Set by the store on close, so that a trim cut short by it is not reported as a failure. */
  closed = false;

  constructor(
    private readonly client: RedisClient,
    private readonly blocking: RedisClient,
    private readonly stream: string,
    private readonly trimEveryMs = TRIM_EVERY_MS,
  ) {}

  /** Creates the stream and group if missing, starting at the beginning so no earlier XADD is lost. */
  async ensureGroup(): Promise<void> {
    try {
      await this.client.sendCommand(['XGROUP', 'CREATE', this.stream, GROUP, '0', 'MKSTREAM']);
    } catch (err) {
      if (!(err instanceof Error && err.message.startsWith('BUSYGROUP'))) throw err;
    }
  }

  async read(
    consumer: string,
    opts: { count: number; blockMs: number; claimIdleMs: number },
  ): Promise<StreamEntry[]> {
    // Trimming rides on reading: only a process that consumes the stream needs to keep it short.
    if (Date.now() - this.lastTrim >= this.trimEveryMs) {
      this.lastTrim = Date.now();
      this.trim().catch((err: unknown) => {
        if (!this.closed) logger.warn({ err }, 'trimming the event stream failed');
      });
    }
    try {
      return await this.readOnce(consumer, opts);
    } catch (err) {
      // A Redis that restarted without its data has lost the group: make it again and go on.
      if (!isNoGroup(err)) throw err;
      await this.ensureGroup();
      return this.readOnce(consumer, opts);
    }
  }

  private async readOnce(
    consumer: string,
    { count, blockMs, claimIdleMs }: { count: number; blockMs: number; claimIdleMs: number },
  ): Promise<StreamEntry[]> {
    const from = this.replayFrom.has(consumer) ? this.replayFrom.get(consumer) : '0-0';
    if (from != null) {
      const own = await this.readGroup(this.client, consumer, ['COUNT', String(count)], from);
      this.replayFrom.set(consumer, own.at(-1)?.id ?? null);
      if (own.length > 0) return own;
    }
    const now = Date.now();
    if (now - (this.lastClaim.get(consumer) ?? 0) >= Math.min(CLAIM_EVERY_MS, claimIdleMs)) {
      this.lastClaim.set(consumer, now);
      const claimed = await this.claim(consumer, claimIdleMs, count);
      if (claimed.length > 0) return claimed;
    }
    return this.readGroup(this.blocking, consumer, ['COUNT', String(count), 'BLOCK', String(blockMs)], '>');
  }

  private async readGroup(client: RedisClient, consumer: string, options: string[], id: string) {
    const reply = await client.sendCommand<unknown>([
      'XREADGROUP',
      'GROUP',
      GROUP,
      consumer,
      ...options,
      'STREAMS',
      this.stream,
      id,
    ]);
    return toStreamEntries(entriesOfRead(reply));
  }

  /** One step of XAUTOCLAIM's walk over the pending list; the cursor wraps to the start when done. */
  private async claim(consumer: string, minIdleMs: number, count: number): Promise<StreamEntry[]> {
    const reply = await this.client.sendCommand<unknown>([
      'XAUTOCLAIM',
      this.stream,
      GROUP,
      consumer,
      String(minIdleMs),
      this.claimCursor,
      'COUNT',
      String(count),
    ]);
    if (!Array.isArray(reply)) return [];
    this.claimCursor = String(reply[0] ?? '0-0');
    return toStreamEntries(rawEntries(reply[1]));
  }

  /**
   * Drops what the group is done with, and nothing else: everything below the oldest pending entry,
   * or below the last delivered one when nothing is pending. Both are read in one MULTI, a consistent
   * snapshot (read apart, entries delivered in between could be cut). Entries delivered after the
   * snapshot have higher ids than the threshold, so they are safe too.
   */
  async trim(): Promise<void> {
    const [summary, groups] = await this.client
      .multi()
      .addCommand(['XPENDING', this.stream, GROUP])
      .addCommand(['XINFO', 'GROUPS', this.stream])
      .exec();
    const minId =
      Array.isArray(summary) && Number(summary[0]) > 0 && summary[1] != null
        ? String(summary[1])
        : lastDeliveredId(groups);
    // LIMIT 0: without it an approximate trim removes at most 10,000 entries a call, and a stream fed
    // faster than 1,000 events a second would grow without bound between trims.
    if (minId && minId !== '0-0')
      await this.client.sendCommand(['XTRIM', this.stream, 'MINID', '~', minId, 'LIMIT', '0']);
  }
}

/** The group's last-delivered-id out of an XINFO GROUPS reply (a list of [name, value, ...] lists). */
function lastDeliveredId(groups: unknown): string | undefined {
  if (!Array.isArray(groups)) return undefined;
  for (const g of groups) {
    if (fieldOf(g, 'name') === GROUP) return fieldOf(g, 'last-delivered-id');
  }
  return undefined;
}

/**
 * Appends to a capped log stream. "~" lets Redis trim whole nodes of the stream, which is cheap: the
 * log may run a little over its cap, never under it.
 */
export async function appendLogEntry(client: RedisClient, stream: string, body: string): Promise<string> {
  return client.xAdd(
    stream,
    '*',
    { body },
    { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: LOG_MAX_ENTRIES } },
  );
}

/** A log read newest first, strictly older than `before` when given (an exclusive "(id" end). */
export async function readLogEntries(
  client: RedisClient,
  stream: string,
  opts: { count: number; before?: string },
): Promise<{ id: string; body: string }[]> {
  assertValidLogRead(opts);
  // Nothing is older than 0-0, and Redis refuses "(0-0" as an end.
  if (opts.before === '0-0') return [];
  const end = opts.before === undefined ? '+' : `(${opts.before}`;
  const reply = await client.sendCommand<unknown>([
    'XREVRANGE',
    stream,
    end,
    '-',
    'COUNT',
    String(opts.count),
  ]);
  return rawEntries(reply).map(({ id, fields }) => ({ id, body: fieldOf(fields, 'body') ?? '' }));
}
