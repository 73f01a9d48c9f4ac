import { closeSync, existsSync, openSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import type { RejectedLine } from './import-check';

/**
 * The rejects file (`<file>.rejects.ndjson`): one JSON object per refused line,
 * `{"line":n,"errors":[{field,message}],"raw":"<the line>"}`, so the lines can be fixed and imported
 * on their own. A resumed import first cuts the file back to the size recorded with the progress: what
 * the interrupted run wrote for chunks it never confirmed is written again, once.
 */
export class RejectsFile {
  #fd: number | null = null;
  #bytes: number;

  private constructor(
    readonly path: string,
    bytes: number,
  ) {
    this.#bytes = bytes;
  }

  /** A fresh import starts with no rejects file; a resumed one keeps its first `keepBytes`. */
  static open(path: string, keepBytes: number): RejectsFile {
    if (keepBytes === 0) {
      if (existsSync(path)) unlinkSync(path);
      return new RejectsFile(path, 0);
    }
    const size = existsSync(path) ? statSync(path).size : 0;
    if (size > keepBytes) truncateSync(path, keepBytes);
    // A file removed or shortened by hand since: go on from what is there.
    return new RejectsFile(path, Math.min(size, keepBytes));
  }

  /** Bytes written so far (what the progress records). */
  get bytes(): number {
    return this.#bytes;
  }

  /** Synchronous: the lines are on disk before the chunk's progress is written to Redis. */
  append(rejects: readonly RejectedLine[]): void {
    if (rejects.length === 0) return;
    this.#fd ??= openSync(this.path, 'a');
    const text = rejects.map((r) => JSON.stringify(r)).join('\n') + '\n';
    writeFileSync(this.#fd, text);
    this.#bytes += Buffer.byteLength(text);
  }

  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }
}
