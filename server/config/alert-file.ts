import { readFileSync } from 'node:fs';
import {
  defaultAlertRules,
  DEFAULT_ALERT_RULES,
  parseAlertRules,
  type AlertRules,
} from '../../shared/alert-rules';
import { DEFAULT_MIN_SAMPLE } from '../../shared/min-sample';

/**
 * The alert rules from the operator's file (ALERTS_FILE), checked at start: a bad file stops the server
 * with every problem named by its field, rather than a wall that alerts on half a rule set. Rules that
 * do not name their own minimum sample take the wall's (MIN_SAMPLE), the floor its rankings use.
 */
export function loadAlertRules(path: string | null, minSample: number = DEFAULT_MIN_SAMPLE): AlertRules {
  if (!path) return minSample === DEFAULT_MIN_SAMPLE ? DEFAULT_ALERT_RULES : defaultAlertRules(minSample);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`ALERTS_FILE ${path}: cannot read it as JSON: ${(err as Error).message}`);
  }
  const r = parseAlertRules(json, minSample);
  if ('errors' in r) throw new Error(`ALERTS_FILE ${path}:\n${r.errors.map((e) => `  ${e}`).join('\n')}`);
  return r.rules;
}
