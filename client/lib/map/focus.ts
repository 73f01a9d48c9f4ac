import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  LngLatBoundsLike,
  Map,
  StyleSpecification,
} from 'maplibre-gl';
import { MAP_FONT, SOURCE, TEXT_LAYERS, type ProvinceGeo } from './style';

type Commune = ProvinceGeo['communes']['features'][number];

/** Layers the focus adds over the communes: a dark casing, the strong outline, and the commune's name. */
export const FOCUS_LAYERS = { casing: 'focus-casing', outline: 'focus-outline', name: 'focus-name' } as const;
/** The accent (app.css --accent): the one colour that means "this is what we are looking at". */
const ACCENT = '#ffd34d';
/** Fill opacity of the whole province with no focus, and of the focus, its neighbours and the rest. */
export const OPACITY = { none: 0.92, focus: 0.95, near: 0.6, far: 0.28 } as const;
/** A code no commune has: filters that must match nothing while the province is shown. */
const NOBODY = '-----';

const ringsOf = (g: Polygon | MultiPolygon): Position[][] =>
  g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();

/** A commune's bounding box, [west, south, east, north]. */
export function boundsOf(f: Feature<Polygon | MultiPolygon>): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of ringsOf(f.geometry)) {
    for (const p of ring) {
      const [x, y] = p as [number, number];
      w = Math.min(w, x);
      s = Math.min(s, y);
      e = Math.max(e, x);
      n = Math.max(n, y);
    }
  }
  return [w, s, e, n];
}

/**
 * The communes sharing a border with `code`: those with a vertex in common with it. The map's communes
 * are cut from one partition (server/geo/map), so neighbours share their border's vertices exactly;
 * rounding to about a metre absorbs the simplifier's float noise.
 */
export function neighboursOf(communes: readonly Commune[], code: string): Set<string> {
  const key = (p: Position) => `${(p[0] as number).toFixed(5)},${(p[1] as number).toFixed(5)}`;
  const self = communes.find((f) => f.properties.ma_xa === code);
  const found = new Set<string>();
  if (!self) return found;
  const mine = new Set(ringsOf(self.geometry).flatMap((r) => r.map(key)));
  const [w, s, e, n] = boundsOf(self);
  for (const f of communes) {
    if (f === self) continue;
    const [fw, fs, fe, fn] = boundsOf(f);
    // Only communes whose boxes touch can share a vertex: skips reading most geometry.
    if (fw > e + 1e-4 || fe < w - 1e-4 || fs > n + 1e-4 || fn < s - 1e-4) continue;
    if (ringsOf(f.geometry).some((r) => r.some((p) => mine.has(key(p))))) found.add(f.properties.ma_xa);
  }
  return found;
}

/** Text size of the focus label for a screen's label size. */
export const focusTextSize = (size: number) => Math.round(size * 1.7);

/** The focus layers; they match no commune until a focus is set. */
function focusLayers(textSize: number): [LayerSpecification, LayerSpecification, LayerSpecification] {
  const none: FilterSpecification = ['==', ['get', 'ma_xa'], NOBODY];
  return [
    {
      id: FOCUS_LAYERS.casing,
      type: 'line',
      source: SOURCE.communes,
      filter: none,
      // A dark casing under the accent line: the outline reads on any class colour, yellow included.
      paint: { 'line-color': '#050a14', 'line-width': 11, 'line-opacity': 0.85, 'line-blur': 2 },
    },
    {
      id: FOCUS_LAYERS.outline,
      type: 'line',
      source: SOURCE.communes,
      filter: none,
      paint: { 'line-color': ACCENT, 'line-width': 5 },
    },
    {
      id: FOCUS_LAYERS.name,
      type: 'symbol',
      source: 'labels',
      filter: none,
      layout: {
        // The full name ("Xã Hồng Vân"), larger than any other: it is what the meeting talks about.
        'text-field': ['get', 'ten_xa'],
        'text-font': [MAP_FONT],
        'text-size': focusTextSize(textSize),
        'text-allow-overlap': true,
        'text-ignore-placement': true,
        'text-max-width': 12,
      },
      paint: { 'text-color': '#ffffff', 'text-halo-color': '#050a14', 'text-halo-width': 2.4 },
    },
  ];
}

/**
 * provinceStyle with the focus layers added: the outline over the province's, the name over everything
 * (a late ring may sit beside it, never on it).
 */
export function withFocusLayers(style: StyleSpecification, textSize: number): StyleSpecification {
  const [casing, outline, name] = focusLayers(textSize);
  const at = style.layers.findIndex((l) => l.id === 'province-outline') + 1;
  const layers = [...style.layers.slice(0, at), casing, outline, ...style.layers.slice(at), name];
  return { ...style, layers };
}

/**
 * Points the map at `code` (or back at the whole province when null): outline and name on the commune,
 * its neighbours a little dimmed, the rest of the province dimmed more, and the camera on its bounds.
 * `animate` false jumps there at once (a hidden scene must already show it when it is switched to).
 */
export function applyFocus(
  m: Map,
  geo: ProvinceGeo,
  code: string | null,
  camera: { padding: number | Record<'top' | 'bottom' | 'left' | 'right', number>; animate: boolean },
): boolean {
  const self = code ? geo.communes.features.find((f) => f.properties.ma_xa === code) : undefined;
  const focus = self ? self.properties.ma_xa : null;
  const only: FilterSpecification = ['==', ['get', 'ma_xa'], focus ?? NOBODY];
  for (const id of Object.values(FOCUS_LAYERS)) m.setFilter(id, only);
  // The commune's own small name gives way to its large one.
  m.setFilter(TEXT_LAYERS.names, focus ? ['!=', ['get', 'ma_xa'], focus] : null);
  const near = focus ? [...neighboursOf(geo.communes.features, focus)] : [];
  const opacity: ExpressionSpecification | number = focus
    ? near.length > 0
      ? ['match', ['get', 'ma_xa'], focus, OPACITY.focus, near, OPACITY.near, OPACITY.far]
      : ['match', ['get', 'ma_xa'], focus, OPACITY.focus, OPACITY.far]
    : OPACITY.none;
  m.setPaintProperty('commune-fill', 'fill-opacity', opacity);
  // The province's own yellow edge steps back: one accent outline on screen, the focus's.
  m.setPaintProperty('province-outline', 'line-opacity', focus ? 0.35 : 1);
  m.setPaintProperty('province-glow', 'line-opacity', focus ? 0 : 0.18);
  // Names far from the focus fade with their communes: the eye goes to the focus and its neighbours.
  m.setPaintProperty(
    TEXT_LAYERS.names,
    'text-opacity',
    focus ? ['match', ['get', 'ma_xa'], near.length > 0 ? near : [NOBODY], 1, 0.45] : 1,
  );
  const bounds: LngLatBoundsLike = self ? boundsOf(self) : geo.bbox;
  m.fitBounds(bounds, { padding: camera.padding, animate: camera.animate, duration: 900, maxZoom: 13 });
  return focus !== null;
}

/**
 * Room around the province: a little of the neighbours shows, for orientation, and the top keeps clear
 * of the banner so it never covers a commune. A focused commune keeps a wide margin, where its
 * neighbours show.
 */
export function mapPadding(el: HTMLElement, banner: boolean, focused = false) {
  const side = Math.round(Math.min(el.clientWidth, el.clientHeight) * (focused ? 0.16 : 0.04));
  return {
    top: side + (banner ? Math.round(window.innerHeight * 0.05) : 0),
    bottom: side,
    left: side,
    right: side,
  };
}
