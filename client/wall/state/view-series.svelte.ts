import type { SeriesResponse } from '../../../shared/drill';
import { KeptReads, type Kept } from './kept-reads.svelte';
import { dataViewOf, isProvinceToday, viewKey, type DataView } from './view-data-map';
import { meeting } from './meeting.svelte';
import { viewData } from './view-data.svelte';

/** Read again this often while shown, as the period numbers are. */
const REFRESH_MS = 30_000;

/**
 * The curves of a view other than the province today (/api/v1/kpis/series): a unit's hours of today
 * against yesterday's, or a period's days against the period before. The province's today keeps its
 * live hourly curves of the feed, compared with the tiles' comparison day.
 */
class ViewSeries {
  #reads = new KeptReads<SeriesResponse>('curves');

  /** The curves of the view on screen; null for the province today, or before they are read. */
  get shown(): Kept<SeriesResponse> | null {
    const v = viewData.view;
    return isProvinceToday(v) ? null : this.#reads.get(viewKey(v));
  }

  async fetch(v: DataView): Promise<void> {
    if (isProvinceToday(v)) return;
    const path = `/api/v1/kpis/series?scope=${encodeURIComponent(v.scope)}&period=${encodeURIComponent(v.period)}`;
    await this.#reads.read(viewKey(v), path);
  }
}

export const viewSeries = new ViewSeries();

$effect.root(() => {
  $effect(() => {
    const v = viewData.view;
    if (isProvinceToday(v)) return;
    void viewSeries.fetch(v);
    const timer = setInterval(() => void viewSeries.fetch(v), REFRESH_MS);
    return () => clearInterval(timer);
  });
  // A meeting's coming view is read ahead, with its numbers (view-data.svelte.ts).
  $effect(() => {
    const next = meeting.upcoming;
    if (next) void viewSeries.fetch(dataViewOf(next));
  });
});
