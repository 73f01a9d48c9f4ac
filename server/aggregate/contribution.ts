import type { Scope } from '../../shared/scope';
import type { Commit } from '../store/types';

/**
 * Where an entity's contribution goes: counter amounts, sorted-set memberships, and the scopes it
 * counts in. An entity's effect on the totals is always `contribution(new) − contribution(old)`, so an
 * event that arrives late, out of order, or replaces an earlier one (the latest `at` stands) moves every
 * counter by exactly the right amount, and an event applied twice changes nothing.
 */
export interface Sink {
  count(key: string, field: string, n: number): void;
  member(key: string, member: string, score: number): void;
  scope(s: Scope): void;
}

/** A contribution held in memory, for entities whose old contribution must be subtracted. */
export class Contribution implements Sink {
  readonly counts = new Map<string, Map<string, number>>();
  readonly members = new Map<string, Map<string, number>>();
  readonly scopes = new Set<Scope>();

  count(key: string, field: string, n: number): void {
    if (n === 0) return;
    let h = this.counts.get(key);
    if (!h) this.counts.set(key, (h = new Map()));
    h.set(field, (h.get(field) ?? 0) + n);
  }
  member(key: string, member: string, score: number): void {
    let z = this.members.get(key);
    if (!z) this.members.set(key, (z = new Map()));
    z.set(member, score);
  }
  scope(s: Scope): void {
    this.scopes.add(s);
  }
}

/**
 * Writes straight into a commit. A record that was never stored contributed nothing, so its whole
 * contribution is the difference: no intermediate maps (most events of a live day start a dossier).
 */
export class CommitSink implements Sink {
  constructor(
    private readonly commit: Commit,
    private readonly scopes: Set<Scope>,
  ) {}

  count(key: string, field: string, n: number): void {
    if (n !== 0) addTo(hashOf(this.commit, key), field, n);
  }
  member(key: string, member: string, score: number): void {
    zsetOf(this.commit, key).add.set(member, score);
  }
  scope(s: Scope): void {
    this.scopes.add(s);
  }
}

/** Adds `after − before` to the commit: counter differences, set members that left or (re)joined. */
export function mergeDifference(
  commit: Commit,
  scopes: Set<Scope>,
  before: Contribution,
  after: Contribution,
): void {
  for (const [key, a] of after.counts) {
    const b = before.counts.get(key);
    let h: Map<string, number> | undefined;
    for (const [field, n] of a) {
      const d = n - (b?.get(field) ?? 0);
      if (d !== 0) addTo((h ??= hashOf(commit, key)), field, d);
    }
  }
  for (const [key, b] of before.counts) {
    const a = after.counts.get(key);
    for (const [field, n] of b) if (!a?.has(field)) addTo(hashOf(commit, key), field, -n);
  }
  for (const [key, a] of after.members) {
    const b = before.members.get(key);
    for (const [m, score] of a) if (b?.get(m) !== score) zsetOf(commit, key).add.set(m, score);
  }
  for (const [key, b] of before.members) {
    const a = after.members.get(key);
    for (const [m] of b) if (!a?.has(m)) zsetOf(commit, key).remove.add(m);
  }
  // Every scope the entity counts in, before or after: over-marking one costs the hub a recompute
  // that changes nothing; under-marking would leave a screen wrong.
  for (const s of before.scopes) scopes.add(s);
  for (const s of after.scopes) scopes.add(s);
}

function hashOf(commit: Commit, key: string): Map<string, number> {
  let h = commit.hashes.get(key);
  if (!h) commit.hashes.set(key, (h = new Map()));
  return h;
}

function zsetOf(commit: Commit, key: string) {
  let z = commit.zsets.get(key);
  if (!z) commit.zsets.set(key, (z = { add: new Map(), remove: new Set() }));
  return z;
}

const addTo = (h: Map<string, number>, field: string, n: number) => h.set(field, (h.get(field) ?? 0) + n);
