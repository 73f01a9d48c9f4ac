import { LATE_READ_LIMIT, type LateBreakdown } from '../../shared/drill';
import { agencyScope, communeScope, type Scope } from '../../shared/scope';
import type { DossierRecord } from '../aggregate/dossier';
import { dueBefore, parseDueMember } from '../aggregate/due-index';
import { keys } from '../aggregate/keys';
import type { Store } from '../store/types';

type Group = LateBreakdown['groups'][number];

/**
 * The dossiers of a scope open and past due at `now`, counted by agency (for a commune or the
 * province) or by commune (for an agency). The due index (keys.due) says which dossiers are late, their
 * records say where they belong. `total` is counted as the open-late KPI is (readLiveCounts: members
 * below `dueBefore(now)`), so the two always agree.
 */
export async function readLateBreakdown(store: Store, scope: Scope, now: number): Promise<LateBreakdown> {
  const index = keys.due(scope);
  const late = dueBefore(now);
  const [members, total] = await Promise.all([
    store.rangeLex(index, '-', late, LATE_READ_LIMIT),
    store.countLex(index, '-', late),
  ]);
  const ids = members.flatMap((m) => parseDueMember(m)?.dossierId ?? []);
  const records = await store.loadRecords(ids.map(keys.dossier));
  const groups = new Map<Scope, Group>();
  for (const id of ids) {
    const stored = records.get(keys.dossier(id));
    const dossier = stored ? (JSON.parse(stored.body) as DossierRecord) : undefined;
    const facts = dossier?.received;
    // The record is read after the set: one resolved or moved in between is no longer late here.
    if (!facts || dossier.resolved || facts.dueAt >= now || !belongsTo(scope, facts)) continue;
    const unit = scope.startsWith('agency:') ? communeScope(facts.commune) : agencyScope(facts.agency);
    const group = groups.get(unit);
    if (group) {
      group.late += 1;
      group.oldestDueAt = Math.min(group.oldestDueAt, facts.dueAt);
    } else {
      groups.set(unit, { scope: unit, late: 1, oldestDueAt: facts.dueAt });
    }
  }
  return {
    scope,
    serverTime: now,
    total,
    groups: [...groups.values()].sort((a, b) => b.late - a.late || (a.scope < b.scope ? -1 : 1)),
    truncated: total > LATE_READ_LIMIT,
  };
}

const belongsTo = (scope: Scope, unit: { commune: string; agency: string }) =>
  scope === 'province' || scope === communeScope(unit.commune) || scope === agencyScope(unit.agency);
