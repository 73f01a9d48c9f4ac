/**
 * The 34 provinces and centrally governed cities of Vietnam since 1/7/2025 (Resolution 202/2025/QH15),
 * with codes from Decision 19/2025/QĐ-TTg and the former provinces merged into each. Carried from the
 * team's reference table (provinces-2025.csv) into code, because the running project must not depend on
 * a folder outside the repository.
 */

/** One province of 2025. */
export interface Province {
  /** Two-digit code, e.g. "01". */
  readonly code: string;
  /** Short Vietnamese name, e.g. "Hà Nội" (without "Tỉnh" / "Thành phố"). */
  readonly name: string;
  /** The provinces of before 1/7/2025 whose territory it took over (itself first when it kept its name). */
  readonly mergedFrom: readonly string[];
}

export const PROVINCES = [
  { code: '01', name: 'Hà Nội', mergedFrom: ['Hà Nội'] },
  { code: '04', name: 'Cao Bằng', mergedFrom: ['Cao Bằng'] },
  { code: '08', name: 'Tuyên Quang', mergedFrom: ['Tuyên Quang', 'Hà Giang'] },
  { code: '11', name: 'Điện Biên', mergedFrom: ['Điện Biên'] },
  { code: '12', name: 'Lai Châu', mergedFrom: ['Lai Châu'] },
  { code: '14', name: 'Sơn La', mergedFrom: ['Sơn La'] },
  { code: '15', name: 'Lào Cai', mergedFrom: ['Lào Cai', 'Yên Bái'] },
  { code: '19', name: 'Thái Nguyên', mergedFrom: ['Thái Nguyên', 'Bắc Kạn'] },
  { code: '20', name: 'Lạng Sơn', mergedFrom: ['Lạng Sơn'] },
  { code: '22', name: 'Quảng Ninh', mergedFrom: ['Quảng Ninh'] },
  { code: '24', name: 'Bắc Ninh', mergedFrom: ['Bắc Ninh', 'Bắc Giang'] },
  { code: '25', name: 'Phú Thọ', mergedFrom: ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình'] },
  { code: '31', name: 'Hải Phòng', mergedFrom: ['Hải Phòng', 'Hải Dương'] },
  { code: '33', name: 'Hưng Yên', mergedFrom: ['Hưng Yên', 'Thái Bình'] },
  { code: '37', name: 'Ninh Bình', mergedFrom: ['Ninh Bình', 'Hà Nam', 'Nam Định'] },
  { code: '38', name: 'Thanh Hóa', mergedFrom: ['Thanh Hóa'] },
  { code: '40', name: 'Nghệ An', mergedFrom: ['Nghệ An'] },
  { code: '42', name: 'Hà Tĩnh', mergedFrom: ['Hà Tĩnh'] },
  { code: '44', name: 'Quảng Trị', mergedFrom: ['Quảng Trị', 'Quảng Bình'] },
  { code: '46', name: 'Huế', mergedFrom: ['Thừa Thiên Huế'] },
  { code: '48', name: 'Đà Nẵng', mergedFrom: ['Đà Nẵng', 'Quảng Nam'] },
  { code: '51', name: 'Quảng Ngãi', mergedFrom: ['Quảng Ngãi', 'Kon Tum'] },
  { code: '52', name: 'Gia Lai', mergedFrom: ['Gia Lai', 'Bình Định'] },
  { code: '56', name: 'Khánh Hòa', mergedFrom: ['Khánh Hòa', 'Ninh Thuận'] },
  { code: '66', name: 'Đắk Lắk', mergedFrom: ['Đắk Lắk', 'Phú Yên'] },
  { code: '68', name: 'Lâm Đồng', mergedFrom: ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận'] },
  { code: '75', name: 'Đồng Nai', mergedFrom: ['Đồng Nai', 'Bình Phước'] },
  { code: '79', name: 'Hồ Chí Minh', mergedFrom: ['Hồ Chí Minh', 'Bình Dương', 'Bà Rịa–Vũng Tàu'] },
  { code: '80', name: 'Tây Ninh', mergedFrom: ['Tây Ninh', 'Long An'] },
  { code: '82', name: 'Đồng Tháp', mergedFrom: ['Đồng Tháp', 'Tiền Giang'] },
  { code: '86', name: 'Vĩnh Long', mergedFrom: ['Vĩnh Long', 'Bến Tre', 'Trà Vinh'] },
  { code: '91', name: 'An Giang', mergedFrom: ['An Giang', 'Kiên Giang'] },
  { code: '92', name: 'Cần Thơ', mergedFrom: ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang'] },
  { code: '96', name: 'Cà Mau', mergedFrom: ['Cà Mau', 'Bạc Liêu'] },
] as const satisfies readonly Province[];

/** A province code of 2025, e.g. "01". */
export type ProvinceCode = (typeof PROVINCES)[number]['code'];

const byCode = new Map<string, Province>(PROVINCES.map((p) => [p.code, p]));

/** The province with this two-digit code, or undefined when there is none. */
export function provinceByCode(code: string): Province | undefined {
  return byCode.get(code);
}

/** The 34 codes, in order (for validating configuration). */
export const PROVINCE_CODES = PROVINCES.map((p) => p.code) as [ProvinceCode, ...ProvinceCode[]];

/**
 * The centrally-run cities (thành phố trực thuộc trung ương) since 1/7/2025: Hà Nội, Hải Phòng, Huế,
 * Đà Nẵng, Hồ Chí Minh and Cần Thơ, as the address database's place_type says. Their screens say
 * "thành phố" where a province's say "tỉnh": "Toàn thành phố", "Công an thành phố".
 */
export const CENTRAL_CITY_CODES: readonly ProvinceCode[] = ['01', '31', '46', '48', '79', '92'];

/** Whether a province code is one of the centrally-run cities. */
export const isCentralCity = (code: string): boolean =>
  (CENTRAL_CITY_CODES as readonly string[]).includes(code);

/** What the unit is called on screens: a province (tỉnh) or a centrally-run city (thành phố). */
export type ProvinceKind = 'province' | 'city';

export const provinceKindOf = (code: string): ProvinceKind => (isCentralCity(code) ? 'city' : 'province');

/** "tỉnh" as a word of its own (not inside "Tỉnh lộ"-like compounds is not needed: names never hold it). */
const VI_PROVINCE = /(^|[\s(—–-])([Tt])ỉnh(?=$|[\s),.:;—–-])/gu;
const EN_PROVINCE = /\b([Pp])rovinc(e|ial)\b/g;

/**
 * A sentence written for a province, worded for a city when `kind` is 'city': "Toàn tỉnh" → "Toàn thành
 * phố", "Công an tỉnh" → "Công an thành phố", "Whole province" → "Whole city", "Provincial Police" →
 * "City Police". A province's text comes back unchanged.
 */
export function placeWording(text: string, kind: ProvinceKind): string {
  if (kind !== 'city') return text;
  return text
    .replace(VI_PROVINCE, (_m, before: string, t: string) => `${before}${t === 'T' ? 'Thành' : 'thành'} phố`)
    .replace(EN_PROVINCE, (_m, p: string) => (p === 'P' ? 'City' : 'city'));
}
