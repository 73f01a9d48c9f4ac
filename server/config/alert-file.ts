import { readFileSync } from 'node:fs';
import { DEFAULT_ALERT_RULES, parseAlertRules, type AlertRules } from '../../shared/alert-rules';

/**
 * The alert rules from the operator's file (ALERTS_FILE), checked at start: a bad file stops the server
 * with every problem named by its field, rather than a wall that alerts on half a rule set.
 */
export function loadAlertRules(path: string | null): AlertRules {
  if (!path) return DEFAULT_ALERT_RULES;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`ALERTS_FILE ${path}: cannot read it as JSON: ${(err as Error).message}`);
  }
  const r = parseAlertRules(json);
  if ('errors' in r) throw new Error(`ALERTS_FILE ${path}:\n${r.errors.map((e) => `  ${e}`).join('\n')}`);
  return r.rules;
}
