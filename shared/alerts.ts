import { FRESHNESS_BUDGET_MS, KPI_BY_ID, type KpiId } from './kpis';
import { meetsTarget } from './evaluate';
import { formatAge, formatCount, formatPercent } from './format';
import type { Scope } from './scope';
import type { KpiKey, SourceWords, WireKpi } from './socket';
import { SOURCE_LABELS, SOURCES, type Source } from './vocabulary';

/**
 * Threshold alerts derived from the catalogue: pure, so the server and the tests compute the same set.
 * Each evaluation builds the set afresh; what persists from `previous` is only when an alert was first
 * raised and who acknowledged it.
 */

export type AlertKind = 'belowTarget' | 'taskOverdue' | 'sourceSilent';
export type AlertSeverity = 'warning' | 'critical';

export interface Alert {
  /** Stable while the condition lasts: "<kind>|<scope>|<kpiId or source>". */
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  scope: Scope;
  kpiId?: KpiId;
  source?: Source;
  /** Server time the alert was first raised; kept while it persists, whatever its severity. */
  since: number;
  message: { vi: string; en: string };
  /** Set once an operator acknowledges it: the wall stops flashing it and stops holding the rotation. */
  acknowledgedAt?: number;
  acknowledgedBy?: string;
}

export type Alerts = ReadonlyMap<string, Alert>;

export interface AlertInput {
  kpis: ReadonlyMap<KpiKey, WireKpi>;
  sources: Partial<SourceWords>;
  now: number;
  previous: Alerts;
  /** Targets configured on the server, overriding the catalogue's defaults. */
  targets?: Readonly<Partial<Record<KpiId, number>>>;
  /** The commune's name for a message ("Phường Ba Đình"); without it the message names the code. */
  communeName?: (code: string) => string | undefined;
}

/**
 * A commune's on-time rate says something only over this many dossiers (its denominator): below it, a
 * single late dossier swings the rate by points, and a commune with 3 dossiers would flash on every wall.
 */
export const MIN_SAMPLE = 20;

/** A commune this far below its on-time target (in rate, 0.05 = 5 points) is critical, not a warning. */
const CRITICAL_GAP = 0.05;
// Rates are floats: 0.98 − 0.93 is 0.0500000001, which must still read as "5 points", not "more than 5".
const EPSILON = 1e-9;

type Raised = Omit<Alert, 'since' | 'acknowledgedAt' | 'acknowledgedBy'>;

function belowTarget(scope: Scope, value: number, target: number, name: string | undefined): Raised {
  const code = scope.slice('commune:'.length);
  const [v, t] = [formatPercent(value), formatPercent(target)];
  return {
    id: `belowTarget|${scope}|onTimeRate`,
    kind: 'belowTarget',
    severity: target - value > CRITICAL_GAP + EPSILON ? 'critical' : 'warning',
    scope,
    kpiId: 'onTimeRate',
    message: {
      vi: `${name ?? `Xã/phường ${code}`} dưới mục tiêu xử lý đúng hạn: ${v} < ${t}`,
      en: `${name ?? `Commune ${code}`} below its on-time target: ${formatPercent(value, 'en')} < ${formatPercent(target, 'en')}`,
    },
  };
}

function taskOverdue(count: number): Raised {
  return {
    id: 'taskOverdue|province|tasks.overdue',
    kind: 'taskOverdue',
    severity: 'warning',
    scope: 'province',
    kpiId: 'tasks.overdue',
    message: {
      vi: `${formatCount(count)} nhiệm vụ quá hạn`,
      en: `${formatCount(count, 'en')} overdue ${count === 1 ? 'task' : 'tasks'}`,
    },
  };
}

/**
 * A source past its amber budget is a warning, past red critical. One never heard from (null) is critical
 * too, as on the tiles: nothing vouches for its numbers. One absent from `sources` is not reported on.
 */
function sourceSilent(source: Source, lastWord: number | null, now: number): Raised | null {
  const budget = FRESHNESS_BUDGET_MS[source];
  const age = lastWord === null ? Infinity : now - lastWord;
  if (age <= budget.amber) return null;
  const name = SOURCE_LABELS[source];
  return {
    id: `sourceSilent|province|${source}`,
    kind: 'sourceSilent',
    severity: age > budget.red ? 'critical' : 'warning',
    scope: 'province',
    source,
    message:
      lastWord === null
        ? { vi: `${name.vi}: chưa nhận được dữ liệu`, en: `${name.en}: no data received yet` }
        : {
            vi: `${name.vi} im lặng từ ${formatAge(age)}`,
            en: `${name.en} silent since ${formatAge(age, 'en')}`,
          },
  };
}

/** Keeps `since` from the previous evaluation, and the acknowledgement unless the alert became critical. */
function carryOver(raised: Raised, previous: Alert | undefined, now: number): Alert {
  const alert: Alert = { ...raised, since: previous?.since ?? now };
  // An operator who acknowledged a warning has not seen the critical it became: let it flash again.
  const escalated = previous?.severity === 'warning' && raised.severity === 'critical';
  if (previous?.acknowledgedAt !== undefined && !escalated) {
    alert.acknowledgedAt = previous.acknowledgedAt;
    if (previous.acknowledgedBy !== undefined) alert.acknowledgedBy = previous.acknowledgedBy;
  }
  return alert;
}

/** The alerts in force at `now`, keyed by id. One that cleared is absent; one that persists keeps `since`. */
export function evaluateAlerts(input: AlertInput): Map<string, Alert> {
  const { kpis, sources, now, previous, targets = {}, communeName } = input;
  const raised: Raised[] = [];

  const onTime = KPI_BY_ID.get('onTimeRate');
  const onTimeTarget = targets.onTimeRate ?? onTime?.target;
  for (const [key, [value, , den]] of kpis) {
    const bar = key.indexOf('|');
    const scope = key.slice(0, bar) as Scope;
    const kpiId = key.slice(bar + 1);
    if (kpiId === 'onTimeRate' && scope.startsWith('commune:') && onTime && onTimeTarget !== undefined) {
      // meetsTarget is null without a value: a commune with nothing resolved is not below anything.
      const sampled = den !== null && den >= MIN_SAMPLE;
      if (sampled && value !== null && meetsTarget(onTime, value, onTimeTarget) === false) {
        const code = scope.slice('commune:'.length);
        raised.push(belowTarget(scope, value, onTimeTarget, communeName?.(code)));
      }
    }
  }

  const overdue = kpis.get('province|tasks.overdue')?.[0];
  if (overdue !== undefined && overdue !== null && overdue > 0) raised.push(taskOverdue(overdue));

  for (const s of SOURCES) {
    const word = sources[s];
    const alert = word === undefined ? null : sourceSilent(s, word, now);
    if (alert) raised.push(alert);
  }

  return new Map(raised.map((r) => [r.id, carryOver(r, previous.get(r.id), now)]));
}

/** The set with one alert acknowledged; the first acknowledgement stands. Unknown ids change nothing. */
export function acknowledge(alerts: Alerts, id: string, by: string, at: number): Map<string, Alert> {
  const next = new Map(alerts);
  const alert = alerts.get(id);
  if (alert && alert.acknowledgedAt === undefined) {
    next.set(id, { ...alert, acknowledgedAt: at, acknowledgedBy: by });
  }
  return next;
}

/** Whether a critical alert nobody has acknowledged is up: this holds the wall's scene rotation. */
export function hasCriticalUnacknowledged(alerts: Alerts): boolean {
  for (const a of alerts.values())
    if (a.severity === 'critical' && a.acknowledgedAt === undefined) return true;
  return false;
}
