import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServerProcess } from '../support/server-process';

/**
 * An operator's file that is wrong must stop the server at start with exit code 2 and a message naming
 * the problem: a wall that comes up with half a map or a default rotation would hide the mistake.
 */
describe('the server refuses a bad operator file at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-startup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the broken ring of a commune boundaries file (COMMUNES_GEOJSON) and exits with 2', async () => {
    const file = join(dir, 'communes.geojson');
    const open = [
      [105.8, 21.0],
      [105.9, 21.0],
      [105.9, 21.1],
      [105.8, 21.1],
    ];
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Polygon', coordinates: [open] },
            properties: { ma_xa: '00004', ten_xa: 'Phường Ba Đình', ma_tinh: '01' },
          },
        ],
      }),
    );
    const start = startServerProcess(
      { REDIS_URL: '', SIMULATOR: 'off', COMMUNES_GEOJSON: file },
      await freePort(),
    );
    await expect(start).rejects.toThrow(/server exited \(2\)/);
    await expect(start).rejects.toThrow(/features\[0\]\.geometry\.coordinates\[0\]: ring is not closed/);
  });

  it('names the bad scene of a schedule file (SCENES_FILE) and exits with 2', async () => {
    const file = join(dir, 'scenes.json');
    writeFileSync(file, JSON.stringify({ scenes: [{ id: 'weather', durationSec: 30 }] }));
    const start = startServerProcess(
      { REDIS_URL: '', SIMULATOR: 'off', SCENES_FILE: file },
      await freePort(),
    );
    await expect(start).rejects.toThrow(/server exited \(2\)/);
    await expect(start).rejects.toThrow(
      /scenes\.0\.id: must be one of overview, dossiers, dueSoon, payments, tasks, map/,
    );
  });
});
