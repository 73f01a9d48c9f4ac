import { validateEvents } from '../../shared/events';
import { ruleProblems, type EventRules } from '../ingest/event-rules';
import { isTooLong, type Line } from './import-lines';

/**
 * The importer's validation: each line is held to exactly what POST /api/v1/events demands of an event
 * (the schema of shared/events.ts, then the province and clock rules of event-rules.ts), one line at a
 * time, so one bad line is reported and skipped instead of taking its neighbours down with it.
 */

export interface LineProblem {
  /** The field at fault, as the ingest API names it ('' when the line as a whole is at fault). */
  field: string;
  message: string;
}

/** A refused line, as written to the rejects file. */
export interface RejectedLine {
  line: number;
  errors: LineProblem[];
  raw: string;
}

export interface CheckedChunk {
  /** The good events, serialised as ingest stores them (JSON.stringify of the parsed event). */
  payloads: string[];
  rejects: RejectedLine[];
  /** Empty or blank lines: skipped, neither loaded nor rejected (a file often ends with one). */
  blank: number;
}

export function checkLines(lines: readonly Line[], rules: EventRules, now: number): CheckedChunk {
  const out: CheckedChunk = { payloads: [], rejects: [], blank: 0 };
  for (const line of lines) {
    const problems = checkLine(line, rules, now, out.payloads);
    if (problems === 'blank') out.blank++;
    else if (problems.length > 0) out.rejects.push({ line: line.n, errors: problems, raw: line.text });
  }
  return out;
}

/** Pushes the line's event to `payloads` when it is good; else returns what is wrong with it. */
function checkLine(line: Line, rules: EventRules, now: number, payloads: string[]): LineProblem[] | 'blank' {
  if (isTooLong(line)) return [{ field: '', message: 'the line is too long to be one event' }];
  if (line.text.trim() === '') return 'blank';
  let data: unknown;
  try {
    data = JSON.parse(line.text);
  } catch (err) {
    return [{ field: '', message: `not valid JSON (${(err as Error).message})` }];
  }
  // validateEvents would take an array as a batch: a line holds one event.
  if (Array.isArray(data))
    return [{ field: '', message: 'a line holds one event (an object), not an array' }];
  const checked = validateEvents(data);
  if ('errors' in checked) return checked.errors.map(({ field, message }) => ({ field, message }));
  const event = checked.events[0]!;
  const problems = ruleProblems(event, rules, now);
  if (problems.length > 0) return problems;
  payloads.push(JSON.stringify(event));
  return [];
}

/** "line 1234: commune: "99999" is not a commune or ward of this province" (every problem of the line). */
export const describeReject = (r: RejectedLine): string =>
  `line ${r.line}: ${r.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ')}`;
