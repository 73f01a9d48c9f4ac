import type { FieldError, IocEvent } from '../../shared/events';
import { addDays, dayOf } from '../../shared/time';

/** How far ahead of the server clock an event's times may be (source clocks drift a little). */
const FUTURE_TOLERANCE_MS = 2 * 60_000;

/**
 * What the schema alone cannot check: rules that need the server's province and clock. The ingest API,
 * the aggregator (for entries XADDed straight into the stream) and the importer all apply these, so an
 * event is held to one contract whichever way it comes in.
 */
export interface EventRules {
  /** Ward codes of the server's province: a commune outside them would count in no screen's map. */
  communes: ReadonlySet<string>;
  /**
   * Days of history kept. An event about an older day is refused: its day is gone, and records closed
   * before it are dropped, so accepting it could count a replay twice.
   */
  retentionDays: number;
}

/** What every event of a batch is checked against: the same for all of them, so worked out once. */
interface Bounds {
  rules: EventRules;
  now: number;
  /** The latest instant an event's times may name. */
  latest: number;
  /** The oldest day of history kept. */
  oldest: string;
}
let bounds: Bounds | null = null;

function boundsAt(rules: EventRules, now: number): Bounds {
  // A batch is checked at one `now`: its events share the bounds (the day's name and the retention
  // limit cost more than the checks themselves when worked out per event).
  if (bounds?.rules !== rules || bounds.now !== now)
    bounds = {
      rules,
      now,
      latest: now + FUTURE_TOLERANCE_MS,
      oldest: addDays(dayOf(now), -rules.retentionDays),
    };
  return bounds;
}

/** The problems of one schema-valid event under the rules; empty when it may be stored. */
export function ruleProblems(e: IocEvent, rules: EventRules, now: number): Omit<FieldError, 'index'>[] {
  const problems: Omit<FieldError, 'index'>[] = [];
  const { latest, oldest } = boundsAt(rules, now);
  const at = Date.parse(e.at);
  const server = () => `server time ${new Date(now).toISOString()}`;
  // An event from the future would make a source look alive forever.
  if (at > latest) problems.push({ field: 'at', message: `${e.at} is in the future (${server()})` });
  if (dayOf(at) < oldest) {
    problems.push({
      field: 'at',
      message: `${e.at} is older than the ${rules.retentionDays} days of history kept (oldest day ${oldest})`,
    });
  }
  if ('commune' in e && e.commune !== undefined && !rules.communes.has(e.commune)) {
    problems.push({ field: 'commune', message: `"${e.commune}" is not a commune or ward of this province` });
  }
  switch (e.type) {
    case 'dossier.received':
      if (Date.parse(e.dueAt) < at)
        problems.push({ field: 'dueAt', message: `${e.dueAt} is before the dossier was received (${e.at})` });
      break;
    case 'dossier.resolved':
      if (Date.parse(e.finishedAt) > latest)
        problems.push({ field: 'finishedAt', message: `${e.finishedAt} is in the future (${server()})` });
      break;
    case 'task.completed':
      if (Date.parse(e.completedAt) > latest)
        problems.push({ field: 'completedAt', message: `${e.completedAt} is in the future (${server()})` });
      break;
  }
  return problems;
}

/** One line naming every problem, for the dead-letter stream. */
export const describeProblems = (problems: readonly Omit<FieldError, 'index'>[]): string =>
  problems.map((p) => `${p.field}: ${p.message}`).join('; ');
