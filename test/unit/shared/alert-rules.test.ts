import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES, defaultAlertRules, parseAlertRules } from '../../../shared/alert-rules';

const errors = (json: unknown) => {
  const r = parseAlertRules(json);
  return 'errors' in r ? r.errors : [];
};

describe(parseAlertRules.name, () => {
  it('takes the built-in rules back as they are, with defaults for what a rule leaves out', () => {
    expect(parseAlertRules(JSON.parse(JSON.stringify(DEFAULT_ALERT_RULES)))).toEqual({
      rules: DEFAULT_ALERT_RULES,
    });
    const r = parseAlertRules({ rules: [{ id: 'x', kpi: 'onTimeRate', level: 'commune', minGap: 0.05 }] });
    expect(r).toEqual({
      rules: {
        foldAbove: 3,
        rules: [
          {
            id: 'x',
            kpi: 'onTimeRate',
            level: 'commune',
            minGap: 0.05,
            minSample: 20,
            minLate: 1,
            raiseAfterSec: 60,
            clearMargin: 0,
            holdDownSec: 600,
          },
        ],
      },
    });
  });

  it("gives a rule without its own minimum sample the wall's (MIN_SAMPLE), and keeps one it names", () => {
    const r = parseAlertRules(
      {
        rules: [
          { id: 'x', kpi: 'onTimeRate', level: 'commune', minGap: 0.05 },
          { id: 'y', kpi: 'onTimeRate', level: 'agency', minGap: 0.05, minSample: 7 },
        ],
      },
      40,
    );
    expect('rules' in r && r.rules.rules.map((rule) => rule.minSample)).toEqual([40, 7]);
  });

  it("judges the built-in unit-level on-time rules over the wall's minimum sample", () => {
    const floor = (minSample: number, id: string) =>
      defaultAlertRules(minSample).rules.find((rule) => rule.id === id)?.minSample;
    expect(floor(20, 'onTime.commune')).toBe(20);
    expect(floor(50, 'onTime.commune')).toBe(50);
    expect(floor(8, 'onTime.commune')).toBe(8);
    // An agency gathers many communes' dossiers: 30 at least, and never under the wall's floor.
    expect(floor(20, 'onTime.agency')).toBe(30);
    expect(floor(50, 'onTime.agency')).toBe(50);
    // The province's own floor is its own.
    expect(floor(50, 'onTime.province')).toBe(100);
    expect(defaultAlertRules()).toEqual(DEFAULT_ALERT_RULES);
  });

  it('names the field of every problem', () => {
    expect(
      errors({
        rules: [
          { id: 'a', kpi: 'onTime', level: 'commune', minGap: 0.05 },
          { id: 'b', kpi: 'onTimeRate', level: 'ward', minGap: -1 },
          { id: 'c', kpi: 'onTimeRate', level: 'commune', target: 98, minGap: 3, criticalGap: 0.01 },
          { id: 'd', kpi: 'received', level: 'province', minGap: 1, holdDown: 5 },
        ],
      }),
    ).toEqual([
      'rules[0].kpi: not a KPI of the catalogue (shared/kpis.ts)',
      'rules[1].level: must be one of province, commune, agency',
      'rules[1].minGap: must be 0 or more',
      'rules[2].target: a rate is written 0..1 (0.98 is 98%)',
      'rules[2].minGap: a rate’s gap is written 0..1 (0.03 is 3 points)',
      'rules[2].criticalGap: must be at least minGap (critical is further off than warning)',
      'rules[3]: Unrecognized key: "holdDown"',
      'rules[3].target: KPI received has no target in the catalogue: give one',
    ]);
  });

  it('refuses a rule id used twice and a file without rules', () => {
    const rule = { id: 'a', kpi: 'onTimeRate', level: 'commune', minGap: 0.05 };
    expect(errors({ rules: [rule, rule] })).toEqual(['rules[1].id: "a" is used twice']);
    expect(errors({})).toEqual(['rules: Invalid input: expected array, received undefined']);
  });
});
