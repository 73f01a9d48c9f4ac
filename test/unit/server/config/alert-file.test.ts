import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAlertRules } from '../../../../server/config/alert-file';
import { DEFAULT_ALERT_RULES } from '../../../../shared/alert-rules';

const dir = mkdtempSync(join(tmpdir(), 'alerts-file-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe(loadAlertRules.name, () => {
  it('uses the built-in rules without a file, at the configured minimum sample', () => {
    expect(loadAlertRules(null)).toBe(DEFAULT_ALERT_RULES);
    expect(loadAlertRules(null, 20)).toBe(DEFAULT_ALERT_RULES);
    const commune = loadAlertRules(null, 35).rules.find((r) => r.id === 'onTime.commune');
    expect(commune?.minSample).toBe(35);
  });

  it('reads a valid file', () => {
    const path = file(
      'ok.json',
      JSON.stringify({ foldAbove: 5, rules: [{ id: 'r', kpi: 'onTimeRate', level: 'agency', minGap: 0.1 }] }),
    );
    expect(loadAlertRules(path)).toMatchObject({
      foldAbove: 5,
      rules: [{ id: 'r', level: 'agency', minGap: 0.1, minSample: 20 }],
    });
    expect(loadAlertRules(path, 12).rules[0]?.minSample).toBe(12);
  });

  it('stops with the file and every bad field named', () => {
    const path = file(
      'bad.json',
      JSON.stringify({
        rules: [{ id: 'r', kpi: 'onTimeRate', level: 'commune', minGap: 0.1, minSample: -2 }],
      }),
    );
    expect(() => loadAlertRules(path)).toThrow(
      `ALERTS_FILE ${path}:\n  rules[0].minSample: must be 0 or more`,
    );
    const broken = file('broken.json', '{ "rules": [');
    expect(() => loadAlertRules(broken)).toThrow(/^ALERTS_FILE .*broken\.json: cannot read it as JSON/);
    expect(() => loadAlertRules(join(dir, 'missing.json'))).toThrow(/cannot read it as JSON: ENOENT/);
  });
});
