import type { Lang } from '../../../shared/format';

/** Words in both languages of the screens, Vietnamese first. */
export type Words = Readonly<Record<Lang, string>>;
/** A dictionary: one entry per word a page shows. */
export type Dictionary = Readonly<Record<string, Words>>;

/** The language asked for in the address (`?lang=en`); Vietnamese otherwise. */
export function parseLang(search: string): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'vi';
}

/** The page's language, fixed at load: a screen does not switch language mid-run. */
export const lang: Lang = parseLang(globalThis.location?.search ?? '');

/** Paths are parsed against an empty file: base, which has no host, so nothing here leaves the site. */
const BASE = 'file:///';

/** `path` in the page's language: "?lang=en" carried along when the page is in English. */
export function withLang(path: string, l: Lang = lang): string {
  if (l !== 'en') return path;
  const url = new URL(path, BASE);
  url.searchParams.set('lang', 'en');
  return `${url.pathname}${url.search}${url.hash}`;
}
