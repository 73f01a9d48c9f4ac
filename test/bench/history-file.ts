import { createWriteStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createTimeline } from '../../server/simulator/timeline';
import { createWorld } from '../../server/simulator/world';
import type { IocEvent } from '../../shared/events';
import { DAY_MS } from '../../shared/time';

/**
 * A history file for the import bench: realistic events of one province from the simulator (the
 * demo's own timeline), oldest first, one JSON event per line, ending a minute before it was made
 * (past events: the real clock of the bench's server accepts them). Made once into test-results/ and
 * reused while it is young enough to be inside the retention window; its description sits beside it.
 */

export interface HistoryFile {
  path: string;
  events: number;
  bytes: number;
  /** Start of the simulated window (ISO), and the days from it to the last event. */
  from: string;
  days: number;
  /** The first and last `at` of the file (ISO): the first is older than `from` (task history). */
  earliest: string;
  to: string;
  /** dossier.received events in the file. */
  dossiers: number;
  province: string;
  seed: number;
  madeAt: string;
  /** How long making it took (0 when reused). */
  makeMs: number;
}

/** collect() accepts at most 62 days per window: the history is gathered in windows of this many. */
const WINDOW_DAYS = 30;
/** A file older than this is made again (its oldest events would near the 800 days of retention). */
const MAX_AGE_DAYS = 30;

/**
 * The simulated history of a province between two instants, window by window (oldest first), each
 * window's events in order of `at`. The first window also brings what happened before it that later
 * events build on: the receipts of dossiers still open, and the whole history of the tasks, as the
 * demo's backfill does; so every dossier's events come after its receipt.
 */
export function* simulatedHistory(
  province: string,
  seed: number,
  start: number,
  end: number,
): Generator<{ events: IocEvent[]; from: number; to: number }> {
  const timeline = createTimeline(createWorld(province, seed));
  for (let from = start; from < end; from += WINDOW_DAYS * DAY_MS) {
    const to = Math.min(end, from + WINDOW_DAYS * DAY_MS);
    const first = from === start;
    const timed = timeline.collect(from, to, { withCarriedOverReceipts: first, withTaskHistory: first });
    yield { events: timed.map((t) => t.event), from, to };
  }
}

export async function historyFile(opts: {
  path: string;
  events: number;
  province: string;
  seed: number;
  /** How far back the history starts; it must hold `events` before now. */
  days: number;
  log?: (msg: string) => void;
}): Promise<HistoryFile> {
  const meta = `${opts.path}.json`;
  if (existsSync(opts.path) && existsSync(meta)) {
    const known = JSON.parse(readFileSync(meta, 'utf8')) as HistoryFile;
    const young = Date.now() - Date.parse(known.madeAt) < MAX_AGE_DAYS * DAY_MS;
    if (young && known.events === opts.events && known.province === opts.province && known.seed === opts.seed)
      return { ...known, makeMs: 0 };
  }
  const t0 = performance.now();
  const end = Date.now() - 60_000;
  const start = end - opts.days * DAY_MS;
  const partial = `${opts.path}.part`;
  const out = createWriteStream(partial);
  let written = 0;
  let bytes = 0;
  let first = '';
  let last = '';
  let dossiers = 0;
  for (const { events, to } of simulatedHistory(opts.province, opts.seed, start, end)) {
    if (written >= opts.events) break;
    const lines: string[] = [];
    for (const event of events) {
      if (written >= opts.events) break;
      first ||= event.at;
      last = event.at;
      if (event.type === 'dossier.received') dossiers++;
      lines.push(JSON.stringify(event));
      written++;
    }
    const text = lines.join('\n') + '\n';
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
    opts.log?.(`history file: ${written.toLocaleString('en-US')} events up to ${new Date(to).toISOString()}`);
  }
  out.end();
  await once(out, 'finish');
  if (written < opts.events)
    throw new Error(`${opts.days} days of province ${opts.province} hold only ${written} events`);
  renameSync(partial, opts.path);
  const made: HistoryFile = {
    path: opts.path,
    events: written,
    bytes,
    from: new Date(start).toISOString(),
    days: (Date.parse(last) - start) / DAY_MS,
    earliest: first,
    to: last,
    dossiers,
    province: opts.province,
    seed: opts.seed,
    madeAt: new Date().toISOString(),
    makeMs: performance.now() - t0,
  };
  writeFileSync(meta, JSON.stringify(made, null, 2) + '\n');
  return made;
}
