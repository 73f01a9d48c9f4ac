import type { Programme } from './vocabulary';

/**
 * What the aggregator counts, per day and scope (and per minute of the day for the curves), and what a
 * KPI's formula may read (kpis.ts). Counts only: every percentage is computed from them when shown.
 */

/** Counters kept per day x scope by the aggregator (KPIS.md "Formulas"). */
export const DAY_COUNTERS = [
  'received',
  'online',
  'in_person',
  'post',
  'fullOnline',
  'synced',
  'withFee',
  'paidOnline',
  'digitised',
  'reused',
  'resolvedEarly',
  'resolvedOnDue',
  'resolvedLate',
  'resolveMs',
  'resultIssued',
  'resultElectronic',
  'rated',
  'disliked',
  'payments',
  'paymentsVnd',
] as const;
export type DayCounter = (typeof DAY_COUNTERS)[number];

/**
 * "Received in P that have X by t" (KPIS.md: digitised, reused, paid online): kept on the reception day
 * under how many days after reception X first came, as "paidOnline+0", "paidOnline+3"…, so a period
 * ending on day b counts, for each reception day d, the fields with a lag up to b − d.
 */
export const LAGGED_COUNTERS = ['paidOnline', 'digitised', 'reused'] as const;
type LaggedCounter = (typeof LAGGED_COUNTERS)[number];

/** Field names of the first lags, made once: the aggregator names one for every dossier. */
const LAG_FIELDS = Object.fromEntries(
  LAGGED_COUNTERS.map((c) => [c, Array.from({ length: 64 }, (_, lag) => `${c}+${lag}`)]),
) as unknown as Record<LaggedCounter, readonly string[]>;

/** The day-hash field of a lagged counter: "paidOnline+2". */
export function lagField(counter: LaggedCounter, lag: number): string {
  return LAG_FIELDS[counter][lag] ?? `${counter}+${lag}`;
}

const laggedNames: ReadonlySet<string> = new Set(LAGGED_COUNTERS);

/**
 * Adds one day hash's flows to `into`: plain counters as they are, lagged ones only up to `maxLag`
 * days after reception (Infinity: all of them). Stock moves ("s." fields) are not flows and are skipped.
 */
export function addDayFlows(into: Counters, hash: Readonly<Record<string, number>>, maxLag: number): void {
  const out = into as Record<string, number>;
  for (const field in hash) {
    const n = hash[field] ?? 0;
    const plus = field.indexOf('+');
    if (plus > 0) {
      const name = field.slice(0, plus);
      if (laggedNames.has(name) && Number(field.slice(plus + 1)) <= maxLag) out[name] = (out[name] ?? 0) + n;
    } else if (dayCounterNames.has(field)) {
      out[field] = (out[field] ?? 0) + n;
    }
  }
}

const dayCounterNames: ReadonlySet<string> = new Set(DAY_COUNTERS);

/** Quantities that depend on the instant t, not only on events: open dossiers split by their due time. */
type OpenCounter = 'openNotLate' | 'openLate';
export const TASK_STATUSES = ['doneOnTime', 'doneLate', 'inProgress', 'overdue', 'recurring'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
type TaskCounter = `${Programme}.${TaskStatus}`;

/**
 * Counters bucketed per minute of the day, for the curves and for "the same time yesterday" (compare.ts).
 * `online` is a reception through the online channel, counted at reception like `received`.
 */
export const MINUTE_COUNTERS = ['received', 'online', 'resolved', 'payments', 'paymentsVnd'] as const;
export type MinuteCounter = (typeof MINUTE_COUNTERS)[number];

/** Everything a formula may read, flattened: day counters, open counts at t, task counts at t. */
export type Counters = Partial<Record<DayCounter | OpenCounter | TaskCounter, number>>;
