import type { EventRules } from '../ingest/event-rules';
import type { RedisClient } from '../store/redis-stream';
import { checkLines, describeReject } from './import-check';
import { readChunks } from './import-lines';
import type { ImportMeter } from './import-meter';
import { int } from './import-meter';
import {
  checkResumePoint,
  NOTHING_YET,
  readProgress,
  writeProgress,
  type ImportProgress,
} from './import-progress';
import { RejectsFile } from './import-rejects';
import { appendChunk, compareIds, ensureGroup, oldestPending, readGroup } from './import-stream';

/**
 * The import loop: read a chunk of lines, validate it, XADD its good events as one pipeline, and once
 * Redis has acknowledged them record the chunk's end as the progress. Two chunks are in flight at
 * most: Node validates the next while Redis appends the last, and memory stays bounded.
 */

export interface ImportJob {
  client: RedisClient;
  /** `<prefix>events` */
  stream: string;
  file: string;
  size: number;
  progressKey: string;
  rules: EventRules;
  rejectsPath: string;
  linesPerChunk: number;
  maxLineBytes: number;
  /** Hold back while the group has more than this many entries not yet delivered. */
  maxLag: number;
  /** Set by Ctrl-C / SIGTERM: stop after the chunks in flight, progress saved. */
  stop: { requested: boolean };
  meter: (start: ImportProgress) => ImportMeter;
  /** The most rejected lines printed on stderr (all of them go to the rejects file). */
  printRejectsUpTo: number;
  /**
   * Test hook: after this many chunks of this run were acknowledged, kill the process (SIGKILL) before
   * their progress is written: the worst moment of a crash (the chunk is in the stream, the progress
   * does not say so). Never set outside tests.
   */
  crashAfterChunks?: number;
  clock?: () => number;
}

export type ImportOutcome =
  | { kind: 'already-imported'; progress: ImportProgress }
  | { kind: 'cannot-resume'; why: string }
  | {
      kind: 'finished' | 'interrupted';
      progress: ImportProgress;
      /** Where this run started (null: from the beginning). */
      resumedFrom: ImportProgress | null;
      /** Id of the last entry this run appended (for --wait). */
      lastId: string | null;
      seconds: number;
      eventsPerSec: number;
    };

/** How often the group's lag is read while loading (one small command; Redis is busy with XADDs). */
const LAG_EVERY_MS = 500;
/** While paused, how often to look again. */
const PAUSED_POLL_MS = 1_000;
/** A pause ends when the lag is back under this share of the limit, so it does not flap at the edge. */
const RESUME_SHARE = 0.8;

interface InFlight {
  acked: Promise<string[]>;
  /** The progress once this chunk is confirmed. */
  after: ImportProgress;
}

