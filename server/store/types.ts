import type { IocEvent, Source } from '../../shared/events';
import type { Scope } from '../../shared/scope';
import type { LexReads } from './lex';
import type { Limiter, LimiterOptions } from './limiter';

/**
 * The one storage interface, with two implementations: in-memory (the embedded default) and Redis.
 *
 * It knows nothing of dossiers or KPIs. The aggregator gives it meaning: records are entity states
 * (a dossier, a task) that carry the ids of the events already applied (the dedup mark); hashes are
 * counters; sorted sets hold open items by due time. `commit` applies all of it in one atomic step,
 * guarded by record versions, so a replay, a retry or a second consumer can never count twice.
 */
export interface Store extends LexReads {
  readonly kind: 'memory' | 'redis';

  // ---- the event stream (ingest writes, the aggregator reads through a consumer group) ----
  /**
   * Appends a validated batch to the event stream, all or nothing, in entries of up to EVENTS_PER_ENTRY
   * events (entry-pack.ts). Returns, per event, the id of the entry that holds it.
   */
  append(events: readonly IocEvent[]): Promise<string[]>;
  /**
   * Entries for this consumer: first its own unacknowledged ones (after a crash), then entries left
   * pending by a dead consumer for longer than `claimIdleMs`, then new ones, waiting up to `blockMs`.
   */
  read(
    consumer: string,
    opts: { count: number; blockMs: number; claimIdleMs: number },
  ): Promise<StreamEntry[]>;
  /**
   * Forgets the group's consumers, other than `self`, idle for more than `idleMs` with nothing pending
   * (a dead process's entries are claimed by the living first, see `read`). Returns their names.
   */
  removeIdleConsumers(self: string, idleMs: number): Promise<string[]>;
  /**
   * Parks rejects in the dead-letter stream, each with its reason (`entry.raw`: the rejected event, or
   * the whole entry when it could not be read), and acknowledges their entries, but for those in
   * `stillPending`: entries that also hold good events, acknowledged by the commit that counts them.
   */
  deadLetter(
    rejects: readonly { entry: StreamEntry; reason: string }[],
    stillPending?: ReadonlySet<string>,
  ): Promise<void>;
  /**
   * The event stream's length and the consumer group's lag (entries appended and not yet delivered;
   * null when Redis cannot say), for the metrics and the readiness check.
   */
  streamStats?(): Promise<{ length: number; lag: number | null }>;
  /** The dead-letter stream, oldest first (for operators and tests). */
  readDeadLetters(count: number): Promise<{ id: string; raw: string; reason: string }[]>;

  // ---- state ----
  /** Current versions and bodies of records; absent keys are missing from the map (version 0). */
  loadRecords(keys: readonly string[]): Promise<Map<string, VersionedRecord>>;
  /**
   * Applies a commit atomically: every record's version must still be `expect`, else nothing is applied
   * and it returns false (the caller reloads and recomputes). On success the entries in `ack` are
   * acknowledged in the same step, and a change notice goes to every subscriber of `subscribeChanges`.
   */
  commit(c: Commit): Promise<boolean>;

  // ---- reads ----
  /** Counter hashes, one object per key (an absent hash reads as {}). */
  readHashes(keys: readonly string[]): Promise<Record<string, number>[]>;
  /** For each sorted set: its size, and how many members score strictly below `below`. */
  countSets(queries: readonly { key: string; below: number }[]): Promise<{ total: number; below: number }[]>;
  /** Last word heard from each source, epoch ms. */
  readSources(): Promise<Partial<Record<Source, number>>>;
  /** Per source, the earliest `at` of any of its events ever committed (epoch ms): where its data begins. */
  readEarliest(): Promise<Partial<Record<Source, number>>>;
  /** Every scope that has ever been touched by a commit. */
  knownScopes(): Promise<Scope[]>;
  /**
   * Write-once values (e.g. a day's end-of-day snapshot, a sign-in session): sets the key only if absent;
   * returns what is stored afterwards. With `ttlMs` the value is forgotten that long after (real time).
   */
  putOnce(key: string, value: string, opts?: { ttlMs?: number }): Promise<string>;
  getValue(key: string): Promise<string | null>;
  /** Forgets whole keys (counter hashes, sorted sets, values) for retention; absent keys are ignored. */
  deleteKeys(keys: readonly string[]): Promise<void>;

  /**
   * Forgets records listed in the sorted set `index` with a score below `below` (at most `limit` of
   * them, lowest first): their bodies, versions and index entries, in one atomic step. Returns how many.
   * A commit that loaded one of them before finds its version gone and folds again from nothing.
   */
  dropRecords(index: string, below: number, limit: number): Promise<number>;

  /** Members of a sorted set scoring strictly below `below`, lowest score first, at most `limit`. */
  rangeBelow(key: string, below: number, limit: number): Promise<string[]>;

  // ---- logs (the audit log): capped, append-only, read newest first ----
  /** Appends an entry; returns its id (a stream id, "<ms>-<n>", increasing). */
  appendLog(log: LogName, body: string): Promise<string>;
  /** Entries newest first, at most `count`, strictly older than the id `before` when given. */
  readLog(log: LogName, opts: { count: number; before?: string }): Promise<{ id: string; body: string }[]>;

  // ---- shared counters for rate limits and sign-in lock-outs (limiter.ts) ----
  /** A fixed-window limiter; on Redis every process counts in the same window. */
  limiter(opts: LimiterOptions): Limiter;

  // ---- change feed (every server process hears every commit) ----
  subscribeChanges(listener: (change: ChangeNotice) => void): () => void;

  /** Releases connections and timers. */
  close(): Promise<void>;
}

/** The dead-letter stream keeps at most this many rejected entries (the newest). */
export const DEAD_LETTERS_KEPT = 100_000;

/** The logs a store keeps, each capped at LOG_MAX_ENTRIES (oldest dropped first). */
export type LogName = 'audit';
export const LOG_MAX_ENTRIES = 100_000;

export interface StreamEntry {
  /** Stream entry id, e.g. "1732345678901-0". */
  id: string;
  /**
   * The event as the writer put it: a JSON string (field `event` of the stream entry); when `packed`,
   * a JSON array of events (field `events`, entry-pack.ts).
   */
  raw: string;
  packed?: true;
}

export interface VersionedRecord {
  version: number;
  body: string;
}

export interface Commit {
  /** Records to write; `expect` is the version read (0 when it was absent); the new version is expect + 1. */
  records: { key: string; expect: number; body: string }[];
  /** Counter increments: hash key -> field -> amount (may be negative). */
  hashes: Map<string, Map<string, number>>;
  /** Sorted-set changes: members to add (or re-score) and to remove. */
  zsets: Map<string, { add: Map<string, number>; remove: Set<string> }>;
  /** Latest word from each source; stored as the max of what was there. */
  sources: Partial<Record<Source, number>>;
  /** Per source, the earliest `at` among the commit's events; stored as the min of what was there. */
  earliest: Partial<Record<Source, number>>;
  /** Scopes whose numbers may have changed; published on the change feed and added to known scopes. */
  scopes: Scope[];
  /** Stream entries this commit accounts for; acknowledged in the same atomic step. */
  ack: string[];
}

export interface ChangeNotice {
  scopes: Scope[];
  sources: Partial<Record<Source, number>>;
}

export const emptyCommit = (): Commit => ({
  records: [],
  hashes: new Map(),
  zsets: new Map(),
  sources: {},
  earliest: {},
  scopes: [],
  ack: [],
});
