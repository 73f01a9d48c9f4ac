import { z } from 'zod';
import { KPI_BY_ID, type KpiId } from './kpis';
import { DEFAULT_MIN_SAMPLE } from './min-sample';

/**
 * When a KPI off its target is worth an operator's attention: alert rules as configuration (ALERTS_FILE,
 * server/config/alert-file.ts), with the defaults below. A rule watches one KPI at one level of scope;
 * every scope of that level (each commune, say) is judged on its own.
 *
 * Gaps are in the KPI's own unit (rates 0..1: 0.03 is 3 points; counts in units), measured in the bad
 * direction: target − value for a rate that should be high, value − target for a count that should be low.
 */

export const SCOPE_LEVELS = ['province', 'commune', 'agency'] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

export interface AlertRule {
  /** Names the rule in alert ids and summaries ("onTime.commune"). */
  id: string;
  kpi: KpiId;
  level: ScopeLevel;
  /** The threshold; the catalogue's target (or the server's configured one) when absent. */
  target?: number;
  /** A rate is judged only over at least this many dossiers (its denominator). */
  minSample: number;
  /** …and only when at least this many of them went wrong (late ones): one late dossier is no trend. */
  minLate: number;
  /** Raised (warning) at this gap below target or more. */
  minGap: number;
  /** Critical at this gap or more; never critical without it. */
  criticalGap?: number;
  /**
   * Raised only once off target this long: a value that dips for a moment (or a wall whose sources are
   * still catching up at start) raises nothing.
   */
  raiseAfterSec: number;
  /** Hysteresis: once raised, it clears only when the gap is under minGap − clearMargin. */
  clearMargin: number;
  /** …and has stayed so this long: a value hovering at the line does not flap the alert. */
  holdDownSec: number;
}

export interface AlertRules {
  rules: readonly AlertRule[];
  /** More alerts than this of one rule and severity fold into one summary the operator can open. */
  foldAbove: number;
}

/** The agencies' own floor: an agency's rate gathers many communes' dossiers, so it asks for more. */
const AGENCY_MIN_SAMPLE = 30;

/**
 * The built-in rules, with the wall's one minimum sample (MIN_SAMPLE, shared/min-sample.ts): a commune
 * is judged over as many dossiers as it needs to be ranked, an agency over at least as many. At a Monday 08:05 the demo's communes sit mostly at 93–98% with one or two late
 * dossiers each; these raise the few 3 points or more below target with at least 2 late, and the ones
 * 10 points below (a real backlog) as critical.
 */
export const defaultAlertRules = (minSample: number = DEFAULT_MIN_SAMPLE): AlertRules => ({
  foldAbove: 3,
  rules: [
    {
      id: 'onTime.province',
      kpi: 'onTimeRate',
      level: 'province',
      minSample: 100,
      minLate: 5,
      minGap: 0.02,
      criticalGap: 0.05,
      raiseAfterSec: 60,
      clearMargin: 0.005,
      holdDownSec: 600,
    },
    {
      id: 'onTime.agency',
      kpi: 'onTimeRate',
      level: 'agency',
      minSample: Math.max(AGENCY_MIN_SAMPLE, minSample),
      minLate: 3,
      minGap: 0.03,
      criticalGap: 0.1,
      raiseAfterSec: 60,
      clearMargin: 0.01,
      holdDownSec: 600,
    },
    {
      id: 'onTime.commune',
      kpi: 'onTimeRate',
      level: 'commune',
      minSample,
      minLate: 2,
      minGap: 0.03,
      criticalGap: 0.1,
      raiseAfterSec: 60,
      clearMargin: 0.01,
      holdDownSec: 600,
    },
    {
      id: 'tasks.overdue',
      kpi: 'tasks.overdue',
      level: 'province',
      minSample: 0,
      minLate: 1,
      minGap: 1,
      raiseAfterSec: 60,
      clearMargin: 0,
      holdDownSec: 300,
    },
  ],
});

/** The built-in rules at the default minimum sample. */
export const DEFAULT_ALERT_RULES: AlertRules = defaultAlertRules();

const nonNegative = z.number().finite().min(0, 'must be 0 or more');

const ruleSchema = z
  .strictObject({
    id: z.string().regex(/^[\w.-]{1,40}$/, 'letters, digits, . _ - only (at most 40)'),
    kpi: z.string().refine((id) => KPI_BY_ID.has(id), 'not a KPI of the catalogue (shared/kpis.ts)'),
    level: z.enum(SCOPE_LEVELS, { message: `must be one of ${SCOPE_LEVELS.join(', ')}` }),
    target: z.number().finite().optional(),
    // Absent: the wall's minimum sample (MIN_SAMPLE), filled in by parseAlertRules.
    minSample: nonNegative.optional(),
    minLate: nonNegative.default(1),
    minGap: nonNegative,
    criticalGap: nonNegative.optional(),
    raiseAfterSec: nonNegative.max(86_400, 'at most 86400 (a day)').default(60),
    clearMargin: nonNegative.default(0),
    holdDownSec: nonNegative.max(86_400, 'at most 86400 (a day)').default(600),
  })
  .superRefine((r, ctx) => {
    const def = KPI_BY_ID.get(r.kpi);
    const rate = def?.unit === 'percent';
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (rate && r.target !== undefined && (r.target < 0 || r.target > 1))
      issue('target', 'a rate is written 0..1 (0.98 is 98%)');
    if (rate && r.minGap > 1) issue('minGap', 'a rate’s gap is written 0..1 (0.03 is 3 points)');
    if (def && def.target === undefined && r.target === undefined)
      issue('target', `KPI ${r.kpi} has no target in the catalogue: give one`);
    if (r.criticalGap !== undefined && r.criticalGap < r.minGap)
      issue('criticalGap', 'must be at least minGap (critical is further off than warning)');
    if (r.clearMargin > r.minGap) issue('clearMargin', 'must be at most minGap');
  });

const fileSchema = z.strictObject({
  foldAbove: z.number().int().min(1).max(50).default(DEFAULT_ALERT_RULES.foldAbove),
  rules: z.array(ruleSchema).max(100),
});

/**
 * Checks an alert rules file; every problem named by its field ("rules[2].minGap: …"). A rule without
 * its own minSample takes the wall's (`minSample`, MIN_SAMPLE).
 */
export function parseAlertRules(
  json: unknown,
  minSample: number = DEFAULT_MIN_SAMPLE,
): { rules: AlertRules } | { errors: string[] } {
  const r = fileSchema.safeParse(json);
  if (!r.success) {
    return {
      errors: r.error.issues.map(
        (i) =>
          `${i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n ? '.' : ''}${String(p)}`)).join('') || '(file)'}: ${i.message}`,
      ),
    };
  }
  const seen = new Set<string>();
  const errors: string[] = [];
  r.data.rules.forEach((rule, i) => {
    if (seen.has(rule.id)) errors.push(`rules[${i}].id: "${rule.id}" is used twice`);
    seen.add(rule.id);
  });
  if (errors.length) return { errors };
  const rules = r.data.rules.map((rule) => ({ ...rule, minSample: rule.minSample ?? minSample }));
  return { rules: { foldAbove: r.data.foldAbove, rules: rules as AlertRule[] } };
}
