import type { LateBreakdown } from '../../../shared/drill';
import type { Scope } from '../../../shared/scope';
import type { RankInput } from '../charts/ranking';
import { KeptReads, readWhileShown, type Kept } from './kept-reads.svelte';
import { dataViewOf } from './view-data-map';
import { meeting } from './meeting.svelte';
import { viewData } from './view-data.svelte';

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

readWhileShown(
  () => (viewData.view.scope === 'province' ? null : viewData.view.scope),
  () => (meeting.upcoming ? dataViewOf(meeting.upcoming).scope : null),
  (scope) => void focusLate.fetch(scope),
);
