import { FRESHNESS_BUDGET_MS, KPI_BY_ID, type KpiId } from './kpis';
import { DEFAULT_ALERT_RULES, type AlertRule, type AlertRules, type ScopeLevel } from './alert-rules';
import { messageOf, offTargetWords, silentWords, type AlertWords, type Figures } from './alert-words';
import type { Scope } from './scope';
import type { KpiKey, SourceWords, WireKpi } from './socket';
import { SOURCES, type Source } from './vocabulary';

export type { AlertPart, AlertWords } from './alert-words';

/**
 * Alerts derived from the alert rules (shared/alert-rules.ts) and the sources' freshness: pure, so the
 * server and the tests compute the same set. Each evaluation builds the set afresh; what persists from
 * `previous` is when an alert was first raised, who acknowledged it and since when it has been clearing.
 * Many alerts of one rule are folded into one summary for the screens by shared/alert-fold.ts.
 */

export type AlertKind = 'offTarget' | 'sourceSilent' | 'summary';
export type AlertSeverity = 'warning' | 'critical';

export interface Alert {
  /** Stable while the condition lasts: "<rule>|<scope>", "sourceSilent|province|<source>", "summary|<rule>|<severity>". */
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  scope: Scope;
  /** The rule that raised it (offTarget and summary). */
  rule?: string;
  kpiId?: KpiId;
  source?: Source;
  /** Server time the alert was first raised; kept while it persists, whatever its severity. */
  since: number;
  /** The whole sentence (titles, screen readers); `parts` is the same in pieces, figures marked. */
  message: { vi: string; en: string };
  parts: AlertWords;
  /** How far past its rule's line, in multiples of the rule's minGap: ranks alerts of one severity. */
  weight: number;
  /** The numbers behind an offTarget alert. */
  figures?: Figures;
  /**
   * Off target, but not yet for the rule's raiseAfterSec: kept in the book, shown nowhere until then
   * (shared/alert-fold.ts leaves it out).
   */
  pendingUntil?: number;
  /** Back inside the rule's clearing line since then: it clears once that has lasted the hold-down time. */
  clearingSince?: number;
  /** A summary's alerts, furthest from target first: an operator opens them on the wall. */
  members?: Alert[];
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
  /** The alert rules in force (ALERTS_FILE); the built-in ones without. */
  rules?: AlertRules;
  /** Targets configured on the server, overriding the catalogue's defaults (a rule's own target wins). */
  targets?: Readonly<Partial<Record<KpiId, number>>>;
  /** A scope's name for a message ("Phường Ba Đình"); without it the message names the code. */
  scopeName?: (scope: Scope) => string | undefined;
}

// Rates are floats: 0.98 − 0.93 is 0.0500000001, which must still read as "5 points", not "more than 5".
const EPSILON = 1e-9;

export const levelOf = (scope: Scope): ScopeLevel =>
  scope === 'province' ? 'province' : scope.startsWith('commune:') ? 'commune' : 'agency';

type Raised = Omit<Alert, 'since' | 'acknowledgedAt' | 'acknowledgedBy' | 'clearingSince'>;

/** How one scope stands against a rule: off (raise or keep), inside the clearing line, or not judged. */
function judge(
  rule: AlertRule,
  def: NonNullable<ReturnType<typeof KPI_BY_ID.get>>,
  wire: WireKpi,
  target: number,
) {
  const [value, num, den] = wire;
  if (value === null || !Number.isFinite(value)) return null;
  const gap = def.lowerIsBetter ? value - target : target - value;
  // The ones that went wrong: for a rate to keep high, the denominator's rest; to keep low, the numerator.
  const wrong = def.formula.kind === 'ratio' ? (def.lowerIsBetter ? num : (den ?? 0) - num) : value;
  const sampled = (den === null || den >= rule.minSample) && wrong >= rule.minLate;
  return {
    gap,
    value,
    num,
    den,
    raises: sampled && gap >= rule.minGap - EPSILON,
    holds: sampled && gap >= rule.minGap - rule.clearMargin - EPSILON,
  };
}

