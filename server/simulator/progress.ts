import type { BackfillProgress } from './simulator';

/**
 * The console line that follows the demo's backfill: on a terminal one line rewritten in place, in a
 * log a plain line every few seconds; and a last line with the total and the time it took.
 *
 *   demo: playing the last 35 days … 41% (152,301 of 371,884 events, 28,400 events/s)
 *   demo: played the last 35 days: 371,884 events in 14.2 s (26,190 events/s)
 */

export interface ProgressLineOptions {
  /** Days of past (SIM_PAST_DAYS). */
  days: number;
  write?: (text: string) => void;
  /** Rewrite one line with \r (a terminal) instead of printing lines. */
  tty?: boolean;
  /** Between plain lines (default 5 s), and between rewrites on a terminal (default 0.2 s). */
  everyMs?: number;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

export function describeBackfill(days: number): string {
  return days > 1 ? `the last ${days} days` : 'yesterday and today';
}

/** The text of one progress report. */
export function progressText(days: number, p: BackfillProgress): string {
  const what = describeBackfill(days);
  const seconds = p.elapsedMs / 1000;
  const rate = `${count(seconds > 0 ? p.sent / seconds : 0)} events/s`;
  if (p.done) return `demo: played ${what}: ${count(p.sent)} events in ${seconds.toFixed(1)} s (${rate})`;
  const share = p.total ? ` ${Math.floor((100 * p.sent) / p.total)}%` : '';
  const of = p.total === null ? '' : ` of ${count(p.total)}`;
  return `demo: playing ${what} …${share} (${count(p.sent)}${of} events, ${rate})`;
}

/** A reporter for SimulatorOptions.onBackfillProgress. */
export function progressLine(options: ProgressLineOptions): (p: BackfillProgress) => void {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const tty = options.tty ?? process.stdout.isTTY === true;
  const everyMs = options.everyMs ?? (tty ? 200 : 5000);
  let last = -Infinity;
  let width = 0;
  return (p) => {
    if (!p.done && p.elapsedMs - last < everyMs) return;
    last = p.elapsedMs;
    const text = progressText(options.days, p);
    if (!tty) return write(`${text}\n`);
    // Pad over the longer line before it, then end the line once done.
    write(`\r${text.padEnd(width)}${p.done ? '\n' : ''}`);
    width = text.length;
  };
}
