import type { Scope } from '../../shared/scope';

/**
 * What one entity's state adds to the aggregate: counter amounts and sorted-set memberships.
 * An entity's effect on the totals is always `contribution(new) − contribution(old)`, so an event that
 * arrives late, out of order, or replaces an earlier one (the latest `at` stands) moves every counter
 * by exactly the right amount, and an event applied twice changes nothing.
 */
export interface Contribution {
  /** hash key -> field -> amount */
  counters: Map<string, Map<string, number>>;
  /** sorted-set key -> member -> score */
  members: Map<string, Map<string, number>>;
  /** scope of each key, to tell the hub what moved */
  scopeOf: Map<string, Scope>;
}

export function emptyContribution(): Contribution {
  return { counters: new Map(), members: new Map(), scopeOf: new Map() };
}

export function addCount(c: Contribution, key: string, scope: Scope, field: string, n: number): void {
  if (n === 0) return;
  let h = c.counters.get(key);
  if (!h) c.counters.set(key, (h = new Map()));
  h.set(field, (h.get(field) ?? 0) + n);
  c.scopeOf.set(key, scope);
}

export function addMember(c: Contribution, key: string, scope: Scope, member: string, score: number): void {
  let z = c.members.get(key);
  if (!z) c.members.set(key, (z = new Map()));
  z.set(member, score);
  c.scopeOf.set(key, scope);
}
