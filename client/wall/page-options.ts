import { isPeriod, type Period } from '../../shared/periods';
import { isSceneId, type SceneId } from '../../shared/scenes';
import { parseScope, type Scope } from '../../shared/scope';

/** What the wall's address asks for: `?scene=map&kiosk&kpi=onTimeRate&dim=22:00-06:00`. */
export interface PageOptions {
  /** Show this scene and never rotate. */
  pin: SceneId | null;
  /** Hide every control: the wall is watched, not touched. */
  kiosk: boolean;
  /** The KPI the map colours communes by. */
  mapKpi: string;
  /** Night dimming window in server time, or null to never dim. */
  dim: { from: number; to: number } | null;
  /** What the scenes show (`?scope=commune:00004`) when no meeting steers them; the province by default. */
  scope: Scope;
  /** The period the scenes show (`?period=7d`) when no meeting steers them; today by default. */
  period: Period;
}

/** A scope the address names, or the whole province when it names none or a malformed one. */
export function scopeOf(param: string | null): Scope {
  if (!param) return 'province';
  const parsed = parseScope(param);
  return 'scope' in parsed ? parsed.scope : 'province';
}

/** The commune a scope focuses on (its 5-digit code), or null for the province or an agency. */
export const communeOf = (scope: Scope): string | null =>
  scope.startsWith('commune:') ? scope.slice('commune:'.length) : null;

/** Minutes of the day of "HH:MM", or null when it is not a time. */
const minutesOf = (hhmm: string): number | null => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

/** The default night: panels dim from 22:00 to 06:00, when nobody reads them closely. */
export const DEFAULT_DIM = { from: 22 * 60, to: 6 * 60 };

export function parsePageOptions(search: string): PageOptions {
  const q = new URLSearchParams(search);
  const scene = q.get('scene');
  const period = q.get('period');
  let dim: PageOptions['dim'] = DEFAULT_DIM;
  const dimParam = q.get('dim');
  if (dimParam === 'off') dim = null;
  else if (dimParam) {
    const [from, to] = dimParam.split('-').map(minutesOf);
    // A malformed window keeps the default rather than leaving a panel bright all night.
    if (from != null && to != null && from !== to) dim = { from, to };
  }
  return {
    pin: isSceneId(scene) ? scene : null,
    kiosk: q.has('kiosk') && q.get('kiosk') !== '0' && q.get('kiosk') !== 'false',
    mapKpi: q.get('kpi') ?? 'onTimeRate',
    dim,
    scope: scopeOf(q.get('scope')),
    period: isPeriod(period) ? period : 'today',
  };
}

/** The page's options, read once at load. */
export const pageOptions: PageOptions = parsePageOptions(globalThis.location?.search ?? '');
