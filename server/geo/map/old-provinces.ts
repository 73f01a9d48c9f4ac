import { createRequire } from 'node:module';
import type {
  Feature,
  FeatureCollection,
  MultiPolygon as GeoMultiPolygon,
  Polygon as GeoPolygon,
} from 'geojson';
import type { MultiPolygon } from './clip';
import { assignMinorIslands } from './minor-islands';

/**
 * Outlines of the 63 provinces of before 1/7/2025 from Natural Earth admin-1 (public domain), carried in
 * `data/vnm-admin1.json` (GeoJSON; where it comes from: data/PROVENANCE.md). Features are matched by `gn_name`, the GeoNames ASCII name,
 * because it is the one property that names every province: `name` holds region names for four features
 * ("Đông Bắc", "Đồng Bằng Sông Hồng", …), some names lack or garble diacritics ("Ð?ng Tháp"), and
 * `code_hasc` is just "VN." for thirteen features.
 */

/** `gn_name` of each feature → the former province's name as written in `PROVINCES[].mergedFrom`. */
const OLD_PROVINCE_BY_GN_NAME: Readonly<Record<string, string>> = {
  'Thanh Pho Ha Noi': 'Hà Nội',
  'Tinh Ha Giang': 'Hà Giang',
  'Tinh Cao Bang': 'Cao Bằng',
  'Tinh Bac Kan': 'Bắc Kạn',
  'Tinh Tuyen Quang': 'Tuyên Quang',
  'Tinh Lao Cai': 'Lào Cai',
  'Huyen Dien Bien': 'Điện Biên',
  'Tinh Lai Chau': 'Lai Châu',
  'Tinh Son La': 'Sơn La',
  'Tinh Yen Bai': 'Yên Bái',
  'Tinh Hoa Binh': 'Hòa Bình',
  'Tinh Thai Nguyen': 'Thái Nguyên',
  'Tinh Lang Son': 'Lạng Sơn',
  'Tinh Quang Ninh': 'Quảng Ninh',
  'Tinh Bac Giang': 'Bắc Giang',
  'Tinh Phu Tho': 'Phú Thọ',
  'Tinh Vinh Phuc': 'Vĩnh Phúc',
  'Tinh Bac Ninh': 'Bắc Ninh',
  'Tinh Hai Duong': 'Hải Dương',
  'Thanh Pho Hai Phong': 'Hải Phòng',
  'Tinh Hung Yen': 'Hưng Yên',
  'Tinh Thai Binh': 'Thái Bình',
  'Tinh Ha Nam': 'Hà Nam',
  'Tinh Nam Dinh': 'Nam Định',
  'Tinh Ninh Binh': 'Ninh Bình',
  'Tinh Thanh Hoa': 'Thanh Hóa',
  'Tinh Nghe An': 'Nghệ An',
  'Tinh Ha Tinh': 'Hà Tĩnh',
  'Tinh Quang Binh': 'Quảng Bình',
  'Tinh Quang Tri': 'Quảng Trị',
  'Tinh Thua Thien-Hue': 'Thừa Thiên Huế',
  'Thanh Pho Da Nang': 'Đà Nẵng',
  'Tinh Quang Nam': 'Quảng Nam',
  'Tinh Quang Ngai': 'Quảng Ngãi',
  'Tinh Binh Dinh': 'Bình Định',
  'Tinh Phu Yen': 'Phú Yên',
  'Tinh Khanh Hoa': 'Khánh Hòa',
  'Tinh Ninh Thuan': 'Ninh Thuận',
  'Tinh Binh Thuan': 'Bình Thuận',
  'Tinh Kon Tum': 'Kon Tum',
  'Tinh Gia Lai': 'Gia Lai',
  'Tinh Dak Lak': 'Đắk Lắk',
  'Dak Nong': 'Đắk Nông',
  'Tinh Lam Dong': 'Lâm Đồng',
  'Tinh Binh Phuoc': 'Bình Phước',
  'Tinh Tay Ninh': 'Tây Ninh',
  'Tinh Binh Duong': 'Bình Dương',
  'Tinh Dong Nai': 'Đồng Nai',
  'Tinh Ba Ria-Vung Tau': 'Bà Rịa–Vũng Tàu',
  'Thanh pho Ho Chi Minh': 'Hồ Chí Minh',
  'Tinh Long An': 'Long An',
  'Tinh Tien Giang': 'Tiền Giang',
  'Tinh Ben Tre': 'Bến Tre',
  'Tinh Tra Vinh': 'Trà Vinh',
  'Tinh Vinh Long': 'Vĩnh Long',
  'Tinh Dong Thap': 'Đồng Tháp',
  'Tinh An Giang': 'An Giang',
  'Tinh Kien Giang': 'Kiên Giang',
  'Thanh Pho Can Tho': 'Cần Thơ',
  'Hau Giang': 'Hậu Giang',
  'Tinh Soc Trang': 'Sóc Trăng',
  'Tinh Bac Lieu': 'Bạc Liêu',
  'Tinh Ca Mau': 'Cà Mau',
};

type AdminFeature = Feature<GeoPolygon | GeoMultiPolygon, { gn_name: string | null; code_hasc: string }>;

/** `code_hasc` of the unnamed feature that holds small offshore islands of several provinces. */
const MINOR_ISLANDS = '-99';

let outlines: Map<string, MultiPolygon> | null = null;

/** Former province name → its outline, with the minor islands the source filed apart given back. */
export function oldProvinceOutlines(): ReadonlyMap<string, MultiPolygon> {
  if (outlines) return outlines;
  const data = createRequire(import.meta.url)('./data/vnm-admin1.json') as FeatureCollection<
    AdminFeature['geometry'],
    AdminFeature['properties']
  >;
  const map = new Map<string, MultiPolygon>();
  let islands = new Map<string, MultiPolygon>();
  for (const { properties, geometry } of data.features) {
    const coords = (
      geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
    ) as MultiPolygon;
    if (properties.code_hasc === MINOR_ISLANDS) {
      islands = assignMinorIslands(coords);
      continue;
    }
    const name = properties.gn_name ? OLD_PROVINCE_BY_GN_NAME[properties.gn_name] : undefined;
    if (!name) throw new Error(`vnm-admin1.json: no former province for gn_name "${properties.gn_name}"`);
    if (map.has(name)) throw new Error(`vnm-admin1.json: two features for ${name}`);
    map.set(name, coords);
  }
  for (const [name, parts] of islands) map.set(name, [...oldProvinceOutlineIn(map, name), ...parts]);
  outlines = map;
  return map;
}

function oldProvinceOutlineIn(map: ReadonlyMap<string, MultiPolygon>, name: string): MultiPolygon {
  const outline = map.get(name);
  if (!outline) throw new Error(`vnm-admin1.json has no outline for the former province "${name}"`);
  return outline;
}

/** The outline of one former province; throws when the data has none, so a missing one fails the build. */
export function oldProvinceOutline(name: string): MultiPolygon {
  return oldProvinceOutlineIn(oldProvinceOutlines(), name);
}
