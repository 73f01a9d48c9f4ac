import { isSceneId, type SceneId } from '../../shared/scenes';

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
}

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
  };
}

/** The page's options, read once at load. */
export const pageOptions: PageOptions = parsePageOptions(globalThis.location?.search ?? '');
