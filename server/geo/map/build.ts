import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROVINCES, provinceByCode } from '../../../shared/provinces';
import {
  placedLine,
  placementMarkdown,
  placementReport,
  provinceReport,
  type ProvincePlacementReport,
} from './placement-report';
import { buildProvinceMapWithPlacements } from './province-map';

/**
 * Writes `province-<code>.json` for every province (or one with `--province 01`) into `--out`
 * (default dist/client/geo), so the offline wall ships its map with the client build, and beside them
 * `placement-report.json` / `.md`: which wards sit where the gazetteer puts them and which do not.
 */
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'dist/client/geo' },
    province: { type: 'string' },
    seed: { type: 'string' },
  },
});

const codes = values.province ? [values.province] : PROVINCES.map((p) => p.code);
const seed = values.seed === undefined ? undefined : Number(values.seed);
mkdirSync(values.out, { recursive: true });

const started = performance.now();
let total = 0;
const reports: ProvincePlacementReport[] = [];
for (const code of codes) {
  const { map, placements } = buildProvinceMapWithPlacements(code, seed === undefined ? {} : { seed });
  const json = JSON.stringify(map);
  writeFileSync(join(values.out, `province-${code}.json`), json);
  total += json.length;
  const report = provinceReport(code, provinceByCode(code)?.name ?? code, placements);
  reports.push(report);
  console.log(
    `province-${code}.json: ${map.communes.features.length} communes, ` +
      `${map.context.features.length} context features, ${(json.length / 1024).toFixed(0)} KiB; ` +
      placedLine(report.fromGazetteer, report.wards),
  );
}
const report = placementReport(reports);
writeFileSync(join(values.out, 'placement-report.json'), JSON.stringify(report, null, 1));
writeFileSync(join(values.out, 'placement-report.md'), placementMarkdown(report));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${codes.length} province maps, ${(total / 1024).toFixed(0)} KiB in ${values.out} (${seconds} s); ` +
    `${placedLine(report.fromGazetteer, report.wards)} (placement-report.md)`,
);
