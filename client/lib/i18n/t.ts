import type { Lang } from '../../../shared/format';
import { placeWording } from '../../../shared/provinces';
import { ADMIN } from './admin';
import { COMMON } from './common';
import { DOSSIERS } from './dossiers';
import { DUE_TODAY } from './due-today';
import { lang, type Words } from './lang';
import { MEETING } from './meeting';
import { place } from './place.svelte';
import { SIGN_IN } from './sign-in';
import { TABLET } from './tablet';
import { WALL } from './wall';

/**
 * Every word of every page: a dictionary per audience and one for the words they share. A key names one
 * word in one dictionary (test/unit/client/structure.test.ts checks that no two share a key).
 */
const WORDS = { ...COMMON, ...WALL, ...TABLET, ...MEETING, ...ADMIN, ...SIGN_IN, ...DOSSIERS, ...DUE_TODAY };

export type WordKey = keyof typeof WORDS;

/**
 * A bilingual entry (a word, a KPI's label, a vocabulary entry) in the page's language, worded for a
 * centrally-run city ("Toàn thành phố") when the server runs for one.
 */
export const label = (entry: Words, l: Lang = lang): string => placeWording(entry[l], place.kind);

/** A word in the page's language, its `{name}` holes filled from `vars` (a hole with no value stays). */
export function t(key: WordKey, vars?: Readonly<Record<string, string | number>>, l: Lang = lang): string {
  const text = placeWording(WORDS[key][l], place.kind);
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (hole, name: string) => (name in vars ? String(vars[name]) : hole));
}
