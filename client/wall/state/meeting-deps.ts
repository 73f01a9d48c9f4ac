import type { WallSocket } from '../../lib/net/connection.svelte';

export const ACK_TIMEOUT_MS = 10_000;
/** A refused or unanswered join is asked again this often (jittered): the meeting may not exist yet. */
export const JOIN_RETRY_MS = 10_000;
/**
 * The clock is first measured as the page connects, while it is busiest drawing (a slow answer makes a
 * poor offset, and the page's own resync waits a minute): a follower measures again once settled.
 */
export const RESYNC_AFTER_JOIN_MS = [3_000, 10_000];

/** What the follower needs of the wall's socket. */
export type FollowerSocket = Pick<WallSocket, 'on' | 'off' | 'emit' | 'timeout' | 'connected'>;

export interface FollowerDeps {
  socket: FollowerSocket;
  /** Server time now, epoch ms (the page's measured server clock). */
  now(): number;
  /** The meeting code from `?meeting=`; null: this wall follows no meeting and the follower stays idle. */
  code: string | null;
  /** What this bridge point calls itself (`?point=`); the server names it otherwise. */
  name?: string | null;
  /** Measures the offset to the server clock again (the page's clock). */
  resync?: () => void;
  /** Where the delegates count survives a reload. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  random?: () => number;
}

export type FollowerStatus = 'off' | 'joining' | 'following' | 'refused' | 'ended';
