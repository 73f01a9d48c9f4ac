import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { RedisClient } from '../store/redis-stream';

/**
 * How far an import of one file has got, kept in Redis beside the stream it feeds, so that whoever runs
 * the import again (after Ctrl-C, kill -9, a crash of the machine) resumes after the last chunk Redis
 * confirmed, and a finished import is never appended again. It is written only after the chunk's
 * XADDs were acknowledged: it may lag behind the stream (then a resume appends a chunk twice, which the
 * aggregator's per-record dedup marks count once), never run ahead of it (which would lose events).
 */

export interface ImportProgress {
  /** Byte offset just after the last line of the last confirmed chunk. */
  offset: number;
  /** Number of that line. */
  line: number;
  loaded: number;
  rejected: number;
  blank: number;
  /** Size of the rejects file up to that chunk: a resume cuts off what a lost chunk wrote after it. */
  rejectsBytes: number;
  done: boolean;
  /** When the import began and, once done, when it ended (ISO). */
  startedAt: string;
  doneAt: string | null;
}

export const NOTHING_YET: Omit<ImportProgress, 'startedAt'> = {
  offset: 0,
  line: 0,
  loaded: 0,
  rejected: 0,
  blank: 0,
  rejectsBytes: 0,
  done: false,
  doneAt: null,
};

/** The file is known by its first MB and its size: cheap to compute for a file of any size. */
const IDENTITY_BYTES = 1 << 20;

/** sha256 of the file's first MB and its size, in hex. */
export async function fileIdentity(path: string): Promise<{ id: string; size: number }> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, IDENTITY_BYTES));
    await file.read(head, 0, head.length, 0);
    const id = createHash('sha256').update(head).update(`\n${size}`).digest('hex');
    return { id, size };
  } finally {
    await file.close();
  }
}

export const progressKey = (prefix: string, fileId: string): string => `${prefix}import:${fileId}`;

export async function readProgress(client: RedisClient, key: string): Promise<ImportProgress | null> {
  const h = await client.hGetAll(key);
  if (h.offset === undefined) return null;
  const num = (v: string | undefined) => Number(v ?? 0);
  return {
    offset: num(h.offset),
    line: num(h.line),
    loaded: num(h.loaded),
    rejected: num(h.rejected),
    blank: num(h.blank),
    rejectsBytes: num(h.rejectsBytes),
    done: h.done === '1',
    startedAt: h.startedAt ?? '',
    doneAt: h.doneAt ?? null,
  };
}

export async function writeProgress(
  client: RedisClient,
  key: string,
  p: ImportProgress,
  file: string,
): Promise<void> {
  await client.hSet(key, {
    file,
    offset: p.offset,
    line: p.line,
    loaded: p.loaded,
    rejected: p.rejected,
    blank: p.blank,
    rejectsBytes: p.rejectsBytes,
    done: p.done ? '1' : '0',
    startedAt: p.startedAt,
    ...(p.doneAt ? { doneAt: p.doneAt } : {}),
    updatedAt: new Date().toISOString(),
  });
}

/**
 * A resume point must be the start of a line of this file: a file edited in place with the same first
 * MB and size would otherwise be read from the middle of a line. Returns why not, or null when fine.
 */
export async function checkResumePoint(path: string, offset: number, size: number): Promise<string | null> {
  if (offset === 0 || offset === size) return null;
  if (offset > size) return `the saved position (byte ${offset}) is past the end of the file (${size} bytes)`;
  const file = await open(path, 'r');
  try {
    const before = Buffer.alloc(1);
    await file.read(before, 0, 1, offset - 1);
    return before[0] === 0x0a ? null : `the saved position (byte ${offset}) is not at the start of a line`;
  } finally {
    await file.close();
  }
}
