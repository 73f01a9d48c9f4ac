import type { Period } from '../../shared/periods';
import type { Scope } from '../../shared/scope';
import {
  crumbsOf,
  drillInto,
  drillSearch,
  readDrill,
  sameDrill,
  scopeKind,
  upTo,
  type DrillState,
} from './route';

/**
 * The drill-down's place, kept in the address so a leader can share or reload it: every step down or up
 * is a history entry (the back button walks back up); a period is a lens, not a step, so choosing one
 * replaces the entry, and walking back keeps the period the leader chose.
 */
class Drill {
  #state = $state.raw<DrillState>(readDrill(globalThis.location?.search ?? ''));

  /** What the screen shows: province, commune:<code> or agency:<id>. */
  get scope(): Scope {
    return this.#state.scope;
  }
  /** Which screen shows it. */
  get kind(): 'province' | 'commune' | 'agency' {
    return scopeKind(this.#state.scope);
  }
  /** The commune passed through on the way to an agency, or null. */
  get via(): Scope | null {
    return this.#state.via;
  }
  get period(): Period {
    return this.#state.period;
  }
  /** The breadcrumb, province first. */
  get crumbs(): Scope[] {
    return crumbsOf(this.#state);
  }

  /** Listens to the back and forward buttons; returns the listener's removal. */
  start(): () => void {
    this.#write('replace');
    const onPop = () => {
      const period = this.#state.period;
      this.#state = { ...readDrill(location.search), period };
      this.#write('replace');
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }

  /** A tapped commune or agency: one step down. */
  open(target: Scope): void {
    this.#go(drillInto(this.#state, target));
  }

  /** A tapped breadcrumb: back up to it. */
  up(crumb: Scope): void {
    this.#go(upTo(this.#state, crumb));
  }

  /** Another period for the same place. */
  choose(period: Period): void {
    if (period === this.#state.period) return;
    this.#state = { ...this.#state, period };
    this.#write('replace');
  }

  #go(next: DrillState): void {
    if (sameDrill(next, this.#state)) return;
    this.#state = next;
    this.#write('push');
  }

  #write(how: 'push' | 'replace'): void {
    const url = `${location.pathname}${drillSearch(this.#state, location.search)}`;
    if (url === location.pathname + location.search) return;
    if (how === 'push') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }
}

/** The page's drill-down. */
export const drill = new Drill();
