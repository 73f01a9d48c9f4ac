export { lang, parseLang, withLang, type Dictionary, type Words } from './lang';
export { label, t, type WordKey } from './t';
export * from './vocabulary';
export { place } from './place.svelte';
