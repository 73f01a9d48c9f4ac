import { SvelteMap } from 'svelte/reactivity';
import type { LateBreakdown } from '../../../shared/drill';
import type { Scope } from '../../../shared/scope';
import { getJson } from '../../lib/net/api';
import type { RankInput } from '../charts/ranking';
import { dataViewOf } from './view-data-map';
import { meeting } from './meeting.svelte';
import { viewData } from './view-data.svelte';

/** Read again this often while a unit is in view, as the period numbers are. */
const REFRESH_MS = 30_000;
/** Units kept (the one shown, the one coming, a few the presenter went back to). */
const KEEP = 8;

interface Held {
  breakdown: LateBreakdown;
  failed: boolean;
}

/**
 * A focused unit's own ranking: the dossiers open and late now in a commune, by agency, or of an agency,
 * by commune (/api/v1/late, counted the way the open-late KPI is, so the rows add up to the tile). The
 * units feed carries each unit's totals only, not an agency's within a commune, so this is what "its
 * agencies" can be ranked by exactly. It is a count of now, whatever the period in view.
 */
class FocusLate {
  #held = new SvelteMap<Scope, Held>();
  #inFlight = new Set<Scope>();

  /** The breakdown of a unit, if read; null for the province (its rankings are the units feed's). */
  of(scope: Scope): Held | null {
    return scope === 'province' ? null : (this.#held.get(scope) ?? null);
  }

  /** Ranking rows of a unit's breakdown, named from the directory. */
  rows(scope: Scope, name: (unit: Scope) => string): RankInput[] {
    return (this.of(scope)?.breakdown.groups ?? []).map((g) => ({
      id: g.scope,
      name: name(g.scope),
      value: g.late,
    }));
  }

  async fetch(scope: Scope): Promise<void> {
    if (scope === 'province' || this.#inFlight.has(scope)) return;
    this.#inFlight.add(scope);
    try {
      const breakdown = await getJson<LateBreakdown>(`/api/v1/late?scope=${encodeURIComponent(scope)}`);
      this.#held.delete(scope);
      this.#held.set(scope, { breakdown, failed: false });
      for (const old of this.#held.keys()) {
        if (this.#held.size <= KEEP) break;
        this.#held.delete(old);
      }
    } catch (err) {
      // The last answer stays, flagged: the ranking then says it is not current.
      const held = this.#held.get(scope);
      if (held) this.#held.set(scope, { ...held, failed: true });
      console.warn(`late dossiers of ${scope}: read failed`, err);
    } finally {
      this.#inFlight.delete(scope);
    }
  }
}

export const focusLate = new FocusLate();

$effect.root(() => {
  $effect(() => {
    const scope = viewData.view.scope;
    if (scope === 'province') return;
    void focusLate.fetch(scope);
    const timer = setInterval(() => void focusLate.fetch(scope), REFRESH_MS);
    return () => clearInterval(timer);
  });
  // A meeting's coming unit is read ahead, with its numbers (view-data.svelte.ts).
  $effect(() => {
    const next = meeting.upcoming;
    if (next) void focusLate.fetch(dataViewOf(next).scope);
  });
});
