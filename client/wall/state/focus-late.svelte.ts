import type { LateBreakdown } from '../../../shared/drill';
import type { Scope } from '../../../shared/scope';
import type { RankInput } from '../charts/ranking';
import { KeptReads, type Kept } from './kept-reads.svelte';
import { dataViewOf } from './view-data-map';
import { meeting } from './meeting.svelte';
import { viewData } from './view-data.svelte';

/** Read again this often while a unit is in view, as the period numbers are. */
const REFRESH_MS = 30_000;

/**
 * A focused unit's own ranking: the dossiers open and late now in a commune, by agency, or of an agency,
 * by commune (/api/v1/late, counted the way the open-late KPI is, so the rows add up to the tile). The
 * units feed carries each unit's totals only, not an agency's within a commune, so this is what "its
 * agencies" can be ranked by exactly. It is a count of now, whatever the period in view.
 */
class FocusLate {
  #reads = new KeptReads<LateBreakdown>('late dossiers');

  /** The breakdown of a unit, if read; null for the province (its rankings are the units feed's). */
  of(scope: Scope): Kept<LateBreakdown> | null {
    return scope === 'province' ? null : this.#reads.get(scope);
  }

  /** Ranking rows of a unit's breakdown, named from the directory. */
  rows(scope: Scope, name: (unit: Scope) => string): RankInput[] {
    return (this.of(scope)?.data.groups ?? []).map((g) => ({
      id: g.scope,
      name: name(g.scope),
      value: g.late,
    }));
  }

  async fetch(scope: Scope): Promise<void> {
    if (scope !== 'province')
      await this.#reads.read(scope, `/api/v1/late?scope=${encodeURIComponent(scope)}`);
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
