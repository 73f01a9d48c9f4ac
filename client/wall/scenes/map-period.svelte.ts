import type { DayKey } from '../../../shared/brand';
import type { CommunePeriodResponse } from '../../../shared/commune-period';
import type { Period } from '../../../shared/periods';
import type { KpiKey, WireKpi } from '../../../shared/socket';
import { periodName } from '../../lib/i18n';
import { clock } from '../../lib/net/clock.svelte';
import { unitsFeed } from '../../lib/net/feed.svelte';
import type { UnitValue } from '../../lib/map/unit-values';
import { KeptReads, type Kept } from '../state/kept-reads.svelte';
import { REFRESH_MS, STALE_MS } from '../state/view-data.svelte';
import { communeValues, NO_VALUES, periodCommuneValues } from './map-lists';

/**
 * The map scene's numbers under a period other than today (issue 15): every commune's values of the
 * colour KPI and the late count over that period, from GET /api/v1/kpis/communes in one request, read
 * every 30 s while the period is in view (as view-data reads the tiles' period), the last answer kept
 * and marked when it could not be read again. Today stays the live units feed, as before.
 */

/** The count drawn as red rings and listed beside the map: late dossiers open (at the period's end). */
export const LATE_ID = 'open.late';

/** Answers kept: the period on screen and a few the presenter went back to. */
const KEEP = 6;

/** The KPIs one map asks for: its colour KPI and the late count (once, when it colours by it). */
const kpisOf = (kpiId: string): string[] => [...new Set([kpiId, LATE_ID])];
const keyOf = (period: Period, kpiId: string) => `${period}|${kpisOf(kpiId).join(',')}`;

class MapPeriod {
  #answers = new KeptReads<CommunePeriodResponse>('map period', KEEP);

  held(period: Period, kpiId: string): Kept<CommunePeriodResponse> | null {
    return this.#answers.get(keyOf(period, kpiId)) ?? null;
  }

  fetch(period: Period, kpiId: string): Promise<void> {
    const kpis = kpisOf(kpiId).map(encodeURIComponent).join(',');
    return this.#answers.read(keyOf(period, kpiId), `/api/v1/kpis/communes?period=${period}&kpis=${kpis}`);
  }
}

const mapPeriod = new MapPeriod();

/** What a map shows: its period, the KPI it colours by, and whether it is on screen or about to be. */
export interface MapView {
  period: Period;
  kpiId: string;
  active: boolean;
}

/**
 * Reads the period's communes every REFRESH_MS while the map is `active` (on screen, or about to be) and
 * shows a period other than today (call in a component). A map kept mounted off screen reads nothing.
 */
export function readWhileShown(view: () => MapView): void {
  $effect(() => {
    const { period: p, kpiId: id, active } = view();
    if (p === 'today' || !active) return;
    void mapPeriod.fetch(p, id);
    const timer = setInterval(() => void mapPeriod.fetch(p, id), REFRESH_MS);
    return () => clearInterval(timer);
  });
}

/**
 * The communes' values of `kpiId` the map shows while it colours by `mapKpi`: today's from the live
 * units feed; a period's from its answer, none at all until it comes (never today's in its place).
 */
export function communeValuesOf(
  period: Period,
  mapKpi: string,
  kpiId: string,
  units: ReadonlyMap<KpiKey, WireKpi>,
): ReadonlyMap<string, UnitValue> {
  if (period === 'today') return communeValues(units, kpiId);
  const held = mapPeriod.held(period, mapKpi);
  return held ? periodCommuneValues(held.data, kpiId) : NO_VALUES;
}

/** What the map's colours are of, said on the scene: today (live), or a period's answer and its age. */
export type MapValuesState =
  | { kind: 'today' }
  | { kind: 'loading'; period: Period }
  | { kind: 'period'; period: Period; from: DayKey; to: DayKey; asOf: number; stale: boolean };

/** `tick` (the wall clock) makes a derived state look again: an answer not read again turns stale. */
export function mapValuesState(period: Period, mapKpi: string, tick: number): MapValuesState {
  void tick;
  const now = Date.now();
  if (period === 'today') return { kind: 'today' };
  const held = mapPeriod.held(period, mapKpi);
  if (!held) return { kind: 'loading', period };
  const { from, to, serverTime } = held.data;
  return {
    kind: 'period',
    period,
    from,
    to,
    asOf: serverTime,
    stale: held.failed || now - held.at > STALE_MS,
  };
}

/**
 * What the map scene shows for its period and colour KPI, made in the scene's setup (it reads the
 * period's communes while shown): the communes' values, the late counts, and what they are of.
 */
export function mapValues(view: () => MapView) {
  readWhileShown(view);
  const period = () => view().period;
  const kpiId = () => view().kpiId;
  const values = $derived(communeValuesOf(period(), kpiId(), kpiId(), unitsFeed.values));
  const late = $derived(communeValuesOf(period(), kpiId(), LATE_ID, unitsFeed.values));
  const state = $derived(mapValuesState(period(), kpiId(), clock.current));
  return {
    get values() {
      return values;
    },
    get late() {
      return late;
    },
    get state() {
      return state;
    },
    /** The map's test hook: the period its colours are of, "none" while a period's are awaited. */
    get valuesFor(): string {
      return state.kind === 'loading' ? 'none' : period();
    },
    /** Under a period: " · 7 ngày" after a list's title. */
    get over(): string {
      return period() === 'today' ? '' : ` · ${periodName(period())}`;
    },
  };
}