export async function runImport(job: ImportJob): Promise<ImportOutcome> {
  const clock = job.clock ?? Date.now;
  const saved = await readProgress(job.client, job.progressKey);
  if (saved?.done) return { kind: 'already-imported', progress: saved };
  if (saved) {
    const why = await checkResumePoint(job.file, saved.offset, job.size);
    if (why) return { kind: 'cannot-resume', why };
  }

  // The group is made as the server makes it, so that nothing appended before a server first starts
  // is skipped, and so that its lag can be read from the first chunk on.
  await ensureGroup(job.client, job.stream);
  const group = await readGroup(job.client, job.stream);

  let progress: ImportProgress = saved ?? { ...NOTHING_YET, startedAt: new Date(clock()).toISOString() };
  const rejects = RejectsFile.open(job.rejectsPath, progress.rejectsBytes);
  const meter = job.meter(progress);
  if (group?.consumers === 0) {
    meter.note(`note: no server has read ${job.stream} yet; the events wait there until one starts`);
  }
  if (saved) {
    meter.note(
      `resuming at line ${int(saved.line + 1)} (byte ${int(saved.offset)}): an earlier run loaded ` +
        `${int(saved.loaded)} events and rejected ${int(saved.rejected)} lines`,
    );
  }
  let printed = 0;
  let lastId: string | null = null;
  let chunksAcked = 0;
  let lastLagCheck = 0;
  let lastLag = 0;
  let appendedSinceCheck = 0;
  const inFlight: InFlight[] = [];
  let lastWrite: Promise<void> = Promise.resolve();

  /** Waits for the oldest chunk in flight, then records it as done. */
  const settleOldest = async () => {
    const chunk = inFlight.shift();
    if (!chunk) return;
    const ids = await chunk.acked;
    lastId = ids.at(-1) ?? lastId;
    chunksAcked++;
    if (job.crashAfterChunks !== undefined && chunksAcked >= job.crashAfterChunks) {
      // The chunks before it are recorded (their writes are not awaited on the way): the test then
      // knows exactly where the progress stands, whatever the machine's load.
      await lastWrite;
      process.kill(process.pid, 'SIGKILL');
      await new Promise(() => {}); // the signal lands before anything else runs
    }
    // Not awaited: the next chunk is validated meanwhile. Commands on one connection run in order, so
    // each progress write lands after the XADDs it speaks for, and a failed one fails the next settle.
    const written = writeProgress(job.client, job.progressKey, chunk.after, job.file);
    written.catch(() => {});
    await lastWrite;
    lastWrite = written;
    progress = chunk.after;
    meter.update(meterState(progress), clock());
  };
  const settleAll = async () => {
    while (inFlight.length) await settleOldest();
    await lastWrite;
  };

  /**
   * Holds back while the aggregators are too far behind; says so on the progress line. The lag is read
   * every LAG_EVERY_MS, and at once when what was read plus what was appended since could pass the limit:
   * the stream never runs more than a chunk or two over it.
   */
  const admit = async () => {
    if (clock() - lastLagCheck < LAG_EVERY_MS && lastLag + appendedSinceCheck <= job.maxLag) return;
    lastLagCheck = clock();
    appendedSinceCheck = 0;
    let group = await readGroup(job.client, job.stream);
    lastLag = group?.lag ?? 0;
    if (!group || group.lag <= job.maxLag) return;
    // Everything sent is confirmed first, so the progress is current for as long as the pause lasts.
    await settleAll();
    const pausedAt = clock();
    while (group && group.lag > job.maxLag * RESUME_SHARE && !job.stop.requested) {
      const why =
        `the aggregator is ${int(group.lag)} entries behind (limit ${int(job.maxLag)})` +
        (group.consumers === 0 ? ': no server has read this stream yet, is one running?' : '; waiting');
      meter.update({ ...meterState(progress), paused: why }, clock());
      await sleep(PAUSED_POLL_MS);
      group = await readGroup(job.client, job.stream);
    }
    lastLag = group?.lag ?? 0;
    meter.update(meterState(progress), clock());
    if (!job.stop.requested) {
      const seconds = ((clock() - pausedAt) / 1000).toFixed(1);
      meter.note(`held back ${seconds} s; going on with the aggregator ${int(lastLag)} entries behind`);
    }
  };

  const resumedFrom = saved;
  try {
    let totals = progress;
    for await (const chunk of readChunks(job.file, {
      from: progress.offset,
      firstLine: progress.line + 1,
      linesPerChunk: job.linesPerChunk,
      maxLineBytes: job.maxLineBytes,
    })) {
      if (job.stop.requested) break;
      await admit();
      if (job.stop.requested) break;
      const checked = checkLines(chunk.lines, job.rules, clock());
      for (const r of checked.rejects) {
        if (printed < job.printRejectsUpTo) meter.note(describeReject(r));
        else if (printed === job.printRejectsUpTo)
          meter.note(`… more rejected lines: every one is in ${job.rejectsPath}`);
        printed++;
      }
      rejects.append(checked.rejects);
      totals = {
        ...totals,
        offset: chunk.end,
        line: chunk.lastLine,
        loaded: totals.loaded + checked.payloads.length,
        rejected: totals.rejected + checked.rejects.length,
        blank: totals.blank + checked.blank,
        rejectsBytes: rejects.bytes,
      };
      const acked = appendChunk(job.client, job.stream, checked.payloads);
      appendedSinceCheck += checked.payloads.length;
      acked.catch(() => {}); // awaited in order by settleOldest; a failure must not go unhandled meanwhile
      inFlight.push({ acked, after: totals });
      if (inFlight.length >= 2) await settleOldest();
    }
    await settleAll();
  } finally {
    rejects.close();
    inFlight.length = 0;
  }

  const now = clock();
  const interrupted = job.stop.requested && progress.offset < job.size;
  if (!interrupted) {
    progress = { ...progress, done: true, doneAt: new Date(now).toISOString() };
    await writeProgress(job.client, job.progressKey, progress, job.file);
    if (progress.rejected === 0) RejectsFile.open(job.rejectsPath, 0); // no rejects file for a clean file
  }
  meter.update(meterState(progress), now);
  meter.end();
  return {
    kind: interrupted ? 'interrupted' : 'finished',
    progress,
    resumedFrom,
    lastId,
    seconds: meter.seconds(now),
    eventsPerSec: meter.rate(now),
  };
}

const meterState = (p: ImportProgress) => ({
  bytes: p.offset,
  line: p.line,
  loaded: p.loaded,
  rejected: p.rejected,
  paused: null,
});

/**
 * --wait: until the group has delivered every entry up to `lastId` and none of them is still pending,
 * i.e. the aggregators have counted everything this run appended (whatever else arrives meanwhile).
 */
export async function waitForAggregator(
  client: RedisClient,
  stream: string,
  lastId: string,
  stop: { requested: boolean },
  say: (text: string) => void,
): Promise<boolean> {
  let lastSaid = 0;
  while (!stop.requested) {
    const group = await readGroup(client, stream);
    const delivered = group !== null && compareIds(group.lastDelivered, lastId) >= 0;
    const pending = delivered ? await oldestPending(client, stream) : null;
    if (delivered && (pending === null || compareIds(pending, lastId) > 0)) return true;
    if (Date.now() - lastSaid >= 2_000) {
      lastSaid = Date.now();
      say(
        group
          ? `waiting for the aggregator: ${int(group.lag)} entries not yet read, ${int(group.pending)} being counted` +
              (group.consumers === 0 ? ' (no server has read this stream yet)' : '')
          : 'waiting for the aggregator: no consumer group on the stream yet',
      );
    }
    await sleep(250);
  }
  return false;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