function offTarget(
  rule: AlertRule,
  scope: Scope,
  j: NonNullable<ReturnType<typeof judge>>,
  name: string | null,
): Raised {
  const figures: Figures = { kpiId: rule.kpi, value: j.value, num: j.num, den: j.den, name };
  const parts = offTargetWords(figures);
  const critical = rule.criticalGap !== undefined && j.gap >= rule.criticalGap - EPSILON;
  return {
    id: `${rule.id}|${scope}`,
    kind: 'offTarget',
    severity: critical ? 'critical' : 'warning',
    scope,
    rule: rule.id,
    kpiId: rule.kpi,
    message: messageOf(parts),
    parts,
    weight: rule.minGap > 0 ? j.gap / rule.minGap : j.gap,
    figures,
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
  const parts = silentWords(source, lastWord === null ? null : age);
  return {
    id: `sourceSilent|province|${source}`,
    kind: 'sourceSilent',
    severity: age > budget.red ? 'critical' : 'warning',
    scope: 'province',
    source,
    message: messageOf(parts),
    parts,
    // A silent source puts every number in doubt: it ranks above any single KPI of its severity.
    weight: Infinity,
  };
}

/** Keeps `since` from the previous evaluation, and the acknowledgement unless the alert became critical. */
export function carryOver<T extends Omit<Alert, 'since'>>(
  raised: T,
  previous: Alert | undefined,
  now: number,
): T & Alert {
  const alert = { ...raised, since: previous?.since ?? now } as T & Alert;
  delete alert.acknowledgedAt;
  delete alert.acknowledgedBy;
  // An operator who acknowledged a warning has not seen the critical it became: let it flash again.
  const escalated = previous?.severity === 'warning' && raised.severity === 'critical';
  if (previous?.acknowledgedAt !== undefined && !escalated) {
    alert.acknowledgedAt = previous.acknowledgedAt;
    if (previous.acknowledgedBy !== undefined) alert.acknowledgedBy = previous.acknowledgedBy;
  }
  return alert;
}

/** The alerts in force at `now`, keyed by id, unfolded. One that cleared is absent; one that persists keeps `since`. */
export function evaluateAlerts(input: AlertInput): Map<string, Alert> {
  const { kpis, sources, now, previous, rules = DEFAULT_ALERT_RULES, targets = {}, scopeName } = input;
  const out = new Map<string, Alert>();

  const byKpi = new Map<string, AlertRule[]>();
  for (const rule of rules.rules) byKpi.set(rule.kpi, [...(byKpi.get(rule.kpi) ?? []), rule]);

  for (const [key, wire] of kpis) {
    const bar = key.indexOf('|');
    const kpiId = key.slice(bar + 1);
    const ruleset = byKpi.get(kpiId);
    const def = KPI_BY_ID.get(kpiId);
    if (!ruleset || !def) continue;
    const scope = key.slice(0, bar) as Scope;
    for (const rule of ruleset) {
      if (rule.level !== levelOf(scope)) continue;
      const target = rule.target ?? targets[rule.kpi] ?? def.target;
      if (target === undefined) continue;
      const id = `${rule.id}|${scope}`;
      const before = previous.get(id);
      const j = judge(rule, def, wire, target);
      if (!j || !(j.raises || before)) continue;
      const alert = carryOver(offTarget(rule, scope, j, scopeName?.(scope) ?? null), before, now);
      const pendingUntil = before ? before.pendingUntil : now + rule.raiseAfterSec * 1000;
      if (pendingUntil !== undefined && now < pendingUntil) {
        // Not shown yet: it must stay off target until then, or it is forgotten at once.
        if (j.raises) out.set(id, { ...alert, pendingUntil });
        continue;
      }
      if (!j.raises && !j.holds) {
        // Raised before, now inside the clearing line: kept, with today's figures, until the hold-down.
        alert.clearingSince = before?.clearingSince ?? now;
        if (now - alert.clearingSince >= rule.holdDownSec * 1000) continue;
      }
      out.set(id, alert);
    }
  }

  // Raised before and now without a value to judge (a scope gone quiet): kept until the hold-down too.
  for (const [id, before] of previous) {
    if (before.kind !== 'offTarget' || out.has(id) || before.pendingUntil !== undefined) continue;
    const rule = rules.rules.find((r) => r.id === before.rule);
    if (!rule) continue;
    const clearingSince = before.clearingSince ?? now;
    if (now - clearingSince >= rule.holdDownSec * 1000) continue;
    out.set(id, { ...before, clearingSince });
  }

  for (const s of SOURCES) {
    const word = sources[s];
    const alert = word === undefined ? null : sourceSilent(s, word, now);
    if (alert) out.set(alert.id, carryOver(alert, previous.get(alert.id), now));
  }
  return out;
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
    if (a.severity === 'critical' && a.acknowledgedAt === undefined && a.pendingUntil === undefined)
      return true;
  return false;
}
