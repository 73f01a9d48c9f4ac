import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { NO_DATA_COLOUR } from './choropleth';
import { contextLabels, type LabelProperties } from './label-points';

/** GET /geo/province.json as server/geo/map/province-map.ts builds it (or with an operator's communes). */
export interface ProvinceGeo {
  province: { type: 'Feature'; geometry: MultiPolygon; properties: { ma_tinh: string; ten_tinh: string } };
  communes: FeatureCollection<
    Polygon | MultiPolygon,
    { ma_xa: string; ten_xa: string; ma_tinh: string; synthetic: boolean }
  >;
  context: FeatureCollection<
    MultiPolygon,
    { kind: 'country' | 'province'; name?: string; ten_tinh?: string }
  >;
  bbox: [number, number, number, number];
  /** True while the communes are the invented partition: the screen must say so. */
  synthetic: boolean;
}

/** Source ids, for feature-state and setData. */
export const SOURCE = { communes: 'communes', late: 'late' } as const;
/** Layers whose text size follows the screen height; the late rings' radius follows it too. */
export const TEXT_LAYERS = {
  names: 'commune-names',
  lateCounts: 'late-counts',
  context: 'context-names',
} as const;
export const LATE_RINGS = 'late-rings';

/** The family client/main.ts loads; MapLibre draws it locally because the style has no `glyphs`. */
export const MAP_FONT = 'Be Vietnam Pro';

/** Label size in px for a screen height: readable from across the room, at least 12 px. */
export const labelSize = (innerHeight: number) => Math.max(12, Math.round(0.017 * innerHeight));

/** A commune's count of late dossiers, drawn as a red ring with the number at its label point. */
interface LateProperties {
  ma_xa: string;
  late: number;
}

/** The late-dossier markers: one point per commune with any, at its ring point, apart from its name. */
export function lateMarkers(
  labels: FeatureCollection<Point, LabelProperties>,
  late: ReadonlyMap<string, number>,
): FeatureCollection<Point, LateProperties> {
  return {
    type: 'FeatureCollection',
    features: labels.features.flatMap((f) => {
      const n = late.get(f.properties.ma_xa) ?? 0;
      if (n <= 0) return [];
      return [
        {
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: f.properties.ring },
          properties: { ma_xa: f.properties.ma_xa, late: n },
        },
      ];
    }),
  };
}

const PALETTE = {
  background: '#050a14',
  country: '#0a1120',
  neighbour: '#0e1828',
  contextLine: '#2a3a55',
  contextText: '#6f7e96',
  communeLine: '#050a14',
  outline: '#ffd34d',
  text: '#f2f5fa',
  halo: '#050a14',
  late: '#ff5a5a',
  lateDisc: '#8c1a1f',
};

/** The largest ring, in label sizes: a few big rings must not hide the province. */
const RING_MAX = 1.5;

/** The ring grows with the count, but only so far. */
export const lateRadius = (size: number): ExpressionSpecification => [
  'interpolate',
  ['linear'],
  ['get', 'late'],
  1,
  size * 0.75,
  20,
  size * 1.1,
  100,
  size * RING_MAX,
];

/**
 * Room the ring's count claims around its text in the label collision, in px: as wide as the largest
 * ring, so a name never lands under a ring (the count is placed first, being the topmost layer).
 */
export const ringPadding = (size: number) => Math.ceil(size * RING_MAX - size / 2);

/**
 * The whole map as one MapLibre style: inline GeoJSON sources only (the wall is offline, so no URL of
 * any host), no `glyphs` (text is drawn locally from the page's font, Vietnamese diacritics included),
 * communes coloured by feature-state `colour` so live values never re-upload geometry.
 */
