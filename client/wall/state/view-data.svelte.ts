import type { KpiValue } from '../../../shared/evaluate';
import type { PeriodResponse } from '../../../shared/history';
import type { KpiDef } from '../../../shared/kpis';
import type { KpiKey, SourceWords, WireKpi } from '../../../shared/socket';
import { KeptReads } from './kept-reads.svelte';
import { provinceFeed, unitsFeed } from '../../lib/net/feed.svelte';
import { meeting } from './meeting.svelte';
import {
  dataViewOf,
  dataViewOfSearch,
  isLiveView,
  isProvinceToday,
  periodReading,
  periodSources,
  periodValues,
  PROVINCE_TODAY,
  unitValues,
  viewKey,
  type DataView,
} from './view-data-map';

/** A period's numbers are read again this often while the wall shows them (as the tablet does). */
export const REFRESH_MS = 30_000;
/** An answer older than this (the server did not answer since) is shown as not current, with its age. */
export const STALE_MS = 2 * REFRESH_MS + 5_000;
const EMPTY = new Map<KpiKey, WireKpi>();

/**
 * The numbers of the wall's current view {scope, period}, behind the interface the scenes read from the
 * province feed (reading, values with `province|…` keys, sources, inSync, hasData). The view is the
 * meeting's when the wall follows one, else the address's `?scope=`/`?period=`, else the province today.
 * Province today is the live province feed as ever; a unit today is the live units feed's values of that
 * unit; any other period is /api/v1/kpis/period, read every 30 s while shown, the last answer kept.
 * A change coming in a meeting is fetched at once, and the follower says it is ready for it.
 */
class ViewData {
  #answers = new KeptReads<PeriodResponse>('view data');
  #page = dataViewOfSearch(globalThis.location?.search ?? '');

  /** The view on screen. */
  get view(): DataView {
    const v = meeting.view;
    return v ? dataViewOf(v) : (this.#page ?? PROVINCE_TODAY);
  }
  /** Whether a view was asked for (a meeting, or the address): the scenes then say which on screen. */
  get stated(): boolean {
    return meeting.view !== null || this.#page !== null;
  }
  /** The province's today: hourly curves, the comparison day and unit rankings belong to it only. */
  get provinceToday(): boolean {
    return isProvinceToday(this.view);
  }
  /** The period answer on screen, if the view is a period. */
  get answer(): PeriodResponse | null {
    const v = this.view;
    return isLiveView(v) ? null : (this.#answers.get(viewKey(v))?.data ?? null);
  }

  reading(def: KpiDef): KpiValue | null {
    const v = this.view;
    if (v.period === 'today') return this.#feed(v).reading(def, v.scope);
    const answer = this.answer;
    return answer ? periodReading(answer, def) : null;
  }

  #unitValues = $derived.by(() => {
    const v = this.view;
    return v.period === 'today' && v.scope !== 'province' ? unitValues(unitsFeed.values, v.scope) : EMPTY;
  });
  #periodValues = $derived.by(() => (this.answer ? periodValues(this.answer) : EMPTY));

  get values(): ReadonlyMap<KpiKey, WireKpi> {
    const v = this.view;
    if (isProvinceToday(v)) return provinceFeed.values;
    return v.period === 'today' ? this.#unitValues : this.#periodValues;
  }

  get sources(): Readonly<Partial<SourceWords>> {
    const v = this.view;
    if (v.period === 'today') return this.#feed(v).sources;
    return this.answer ? periodSources(this.answer) : {};
  }

  get hasData(): boolean {
    return this.isReady(this.view);
  }

  get inSync(): boolean {
    const v = this.view;
    if (v.period === 'today') return this.#feed(v).inSync;
    const held = this.#answers.get(viewKey(v));
    return !!held && !held.failed && Date.now() - held.at < STALE_MS;
  }

  /**
   * Whether a KPI can have a value in the view at all: tasks are assigned to agencies, never to a
   * commune, so a commune's task counts are not "waiting", they do not exist (KPIS.md, event model).
   */
  applies(def: Pick<KpiDef, 'group'>): boolean {
    return !(def.group === 'tasks' && this.view.scope.startsWith('commune:'));
  }

  /** Whether the numbers of a view are at hand (a live feed that has spoken, or a period's answer). */
  isReady(v: DataView): boolean {
    return isLiveView(v) ? this.#feed(v).hasData : this.#answers.has(viewKey(v));
  }

  #feed(v: DataView) {
    return v.scope === 'province' ? provinceFeed : unitsFeed;
  }

  /** Reads a period's numbers (once at a time per view); a failure keeps the last answer, flagged. */
  async fetch(v: DataView): Promise<void> {
    if (isLiveView(v)) return;
    const url = `/api/v1/kpis/period?scope=${encodeURIComponent(v.scope)}&period=${encodeURIComponent(v.period)}`;
    await this.#answers.read(viewKey(v), url);
  }
}

export const viewData = new ViewData();

$effect.root(() => {
  // The period on screen is read while shown, every REFRESH_MS.
  $effect(() => {
    const v = viewData.view;
    if (isLiveView(v)) return;
    void viewData.fetch(v);
    const timer = setInterval(() => void viewData.fetch(v), REFRESH_MS);
    return () => clearInterval(timer);
  });
  // The change coming is fetched at once; the presenter hears which change this wall holds the data of.
  $effect(() => {
    const seq = meeting.upcomingSeq;
    const next = meeting.upcoming;
    if (seq !== null && next) {
      const v = dataViewOf(next);
      if (viewData.isReady(v)) meeting.ready(seq);
      else void viewData.fetch(v);
    }
    const shown = meeting.appliedSeq;
    const view = meeting.view;
    if (shown !== null && view && viewData.isReady(dataViewOf(view))) meeting.ready(shown);
  });
});
