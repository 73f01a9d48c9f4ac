import { kpiAsOf } from '../../shared/evaluate';
import { kpiDef } from '../../shared/kpis';
import type { Feed } from '../lib/net/feed.svelte';
import { unitValues, type UnitValue } from '../lib/map/unit-values';

const ON_TIME = kpiDef('onTimeRate');
const LATE = kpiDef('open.late');
const NONE: ReadonlyMap<string, UnitValue> = new Map();

/**
 * Today's live numbers of every commune and agency, from the wall's `units` socket feed: one stream for
 * the map's colours and the rankings instead of a request per commune. The feed (and with it the socket)
 * is loaded only when a screen first asks for it, after the session check, and listens only while one
 * reads it.
 */
class LiveUnits {
  #feed = $state.raw<Feed | null>(null);
  #started = false;

  /** Loads the feed module (which opens the socket) once. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    void import('../lib/net/feed.svelte').then((m) => (this.#feed = m.unitsFeed));
  }

  /** Every commune's on-time rate today, by commune code. */
  get communeOnTime(): ReadonlyMap<string, UnitValue> {
    return this.#feed ? unitValues(this.#feed.values, 'commune', ON_TIME.id) : NONE;
  }
  /** Every commune's open late dossiers now, by commune code. */
  get communeLate(): ReadonlyMap<string, UnitValue> {
    return this.#feed ? unitValues(this.#feed.values, 'commune', LATE.id) : NONE;
  }
  /** Every agency's on-time rate today, by agency id. */
  get agencyOnTime(): ReadonlyMap<string, UnitValue> {
    return this.#feed ? unitValues(this.#feed.values, 'agency', ON_TIME.id) : NONE;
  }
  /** Server time up to which the rates are complete (the dossier source's last word); null before. */
  get asOf(): number | null {
    return this.#feed ? kpiAsOf(ON_TIME, this.#feed.sources) : null;
  }
  /** Whether the numbers are the hub's current ones (false while the socket is down or catching up). */
  get live(): boolean {
    return this.#feed?.inSync ?? false;
  }
  /** Whether any number has arrived. */
  get hasData(): boolean {
    return this.#feed?.hasData ?? false;
  }
}

/** The page's live units. */
export const liveUnits = new LiveUnits();
