import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import type { Directory } from '../../shared/directory';
import { startTestApp } from '../support/app';

describe('GET /api/v1/directory', () => {
  let store: Store;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  beforeEach(async () => {
    store = createMemoryStore();
    sut = await startTestApp(store, { aggregate: false });
  });
  afterEach(async () => {
    await sut.close();
    await store.close();
  });

  it("names the province's communes in Vietnamese, and its agencies", async () => {
    const res = await fetch(`${sut.baseUrl}/api/v1/directory`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('max-age=300');
    const body = (await res.json()) as Directory;
    expect(body.province).toEqual({ code: '01', name: 'Thành phố Hà Nội', kind: 'city' });
    expect(body.communes['00004']).toBe('Phường Ba Đình');
    expect(Object.keys(body.communes).length).toBeGreaterThan(100);
    for (const code of Object.keys(body.communes)) expect(code).toMatch(/^\d{5}$/);
    expect(body.agencies['so-tu-phap']).toBe('Sở Tư pháp');
    // Hà Nội is a centrally-run city: its police and inspectorate are the city's.
    expect(body.agencies['cong-an-tinh']).toBe('Công an thành phố');
    expect(body.agenciesEn['cong-an-tinh']).toBe('City Police');
    expect(body.agenciesEn['so-tu-phap']).toBe('Department of Justice');
    expect(body.simulated).toBe(false);
    expect(body.minSample).toBe(20);
  });

  it('tells every page the minimum sample its rankings use (MIN_SAMPLE)', async () => {
    const other = await startTestApp(store, { aggregate: false, minSample: 35 });
    try {
      const body = (await (await fetch(`${other.baseUrl}/api/v1/directory`)).json()) as Directory;
      expect(body.minSample).toBe(35);
    } finally {
      await other.close();
    }
  });

  it('says when the simulator feeds the numbers, so every page can say it is a demo', async () => {
    const demo = await startTestApp(store, { aggregate: false, simulated: true });
    try {
      const body = (await (await fetch(`${demo.baseUrl}/api/v1/directory`)).json()) as Directory;
      expect(body.simulated).toBe(true);
    } finally {
      await demo.close();
    }
  });
});
