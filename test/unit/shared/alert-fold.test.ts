import { describe, expect, it } from 'vitest';
import { byUrgency, foldAlerts } from '../../../shared/alert-fold';
import { DEFAULT_ALERT_RULES } from '../../../shared/alert-rules';
import { acknowledge, evaluateAlerts, type Alert } from '../../../shared/alerts';
import type { KpiKey, WireKpi } from '../../../shared/socket';

const now = Date.parse('2026-12-07T08:05:00+07:00');
const code = (i: number) => String(i).padStart(5, '0');
/** `n` communes off target, 3 points and more (warnings), each on a real sample; the last one worst. */
function offTarget(n: number, worst?: [good: number, den: number]): Map<string, Alert> {
  const kpis = new Map<KpiKey, WireKpi>();
  for (let i = 1; i <= n; i++) {
    const v = 0.95 - i * 0.0005;
    kpis.set(`commune:${code(i)}|onTimeRate`, [v, Math.round(v * 1000), 1000]);
  }
  if (worst) kpis.set('commune:99999|onTimeRate', [worst[0] / worst[1], worst[0], worst[1]]);
  kpis.set('province|tasks.overdue', [4, 4, null]);
  const names = (scope: string) => (scope === 'commune:99999' ? 'Xã Hồng Vân' : `Xã ${scope.slice(8)}`);
  const rules = {
    ...DEFAULT_ALERT_RULES,
    rules: DEFAULT_ALERT_RULES.rules.map((r) => ({ ...r, raiseAfterSec: 0 })),
  };
  return evaluateAlerts({ kpis, sources: {}, now, previous: new Map(), scopeName: names, rules });
}
const fold = (alerts: Map<string, Alert>, previous: Map<string, Alert> = new Map()) =>
  foldAlerts(alerts, previous, DEFAULT_ALERT_RULES.foldAbove, now);

describe(foldAlerts.name, () => {
  it('folds 29 alerts of one rule into one summary line, worst named with its figure', () => {
    const shown = fold(offTarget(28, [86, 93]));
    expect(shown.size).toBe(2);
    const summary = shown.get('summary|onTime.commune|warning');
    expect(summary).toMatchObject({
      kind: 'summary',
      severity: 'warning',
      rule: 'onTime.commune',
      message: {
        vi: '29 xã/phường dưới mục tiêu đúng hạn · thấp nhất: Xã Hồng Vân 92,5% (86/93)',
        en: '29 communes below on time target · lowest: Xã Hồng Vân 92.5% (86/93)',
      },
    });
    expect(summary?.members).toHaveLength(29);
    expect(summary?.members?.[0]?.scope).toBe('commune:99999');
    expect(summary?.parts.vi.filter((p) => p.figure).map((p) => p.text)).toEqual([
      '29 xã/phường',
      '92,5% (86/93)',
    ]);
    expect(shown.has('tasks.overdue|province')).toBe(true);
  });

  it('shows no alert still waiting out its raise delay', () => {
    const kpis = new Map<KpiKey, WireKpi>([['commune:00001|onTimeRate', [0.5, 50, 100]]]);
    const pending = evaluateAlerts({ kpis, sources: {}, now, previous: new Map() });
    expect(pending.size).toBe(1);
    expect(fold(pending).size).toBe(0);
  });

  it('leaves a few alone, and keeps criticals apart from warnings', () => {
    expect([...fold(offTarget(3)).keys()].filter((id) => id.startsWith('onTime'))).toHaveLength(3);
    const shown = fold(offTarget(5, [50, 100]));
    expect(shown.has('summary|onTime.commune|warning')).toBe(true);
    expect(shown.get('onTime.commune|commune:99999')?.severity).toBe('critical');
  });

  it('keeps an acknowledged summary acknowledged until a new member joins', () => {
    const first = fold(offTarget(5));
    const acked = acknowledge(first, 'summary|onTime.commune|warning', 'Trực ban', now);
    const same = fold(offTarget(4), acked);
    expect(same.get('summary|onTime.commune|warning')?.acknowledgedBy).toBe('Trực ban');
    const grown = fold(offTarget(6), acked);
    expect(grown.get('summary|onTime.commune|warning')?.acknowledgedAt).toBeUndefined();
  });
});

describe(byUrgency.name, () => {
  it('ranks by acknowledgement, then severity, then gap', () => {
    const shown = [...fold(offTarget(2, [50, 100])).values()].sort(byUrgency).map((a) => a.id);
    expect(shown).toEqual([
      'onTime.commune|commune:99999',
      'tasks.overdue|province',
      'onTime.commune|commune:00002',
      'onTime.commune|commune:00001',
    ]);
  });
});
