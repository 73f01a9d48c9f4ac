import type { ScopeLevel } from './alert-rules';
import { messageOf, summaryWords } from './alert-words';
import { carryOver, levelOf, type Alert, type AlertSeverity, type Alerts } from './alerts';

/**
 * What the screens list: alerts of one rule and severity beyond `foldAbove` fold into ONE summary
 * ("29 xã/phường dưới mục tiêu đúng hạn · thấp nhất: Xã Hồng Vân 92,3% (12/13)") whose members an
 * operator opens on the wall. A summary is acknowledged as one; its acknowledgement stands while no new
 * member joins (a commune newly off target has not been seen).
 */
export function foldAlerts(
  alerts: Alerts,
  previousShown: Alerts,
  foldAbove: number,
  now: number,
): Map<string, Alert> {
  const groups = new Map<string, Alert[]>();
  const out = new Map<string, Alert>();
  for (const a of alerts.values()) {
    if (a.pendingUntil !== undefined) continue;
    if (a.kind !== 'offTarget' || a.rule === undefined) {
      out.set(a.id, a);
      continue;
    }
    const key = `summary|${a.rule}|${a.severity}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  for (const [id, members] of groups) {
    if (members.length <= foldAbove) {
      for (const m of members) out.set(m.id, m);
      continue;
    }
    members.sort(byUrgency);
    const worst = members[0] as Alert;
    const level: ScopeLevel = levelOf(worst.scope);
    const parts = summaryWords(
      members.length,
      level,
      worst.figures ?? { kpiId: worst.kpiId ?? '', value: 0, num: 0, den: null, name: null },
    );
    const before = previousShown.get(id);
    const seen = new Set(before?.members?.map((m) => m.id));
    const summary = carryOver(
      {
        id,
        kind: 'summary' as const,
        severity: worst.severity as AlertSeverity,
        scope: 'province' as const,
        rule: worst.rule,
        ...(worst.kpiId ? { kpiId: worst.kpiId } : {}),
        message: messageOf(parts),
        parts,
        weight: worst.weight,
        members,
      },
      before && members.every((m) => seen.has(m.id))
        ? before
        : before && { ...before, acknowledgedAt: undefined },
      now,
    );
    summary.since = Math.min(...members.map((m) => m.since));
    out.set(id, summary);
  }
  return out;
}

const SEVERITY_RANK: Record<AlertSeverity, number> = { critical: 0, warning: 1 };

/**
 * Most urgent first: unacknowledged before acknowledged, critical before warning, then the furthest
 * past its line (a silent source first: it puts every number in doubt), then the longest-standing.
 */
export function byUrgency(a: Alert, b: Alert): number {
  const acked = Number(a.acknowledgedAt !== undefined) - Number(b.acknowledgedAt !== undefined);
  const severity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  const weight = a.weight === b.weight ? 0 : b.weight > a.weight ? 1 : -1;
  return acked || severity || weight || a.since - b.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
