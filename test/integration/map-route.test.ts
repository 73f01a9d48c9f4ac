import express from 'express';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { mapRouter, type MapRouteOptions } from '../../server/geo/map-route';

/** The client build, where `pretest` ran `npm run build:map`. */
const staticDir = fileURLToPath(new URL('../../dist/client', import.meta.url));

interface MapBody {
  synthetic: boolean;
  bbox: number[];
  province: { properties: { ma_tinh: string } };
  communes: { features: { properties: Record<string, unknown> }[] };
  context: { features: unknown[] };
}

describe(mapRouter.name, () => {
  let close = async () => {};
  afterEach(() => close());

  /** Serves just the map route on port 0 and GETs /geo/province.json. */
  async function get(opts: Partial<MapRouteOptions> = {}) {
    const app = express().use(mapRouter({ province: '01', staticDir, communesFile: null, ...opts }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    close = () => new Promise((r) => void server.close(() => r()));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/geo/province.json`);
    return { status: res.status, body: (await res.json()) as MapBody };
  }

  it('GET /geo/province.json sends the built, synthetic map of the province by default', async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    expect(body.synthetic).toBe(true);
    expect(body.province.properties.ma_tinh).toBe('01');
    expect(body.communes.features.length).toBeGreaterThan(100);
    expect(body.communes.features.every((f) => f.properties.synthetic === true)).toBe(true);
  });

  it("sends the operator's communes in place of the synthetic ones, keeping outline and context", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'map-route-'));
    const communesFile = join(dir, 'communes.geojson');
    const ring = [
      [105.8, 21.0],
      [105.81, 21.0],
      [105.81, 21.01],
      [105.8, 21.0],
    ];
    writeFileSync(
      communesFile,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { ma_xa: '00004', ten_xa: 'Phường Ba Đình', ma_tinh: '01' },
            geometry: { type: 'Polygon', coordinates: [ring] },
          },
        ],
      }),
    );
    const { status, body } = await get({ communesFile });
    expect(status).toBe(200);
    expect(body.synthetic).toBe(false);
    expect(body.communes.features.map((f) => f.properties)).toEqual([
      { ma_xa: '00004', ten_xa: 'Phường Ba Đình', ma_tinh: '01', synthetic: false },
    ]);
    expect(body.province.properties.ma_tinh).toBe('01');
    expect(body.context.features.length).toBeGreaterThan(0);
    expect(body.bbox).toHaveLength(4);
  });

  it('refuses to start with a bad operator file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'map-route-'));
    const communesFile = join(dir, 'wrong-province.geojson');
    writeFileSync(communesFile, JSON.stringify({ type: 'FeatureCollection', features: [] }));
    expect(() => mapRouter({ province: '01', staticDir, communesFile })).toThrow(
      /COMMUNES_GEOJSON .* is not valid commune boundaries:\n {2}features: the file has no features/,
    );
  });

  it('answers 404 when the client is not built', async () => {
    const { status, body } = await get({ staticDir: null });
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'the client is not built (npm run build)' });
  });
});
