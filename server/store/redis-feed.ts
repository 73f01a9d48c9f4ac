import { setTimeout as sleep } from 'node:timers/promises';
import { entriesOfRead, fieldOf, rawEntries, type RedisClient } from './redis-stream';
import type { ChangeNotice } from './types';
import { logFor } from '../observe/logger';

const logger = logFor('store');

const MAX_BACKOFF_MS = 5_000;

/**
 * The change feed of one store: a loop of blocking XREADs on the changes stream, on a connection of
 * its own, handing every notice to every listener. Every process sharing the prefix runs one, so every
 * process hears every commit, its own included.
 */
export class ChangeFeed {
  private readonly listeners = new Set<(change: ChangeNotice) => void>();
  private readonly stopping = new AbortController();
  private lastId = '0-0';
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly conn: RedisClient,
    private readonly key: string,
  ) {}

  /** Starts from the newest notice in Redis now: what was committed before we came is not news. */
  async start(): Promise<void> {
    const newest = await this.conn.sendCommand<unknown>(['XREVRANGE', this.key, '+', '-', 'COUNT', '1']);
    this.lastId = rawEntries(newest)[0]?.id ?? '0-0';
    this.running = this.loop();
  }

  subscribe(listener: (change: ChangeNotice) => void): () => void {
    // Wrapped so that one listener subscribed twice is two subscriptions.
    const wrapped = (change: ChangeNotice) => listener(change);
    this.listeners.add(wrapped);
    return () => this.listeners.delete(wrapped);
  }

  /** Stops the loop; dropping the connection is what frees a pending blocking XREAD at once. */
  async close(): Promise<void> {
    this.stopping.abort();
    this.listeners.clear();
    if (this.conn.isOpen) this.conn.destroy();
    await this.running;
  }

  private async loop(): Promise<void> {
    let backoff = 0;
    while (!this.stopping.signal.aborted) {
      try {
        const reply = await this.conn.sendCommand<unknown>([
          'XREAD',
          'COUNT',
          '1000',
          'BLOCK',
          '5000',
          'STREAMS',
          this.key,
          this.lastId,
        ]);
        backoff = 0;
        for (const { id, fields } of entriesOfRead(reply)) {
          this.lastId = id;
          const notice = parseNotice(fieldOf(fields, 'n'));
          if (notice) this.emit(notice);
        }
      } catch (err) {
        if (this.stopping.signal.aborted) return;
        // Redis went away (node-redis reconnects by itself): say so once, then retry from the last id seen.
        if (backoff === 0) logger.warn({ err }, 'change feed interrupted, retrying');
        backoff = Math.min(backoff === 0 ? 100 : backoff * 2, MAX_BACKOFF_MS);
        await sleep(backoff, undefined, { signal: this.stopping.signal }).catch(() => {});
      }
    }
  }

  private emit(notice: ChangeNotice): void {
    for (const listener of this.listeners) {
      try {
        listener(notice);
      } catch (err) {
        logger.warn({ err }, 'a change listener threw');
      }
    }
  }
}

function parseNotice(json: string | undefined): ChangeNotice | null {
  if (json === undefined) return null;
  try {
    const n = JSON.parse(json) as Partial<ChangeNotice>;
    if (!Array.isArray(n.scopes) || typeof n.sources !== 'object' || n.sources === null) return null;
    return { scopes: n.scopes, sources: n.sources };
  } catch {
    logger.warn('ignoring a change notice that is not JSON');
    return null;
  }
}
