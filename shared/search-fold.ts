/**
 * Names folded for search: no diacritics, đ as d, lower case, spaces collapsed, so "hong van" finds
 * "Hồng Vân" and "PHU CAT" finds "Phú Cát". A keyboard without Telex, or a hurried presenter, still finds
 * the commune.
 */
export const foldForSearch = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();

/** Whether every word of the query appears in the name, diacritics and case aside. */
export function matchesSearch(name: string, query: string): boolean {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const folded = foldForSearch(name);
  return words.every((w) => folded.includes(w));
}
