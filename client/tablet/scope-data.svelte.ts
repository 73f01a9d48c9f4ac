import type { LateBreakdown, SeriesResponse } from '../../shared/drill';
import type { PeriodResponse } from '../../shared/history';
import type { Period } from '../../shared/periods';
import type { Scope } from '../../shared/scope';
import { Resource } from './resource.svelte';

/** How often the numbers on screen are read again while the tablet is in use. */
export const REFRESH_MS = 30_000;

const q = (scope: Scope, period?: Period) =>
  `scope=${encodeURIComponent(scope)}${period ? `&period=${encodeURIComponent(period)}` : ''}`;

/**
 * The numbers of the place and period on screen: its KPIs against the period before, its curves, and
 * its late dossiers now. Read at once, then again every REFRESH_MS while the tablet is awake.
 */
export class ScopeData {
  /** GET /api/v1/kpis/period. */
  readonly kpis = new Resource<PeriodResponse>();
  /** GET /api/v1/kpis/series (shared/drill.ts). */
  readonly series = new Resource<SeriesResponse>();
  /** GET /api/v1/late: the province's and a commune's by agency, an agency's by commune. */
  readonly late = new Resource<LateBreakdown>();

  /** Shows a place and period; returns what stops its reads (the next place's reads replace them). */
  show(scope: Scope, period: Period): () => void {
    let abort = new AbortController();
    const read = () => {
      abort.abort();
      abort = new AbortController();
      const { signal } = abort;
      void this.kpis.load(`/api/v1/kpis/period?${q(scope, period)}`, signal);
      void this.series.load(`/api/v1/kpis/series?${q(scope, period)}`, signal);
      void this.late.load(`/api/v1/late?${q(scope)}`, signal);
    };
    read();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') read();
    }, REFRESH_MS);
    // A tablet woken from sleep reads at once rather than showing numbers from before its nap.
    const onWake = () => {
      if (document.visibilityState === 'visible') read();
    };
    document.addEventListener('visibilitychange', onWake);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onWake);
      abort.abort();
    };
  }
}

/** The page's numbers. */
export const scopeData = new ScopeData();
