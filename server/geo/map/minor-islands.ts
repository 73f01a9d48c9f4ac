import type { MultiPolygon, Pair, Polygon } from './clip';

/**
 * Natural Earth puts eleven small offshore islands in one unnamed feature ("Vietnam minor island",
 * code_hasc "-99") instead of in their provinces. They are given back to their former province here, by
 * the island's approximate centre; nearest-province matching gets Bạch Long Vĩ and Cù Lao Xanh wrong.
 */
const ISLANDS: readonly { centre: Pair; province: string; island: string }[] = [
  { centre: [104.84, 8.43], province: 'Cà Mau', island: 'Hòn Khoai' },
  { centre: [103.47, 9.29], province: 'Kiên Giang', island: 'Thổ Chu' },
  { centre: [104.36, 9.68], province: 'Kiên Giang', island: 'Nam Du' },
  { centre: [104.64, 9.81], province: 'Kiên Giang', island: 'Hòn Tre (Kiên Hải)' },
  { centre: [109.36, 13.62], province: 'Bình Định', island: 'Cù Lao Xanh' },
  { centre: [109.12, 15.38], province: 'Quảng Ngãi', island: 'Lý Sơn' },
  { centre: [108.52, 15.95], province: 'Quảng Nam', island: 'Cù Lao Chàm' },
  { centre: [105.93, 19.37], province: 'Thanh Hóa', island: 'Hòn Mê' },
  { centre: [107.74, 20.13], province: 'Hải Phòng', island: 'Bạch Long Vĩ' },
  { centre: [107.47, 20.73], province: 'Quảng Ninh', island: 'islets off Vân Đồn' },
  { centre: [107.97, 21.24], province: 'Quảng Ninh', island: 'Trần (Cô Tô)' },
];

function centreOf(polygon: Polygon): Pair {
  const ring = polygon[0] ?? [];
  const sum = ring.reduce<Pair>((acc, [x, y]) => [acc[0] + x, acc[1] + y], [0, 0]);
  return [sum[0] / ring.length, sum[1] / ring.length];
}

/**
 * Splits the minor-island feature into former province name → its islands. Throws on an island the
 * table does not know, so a change in the data fails the build instead of silently losing land.
 */
export function assignMinorIslands(islands: MultiPolygon): Map<string, MultiPolygon> {
  const byProvince = new Map<string, MultiPolygon>();
  for (const polygon of islands) {
    const [x, y] = centreOf(polygon);
    const match = ISLANDS.find(({ centre }) => Math.hypot(centre[0] - x, centre[1] - y) < 0.05);
    if (!match)
      throw new Error(`vnm-admin1.json: unknown minor island near ${x.toFixed(2)}, ${y.toFixed(2)}`);
    byProvince.set(match.province, [...(byProvince.get(match.province) ?? []), polygon]);
  }
  return byProvince;
}
