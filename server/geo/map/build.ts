import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROVINCES } from '../../../shared/provinces';
import { buildProvinceMap } from './province-map';

/**
 * Writes `province-<code>.json` for every province (or one with `--province 01`) into `--out`
 * (default dist/client/geo), so the offline wall ships its map with the client build.
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
for (const code of codes) {
  const map = buildProvinceMap(code, seed === undefined ? {} : { seed });
  const json = JSON.stringify(map);
  writeFileSync(join(values.out, `province-${code}.json`), json);
  total += json.length;
  console.log(
    `province-${code}.json: ${map.communes.features.length} communes, ` +
      `${map.context.features.length} context features, ${(json.length / 1024).toFixed(0)} KiB`,
  );
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${codes.length} province maps, ${(total / 1024).toFixed(0)} KiB in ${values.out} (${seconds} s)`,
);