export function provinceStyle(
  geo: ProvinceGeo,
  labels: FeatureCollection<Point, LabelProperties>,
  textSize: number,
): StyleSpecification {
  return {
    version: 8,
    sources: {
      context: { type: 'geojson', data: geo.context },
      contextLabels: { type: 'geojson', data: contextLabels(geo.context) },
      province: { type: 'geojson', data: geo.province },
      [SOURCE.communes]: { type: 'geojson', data: geo.communes, promoteId: 'ma_xa' },
      labels: { type: 'geojson', data: labels },
      [SOURCE.late]: { type: 'geojson', data: lateMarkers(labels, new Map()), promoteId: 'ma_xa' },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': PALETTE.background } },
      {
        id: 'context-fill',
        type: 'fill',
        source: 'context',
        paint: {
          'fill-color': ['match', ['get', 'kind'], 'province', PALETTE.neighbour, PALETTE.country],
        },
      },
      {
        id: 'context-line',
        type: 'line',
        source: 'context',
        paint: { 'line-color': PALETTE.contextLine, 'line-width': 1 },
      },
      {
        id: 'commune-fill',
        type: 'fill',
        source: SOURCE.communes,
        paint: {
          'fill-color': ['coalesce', ['feature-state', 'colour'], NO_DATA_COLOUR],
          'fill-opacity': 0.92,
        },
      },
      {
        id: 'commune-line',
        type: 'line',
        source: SOURCE.communes,
        paint: { 'line-color': PALETTE.communeLine, 'line-width': 1, 'line-opacity': 0.8 },
      },
      // A soft glow under the outline, so the province edge reads against both land and sea.
      {
        id: 'province-glow',
        type: 'line',
        source: 'province',
        paint: { 'line-color': PALETTE.outline, 'line-width': 9, 'line-opacity': 0.18, 'line-blur': 4 },
      },
      {
        id: 'province-outline',
        type: 'line',
        source: 'province',
        paint: { 'line-color': PALETTE.outline, 'line-width': 3 },
      },
      {
        id: TEXT_LAYERS.context,
        type: 'symbol',
        source: 'contextLabels',
        layout: {
          'text-field': ['get', 'name'],
          'text-font': [MAP_FONT],
          'text-size': textSize * 0.9,
          'text-transform': 'uppercase',
          'text-letter-spacing': 0.1,
        },
        paint: { 'text-color': PALETTE.contextText, 'text-halo-color': PALETTE.halo, 'text-halo-width': 1 },
      },
      {
        id: TEXT_LAYERS.names,
        type: 'symbol',
        source: 'labels',
        layout: {
          'text-field': ['get', 'short'],
          'text-font': [MAP_FONT],
          'text-size': textSize,
          'symbol-sort-key': ['get', 'rank'],
          // Centred on the commune's pole of inaccessibility, so the name stays in its own cell; a name
          // that would touch a ring or another name is left out rather than moved into a neighbour.
          'text-max-width': 8,
          'text-padding': 2,
        },
        paint: { 'text-color': PALETTE.text, 'text-halo-color': PALETTE.halo, 'text-halo-width': 1.6 },
      },
      {
        id: LATE_RINGS,
        type: 'circle',
        source: SOURCE.late,
        paint: {
          'circle-radius': lateRadius(textSize),
          // A dark red disc under a white number: readable on any class colour beneath.
          'circle-color': PALETTE.lateDisc,
          'circle-stroke-color': PALETTE.late,
          'circle-stroke-width': Math.max(2, textSize / 8),
        },
      },
      {
        id: TEXT_LAYERS.lateCounts,
        type: 'symbol',
        source: SOURCE.late,
        layout: {
          'text-field': ['to-string', ['get', 'late']],
          'text-font': [MAP_FONT],
          'text-size': textSize,
          // A count is never hidden by a name: it is the reason to look at the map. Its padding covers
          // the ring, so names placed after it keep clear of the whole ring.
          'text-allow-overlap': true,
          'text-ignore-placement': false,
          'text-padding': ringPadding(textSize),
        },
        paint: { 'text-color': '#ffffff', 'text-halo-color': '#7a0f14', 'text-halo-width': 1.4 },
      },
    ],
  };
}
