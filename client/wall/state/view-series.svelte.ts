import type { SeriesResponse } from '../../../shared/drill';
import { KeptReads, readWhileShown, type Kept } from './kept-reads.svelte';
import { dataViewOf, isProvinceToday, viewKey, type DataView } from './view-data-map';
import { meeting } from './meeting.svelte';
import { viewData } from './view-data.svelte';

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

readWhileShown(
  () => (isProvinceToday(viewData.view) ? null : viewData.view),
  () => (meeting.upcoming ? dataViewOf(meeting.upcoming) : null),
  (v) => void viewSeries.fetch(v),
);
