import { createReadStream } from 'node:fs';

/**
 * Reads an NDJSON file as chunks of lines, streaming (never the whole file in memory), and says where
 * each chunk ends in bytes, so an import can record exactly how far it got and resume from there.
 * readline cannot do that: it hides the line breaks (\n or \r\n) and so the byte offsets.
 */

/** One line of the file: its number (from 1) and its text, without the line break. */
export interface Line {
  n: number;
  text: string;
}

export interface LineChunk {
  lines: Line[];
  /** Byte offset just after the last line's break: where the next chunk starts. */
  end: number;
  /** Number of the last line of the chunk. */
  lastLine: number;
}

export interface ReadChunksOptions {
  /** Byte offset to start at: 0, or the `end` of a chunk read before. */
  from: number;
  /** Number of the first line read (1, or the `lastLine` of that chunk + 1). */
  firstLine: number;
  linesPerChunk: number;
  /** A line longer than this is not kept: it comes back as a line of `tooLong` (its head only). */
  maxLineBytes: number;
}

/** What a line over the size limit reads as: a short head, flagged so the validation rejects it. */
export interface TooLongLine extends Line {
  tooLong: true;
}

export const isTooLong = (line: Line): line is TooLongLine => (line as TooLongLine).tooLong === true;

const NEWLINE = 0x0a;
const CR = '\r';
/** A UTF-8 byte order mark, which some Windows tools write at the start of a file. */
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** How much of an over-long line is kept for the rejects file. */
const HEAD_CHARS = 200;
const READ_BYTES = 1 << 20;

const decode = (buf: Buffer, start: number, end: number): string => {
  const text = buf.toString('utf8', start, end);
  return text.endsWith(CR) ? text.slice(0, -1) : text;
};

export async function* readChunks(path: string, opts: ReadChunksOptions): AsyncGenerator<LineChunk> {
  let lines: Line[] = [];
  let n = opts.firstLine;
  /** File offset of the first byte of the current read. */
  let offset = opts.from;
  /** Bytes of the current line that came in earlier reads (a line may span reads). */
  let carry: Buffer[] = [];
  let carryBytes = 0;
  /** The head of the current line once it has grown past the limit (the rest is skipped). */
  let overlong: string | null = null;

  const finishLine = (buf: Buffer, start: number, end: number) => {
    if (overlong === null && carryBytes + (end - start) > opts.maxLineBytes) overlong = head(buf, start, end);
    if (overlong !== null) {
      const line: TooLongLine = { n, text: overlong, tooLong: true };
      lines.push(line);
    } else if (carryBytes === 0) {
      lines.push({ n, text: decode(buf, start, end) });
    } else {
      const whole = Buffer.concat([...carry, buf.subarray(start, end)]);
      lines.push({ n, text: decode(whole, 0, whole.length) });
    }
    n++;
    carry = [];
    carryBytes = 0;
    overlong = null;
  };
  const head = (buf: Buffer, start: number, end: number) =>
    Buffer.concat([...carry, buf.subarray(start, Math.min(end, start + HEAD_CHARS * 4))])
      .toString('utf8')
      .slice(0, HEAD_CHARS);

  for await (const data of createReadStream(path, { start: opts.from, highWaterMark: READ_BYTES })) {
    const buf = data as Buffer;
    let pos = 0;
    if (offset === 0 && buf.subarray(0, BOM.length).equals(BOM)) pos = BOM.length;
    for (;;) {
      const nl = buf.indexOf(NEWLINE, pos);
      if (nl < 0) break;
      finishLine(buf, pos, nl);
      pos = nl + 1;
      if (lines.length >= opts.linesPerChunk) {
        yield { lines, end: offset + pos, lastLine: n - 1 };
        lines = [];
      }
    }
    // The rest of this read belongs to a line that ends in a later one.
    if (pos < buf.length) {
      if (overlong === null && carryBytes + buf.length - pos > opts.maxLineBytes) {
        overlong = head(buf, pos, buf.length);
        carry = [];
      }
      // Copied: the stream may reuse its buffer. Past the limit nothing more is kept.
      if (overlong === null) carry.push(Buffer.from(buf.subarray(pos)));
      carryBytes += buf.length - pos;
    }
    offset += buf.length;
  }
  // A last line without a final line break is a line too.
  if (carryBytes > 0) {
    const rest = carry;
    carry = [];
    const whole = Buffer.concat(rest);
    carryBytes = 0;
    finishLine(whole, 0, whole.length);
  }
  if (lines.length > 0) yield { lines, end: offset, lastLine: n - 1 };
}
