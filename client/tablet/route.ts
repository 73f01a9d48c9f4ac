import { isPeriod, type Period } from '../../shared/periods';
import { parseScope, type Scope } from '../../shared/scope';

/**
 * Where a leader stands in the drill-down, as the address says it:
 *   /tablet?scope=commune:00004&period=30d
 *   /tablet?scope=agency:so-tu-phap&period=7d&via=commune:00004   (an agency reached from a commune)
 * Pure, so the rules can be tested without a browser.
 */
export interface DrillState {
  scope: Scope;
  /** The commune the leader came through to reach an agency, kept for the breadcrumb; else null. */
  via: Scope | null;
  period: Period;
}

export const HOME: DrillState = { scope: 'province', via: null, period: 'today' };

const isCommune = (s: Scope | null): s is `commune:${string}` => s?.startsWith('commune:') ?? false;
const isAgency = (s: Scope | null): s is `agency:${string}` => s?.startsWith('agency:') ?? false;

/** The kind of a scope: which screen shows it. */
export function scopeKind(scope: Scope): 'province' | 'commune' | 'agency' {
  return isCommune(scope) ? 'commune' : isAgency(scope) ? 'agency' : 'province';
}

/** The id after the colon ("00004", "so-tu-phap"); "" for the province. */
export const scopeId = (scope: Scope): string => scope.slice(scope.indexOf(':') + 1 || scope.length);

/** The drill state of an address's query string; anything unreadable falls back to the province today. */
export function readDrill(search: string): DrillState {
  const q = new URLSearchParams(search);
  const parsed = parseScope(q.get('scope') ?? 'province');
  const scope = 'scope' in parsed ? parsed.scope : HOME.scope;
  const viaParsed = parseScope(q.get('via') ?? '');
  const via = 'scope' in viaParsed && isCommune(viaParsed.scope) && isAgency(scope) ? viaParsed.scope : null;
  const period = q.get('period');
  return { scope, via, period: isPeriod(period) ? period : HOME.period };
}

/** A query value with the scope's colon left readable ("commune:00004", not "commune%3A00004"). */
const encode = (v: string) => encodeURIComponent(v).replace(/%3A/gi, ':');

/**
 * The query string for a drill state. Other parameters of the current address (`lang=en`) are kept, so
 * a shared or reloaded link opens the same screen in the same language.
 */
export function drillSearch(state: DrillState, current = ''): string {
  const own = ['scope', 'period', 'via'];
  const pairs: [string, string][] = [
    ['scope', state.scope],
    ['period', state.period],
  ];
  if (state.via && isAgency(state.scope)) pairs.push(['via', state.via]);
  for (const [k, v] of new URLSearchParams(current)) if (!own.includes(k)) pairs.push([k, v]);
  return `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`;
}

/** One step down: an agency tapped in a commune keeps the commune in the trail; anything else starts afresh. */
export function drillInto(state: DrillState, target: Scope): DrillState {
  const via = isAgency(target) && isCommune(state.scope) ? state.scope : null;
  return { scope: target, via, period: state.period };
}

/** The breadcrumb: the province, the commune passed through (if any), the scope shown. */
export function crumbsOf(state: DrillState): Scope[] {
  if (state.scope === 'province') return ['province'];
  return state.via ? ['province', state.via, state.scope] : ['province', state.scope];
}

/** The state a tap on a breadcrumb leads to (the last crumb is where the leader already is). */
export function upTo(state: DrillState, crumb: Scope): DrillState {
  if (crumb === state.scope) return state;
  return { scope: crumb, via: null, period: state.period };
}

/** Whether two drill states show the same screen. */
export const sameDrill = (a: DrillState, b: DrillState): boolean =>
  a.scope === b.scope && a.via === b.via && a.period === b.period;
