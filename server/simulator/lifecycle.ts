import { DAY_MS } from '../../shared/time';
import { HOUR_MS, MINUTE_MS, WORKING_DAY_MS, addWorkingTime } from './calendar';
import type { Procedure } from './procedures';
import type { Random } from './random';

/**
 * What happens to a dossier after it is received (KPIS.md "Figures"): due time from the procedure's
 * statutory time in office hours; most finished well before it (on time 95–99.5%), a few late; synced
 * to the national portal ~100%; digitised ~86% soon after receipt, half of those reusing digitised data;
 * the result issued at resolution, ~88% as an e-file; a few applicants rate the service.
 */

export interface Lifecycle {
  dueAt: number;
  synced: boolean;
  finishedAt: number;
  resultAt: number;
  electronic: boolean;
  /** When the file was digitised, or null for the ~14% never digitised. */
  digitisedAt: number | null;
  reused: boolean;
  /** When the applicant rated the service, or null when they did not. */
  feedbackAt: number | null;
  liked: boolean;
}

/**
 * Every event of a dossier happens within this long after its receipt, so plans of the last
 * PLAN_LOOKBACK_DAYS days hold everything that can still happen today.
 */
export const MAX_DOSSIER_LIFETIME_MS = 34 * DAY_MS;

const SYNCED = 0.998;
const DIGITISED = 0.86;
const REUSED_WHEN_DIGITISED = 0.57;
const ELECTRONIC_RESULT = 0.88;
const RATED = 0.07;

const toSecond = (t: number) => Math.floor(t / 1000) * 1000;

export function drawLifecycle(random: Random, receivedAt: number, procedure: Procedure): Lifecycle {
  const statutoryMs = procedure.hours * HOUR_MS;
  const dueAt = addWorkingTime(receivedAt, statutoryMs);
  const late = random.chance(procedure.lateRisk);
  let finishedAt: number;
  if (late) {
    // Late work drags on for a day or two of office time past the deadline, rarely much longer.
    finishedAt = addWorkingTime(dueAt, 30 * MINUTE_MS + random.exponential(1.5 * WORKING_DAY_MS));
  } else {
    // Skewed towards early: officers clear simple files quickly, a few use most of the allowed time.
    const fraction = 0.04 + 0.9 * random.next() ** 1.7;
    finishedAt = addWorkingTime(receivedAt, Math.max(10 * MINUTE_MS, fraction * statutoryMs));
  }
  finishedAt = toSecond(Math.min(finishedAt, receivedAt + MAX_DOSSIER_LIFETIME_MS - DAY_MS));
  if (!late && finishedAt > dueAt) finishedAt = dueAt;

  let digitisedAt: number | null = null;
  if (random.chance(DIGITISED)) {
    const scanned = addWorkingTime(receivedAt, random.between(3, 90) * MINUTE_MS);
    digitisedAt = toSecond(scanned < finishedAt ? scanned : receivedAt + (finishedAt - receivedAt) / 2);
  }
  const resultAt = toSecond(finishedAt + random.between(1, 30) * MINUTE_MS);
  const feedbackAt = random.chance(RATED) ? toSecond(resultAt + random.exponential(4 * HOUR_MS)) : null;
  return {
    dueAt: toSecond(dueAt),
    synced: random.chance(SYNCED),
    finishedAt,
    resultAt,
    electronic: random.chance(ELECTRONIC_RESULT),
    digitisedAt,
    reused: digitisedAt !== null && random.chance(REUSED_WHEN_DIGITISED),
    feedbackAt: feedbackAt !== null && feedbackAt < receivedAt + MAX_DOSSIER_LIFETIME_MS ? feedbackAt : null,
    // Late dossiers earn most of the dislikes.
    liked: random.chance(late ? 0.55 : 0.96),
  };
}
