import type { IocEvent } from '../../shared/events';
import { applyBatch } from '../../server/aggregate/apply-batch';
import { parseDueMember } from '../../server/aggregate/due-index';
import { keys, STOCK } from '../../server/aggregate/keys';
import type { Scope } from '../../shared/scope';
import { addDayFlows, type Counters } from '../../shared/counters';
import type { VersionedRecord } from '../../server/store/types';

/**
 * A reference accumulator for unit tests: applies batches through the pure aggregator and keeps the
 * totals in plain maps, exactly as a store would, with no store at all.
 */
export class Totals {
  records = new Map<string, VersionedRecord>();
  hashes = new Map<string, Map<string, number>>();
  sets = new Map<string, Map<string, number>>();
  sources: Record<string, number> = {};
  applied = 0;
  duplicates = 0;
  #entry = 0;

  apply(...events: IocEvent[]): this {
    const { commit, applied, duplicates } = applyBatch(
      this.records,
      events.map((event) => ({ entryId: `${++this.#entry}-0`, event })),
    );
    this.applied += applied;
    this.duplicates += duplicates;
    for (const r of commit.records) this.records.set(r.key, { version: r.expect + 1, body: r.body });
    for (const [k, fields] of commit.hashes) {
      const h = this.hashes.get(k) ?? new Map<string, number>();
      for (const [f, n] of fields) h.set(f, (h.get(f) ?? 0) + n);
      this.hashes.set(k, h);
    }
    for (const [k, z] of commit.zsets) {
      const s = this.sets.get(k) ?? new Map<string, number>();
      for (const m of z.remove) s.delete(m);
      for (const [m, score] of z.add) s.set(m, score);
      this.sets.set(k, s);
    }
    for (const [s, t] of Object.entries(commit.sources)) this.sources[s] = Math.max(this.sources[s] ?? 0, t);
    return this;
  }

  /** One apply per event: the same events as separate batches. */
  applyEach(...events: IocEvent[]): this {
    for (const e of events) this.apply(e);
    return this;
  }

  counter(key: string, field: string): number {
    return this.hashes.get(key)?.get(field) ?? 0;
  }

  /** A whole hash with zero fields dropped, for comparing totals reached by different routes. */
  hash(key: string): Record<string, number> {
    return Object.fromEntries([...(this.hashes.get(key) ?? [])].filter(([, n]) => n !== 0));
  }

  /** A day hash's flows as a formula reads them: lagged counters summed, stock moves left out. */
  flows(key: string, maxLag = Infinity): Counters {
    const c: Counters = {};
    addDayFlows(c, Object.fromEntries(this.hashes.get(key) ?? []), maxLag);
    return Object.fromEntries(Object.entries(c).filter(([, n]) => n !== 0));
  }

  /** A hash's stock moves ("s.openLate" -> n) without the prefix, zeros dropped. */
  moves(key: string): Record<string, number> {
    return Object.fromEntries(
      [...(this.hashes.get(key) ?? [])]
        .filter(([f, n]) => f.startsWith(STOCK) && n !== 0)
        .map(([f, n]) => [f.slice(STOCK.length), n]),
    );
  }

  /** Open dossiers of a scope (members of its due index): how many, and how many are due before t. */
  openDossiers(scope: Scope, t: number): { total: number; below: number } {
    const members = [...(this.sets.get(keys.due(scope))?.keys() ?? [])];
    const late = members.filter((m) => (parseDueMember(m)?.dueAt ?? Infinity) < t);
    return { total: members.length, below: late.length };
  }

  /** Members of a sorted set scoring strictly below t (e.g. late at t), and its size. */
  count(key: string, t: number): { total: number; below: number } {
    const s = this.sets.get(key) ?? new Map();
    return { total: s.size, below: [...s.values()].filter((v) => v < t).length };
  }
}
