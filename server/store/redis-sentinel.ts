import { createClient } from 'redis';
import { logFor } from '../observe/logger';

const logger = logFor('store');

/** A Redis or Sentinel address. */
export interface RedisNode {
  host: string;
  port: number;
}

/** "host:port", with an IPv6 host in brackets. */
export const nodeName = (n: RedisNode): string =>
  n.host.includes(':') ? `[${n.host}]:${n.port}` : `${n.host}:${n.port}`;

const sameNode = (a: RedisNode, b: RedisNode) => a.host === b.host && a.port === b.port;

/** The sentinels are asked anyway this often, should a +switch-master message be missed. */
const CHECK_EVERY_MS = 5_000;
/** While connections fail, the sentinels are asked at most this often (however many connections fail). */
const RECHECK_GAP_MS = 250;
/** A sentinel that neither connects nor answers within this is passed over for the next one. */
const ASK_TIMEOUT_MS = 1_000;

type Answer = { primary: RedisNode } | { problem: string };

/** One sentinel's word on the primary of `name`, on a connection of its own that is closed at once. */
async function askOne(sentinel: RedisNode, name: string): Promise<Answer> {
  const conn = createClient({
    socket: {
      host: sentinel.host,
      port: sentinel.port,
      connectTimeout: ASK_TIMEOUT_MS,
      reconnectStrategy: false,
    },
    disableOfflineQueue: true,
  });
  conn.on('error', () => {}); // the failure is what connect() or the command rejects with
  let timer: NodeJS.Timeout | undefined;
  try {
    const reply = await Promise.race([
      conn.connect().then(() => conn.sendCommand<unknown>(['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name])),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ASK_TIMEOUT_MS} ms`)), ASK_TIMEOUT_MS);
      }),
    ]);
    if (!Array.isArray(reply) || reply.length < 2) return { problem: `knows no primary named "${name}"` };
    return { primary: { host: String(reply[0]), port: Number(reply[1]) } };
  } catch (err) {
    return { problem: (err as Error).message };
  } finally {
    clearTimeout(timer);
    if (conn.isOpen) conn.destroy();
  }
}

/** The primary as the first sentinel that answers tells it; an Error naming every sentinel's problem otherwise. */
export async function askSentinels(sentinels: readonly RedisNode[], name: string): Promise<RedisNode> {
  const problems: string[] = [];
  for (const sentinel of sentinels) {
    const answer = await askOne(sentinel, name);
    if ('primary' in answer) return answer.primary;
    problems.push(`${nodeName(sentinel)}: ${answer.problem}`);
  }
  throw new Error(`no sentinel named the primary of "${name}" (${problems.join('; ')})`);
}

/**
 * Knows where the primary of one Sentinel group is, and tells its followers when it moves. It hears of
 * a failover three ways: a `+switch-master` message from any sentinel (at once), a follower whose
 * connection fails (it asks the sentinels again), and a question every few seconds (in case both of
 * those were missed, e.g. a primary demoted without its connections breaking).
 */
export class PrimaryWatch {
  private readonly followers = new Set<(primary: RedisNode) => void>();
  private readonly subscribers: ReturnType<typeof createClient>[] = [];
  private readonly timer: NodeJS.Timeout;
  private pending: NodeJS.Timeout | null = null;
  private asking: Promise<void> | null = null;
  private lastAsk = 0;
  private holders = 0;
  private unanswered = false;
  private closed = false;

  private constructor(
    private readonly sentinels: readonly RedisNode[],
    private readonly name: string,
    public primary: RedisNode,
  ) {
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS).unref();
    for (const sentinel of sentinels) this.subscribe(sentinel);
  }

  /** Asks the sentinels where the primary is; rejects (naming each sentinel's problem) when none can say. */
  static async start(sentinels: readonly RedisNode[], name: string): Promise<PrimaryWatch> {
    return new PrimaryWatch(sentinels, name, await askSentinels(sentinels, name));
  }

  /** Calls `onMove` with the new primary whenever it moves; the returned function stops that. */
  follow(onMove: (primary: RedisNode) => void): () => void {
    this.followers.add(onMove);
    return () => this.followers.delete(onMove);
  }

  /** One more connection uses the watch; the release closes the watch once none does. */
  hold(): () => void {
    this.holders += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holders === 0) this.close();
    };
  }

  /** A connection failed: ask the sentinels soon (at most every RECHECK_GAP_MS, however many fail). */
  recheck(): void {
    if (this.closed || this.pending || this.asking) return;
    const wait = Math.max(0, this.lastAsk + RECHECK_GAP_MS - Date.now());
    this.pending = setTimeout(() => {
      this.pending = null;
      void this.check();
    }, wait).unref();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    if (this.pending) clearTimeout(this.pending);
    for (const sub of this.subscribers) if (sub.isOpen) sub.destroy();
    this.followers.clear();
  }

  private check(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.asking ??= (async () => {
      this.lastAsk = Date.now();
      try {
        this.moveTo(await askSentinels(this.sentinels, this.name));
        this.unanswered = false;
      } catch (err) {
        // The followers keep their primary: their connections say whether it still answers. Said once,
        // not at every question while the sentinels stay away.
        if (!this.unanswered) logger.warn({ err }, 'no sentinel answered');
        this.unanswered = true;
      } finally {
        this.asking = null;
      }
    })();
    return this.asking;
  }

  /** `+switch-master <name> <old host> <old port> <new host> <new port>`, published by every sentinel. */
  private subscribe(sentinel: RedisNode): void {
    const sub = createClient({ socket: { host: sentinel.host, port: sentinel.port } });
    let down = false;
    sub.on('error', (err: Error) => {
      if (down) return;
      down = true;
      logger.warn({ sentinel: nodeName(sentinel), err }, 'lost the sentinel; reconnecting');
    });
    sub.on('ready', () => (down = false));
    this.subscribers.push(sub);
    // node-redis subscribes again by itself after a reconnection.
    sub
      .connect()
      .then(() =>
        sub.subscribe('+switch-master', (message) => {
          const [name, , , host, port] = message.split(' ');
          if (name === this.name && host && port) this.moveTo({ host, port: Number(port) });
        }),
      )
      .catch(() => {}); // closed before it connected
  }

  private moveTo(primary: RedisNode): void {
    if (this.closed || sameNode(primary, this.primary)) return;
    logger.warn(
      { from: nodeName(this.primary), to: nodeName(primary), group: this.name },
      'the Redis primary moved',
    );
    this.primary = primary;
    for (const onMove of this.followers) onMove(primary);
  }
}
