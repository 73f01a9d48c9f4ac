import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Users } from '../../server/auth/users';
import { manualClock } from '../../server/clock';
import { DOSSIER_HEADER, KPI_HEADER } from '../../server/report/csv';
import type { Store } from '../../server/store/types';
import type { PairingStatus } from '../../shared/admin';
import type { DossierPage } from '../../shared/dossier-list';
import type { PeriodResponse } from '../../shared/history';
import type { IocEvent } from '../../shared/events';
import { eventually, startTestApp, TEST_KEYS } from '../support/app';
import { payment, received, resolved } from '../support/events';
import { STORES } from '../support/stores';

const NOW = Date.parse('2026-11-24T10:00:00+07:00');
const HOUR = 3_600_000;
const PASSWORD = 'một mật khẩu đủ dài';
const iso = (t: number) => new Date(t).toISOString();

/** RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      cell += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

/** Two weeks of dossiers in two communes and two agencies: some resolved late, some paid, some still open. */
function history(): IocEvent[] {
  const events: IocEvent[] = [];
  for (let i = 0; i < 60; i++) {
    const at = NOW - (i * 5 + 1) * HOUR;
    const dossierId = `BC-${i}`;
    const commune = i % 3 ? '00004' : '00025';
    const agency = i % 2 ? 'so-tu-phap' : 'so-xay-dung';
    events.push(
      received({ dossierId, at: iso(at), commune, agency, dueAt: iso(at + 48 * HOUR), feeVnd: 10_000 }),
    );
    if (i % 4 === 0) events.push(payment({ dossierId, commune, agency, at: iso(at + HOUR) }));
    if (i % 3 !== 2 && at + 60 * HOUR < NOW)
      events.push(
        resolved({ dossierId, at: iso(at + (i % 5) * 20 * HOUR), finishedAt: iso(at + (i % 5) * 20 * HOUR) }),
      );
  }
  return events.filter((e) => Date.parse(e.at) <= NOW);
}

describe.each(STORES)('GET /api/v1/report (%s store)', (name, makeStore) => {
  const clock = manualClock(NOW);
  let store: Store;
  let cleanup: () => Promise<void>;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  let leader: string;

  beforeEach(async () => {
    ({ store, cleanup } = await makeStore(`report-${name}`));
    await new Users(store, clock).add({
      login: 'lanh.dao',
      name: 'Lãnh đạo',
      role: 'leader',
      password: PASSWORD,
    });
    sut = await startTestApp(store, { clock, loopbackWatch: false });
    leader = await sut.signIn('lanh.dao', PASSWORD);
  });
  afterEach(async () => {
    await sut.close();
    await cleanup();
  });

  const get = (path: string, cookie: string | null = leader) =>
    fetch(`${sut.baseUrl}${path}`, { headers: cookie ? { cookie } : {} });

  it('writes one CSV row per KPI, equal to /api/v1/kpis/period, for 3 scopes × 3 periods', async () => {
    const events = history();
    for (const source of ['one_stop', 'payments'] as const) {
      const res = await sut.post(
        events.filter((e) => e.source === source),
        TEST_KEYS[source],
      );
      expect(res.status).toBe(202);
    }
    await eventually(async () => {
      const r = (await (await get('/api/v1/kpis/period?scope=province&period=30d')).json()) as PeriodResponse;
      return r.kpis.find((k) => k.id === 'received')?.value === 60;
    });
    for (const scope of ['province', 'commune:00004', 'agency:so-tu-phap']) {
      for (const period of ['today', '7d', '30d']) {
        const q = `scope=${scope}&period=${period}`;
        const api = (await (await get(`/api/v1/kpis/period?${q}`)).json()) as PeriodResponse;
        const res = await get(`/api/v1/report?${q}&format=csv`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        expect(res.headers.get('content-disposition')).toContain('attachment; filename="bao-cao-');
        const bytes = new Uint8Array(await res.arrayBuffer());
        expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes.slice(3)));
        expect(header).toEqual([...KPI_HEADER]);
        expect(rows.map((r) => r[0])).toEqual(api.kpis.map((k) => k.id));
        const cell = (v: number | null) => (v === null ? '—' : String(v));
        for (const [i, k] of api.kpis.entries()) {
          const [, label, value, num, den, unit, target, p, asOf] = rows[i]!;
          expect([label, value, num, den, unit, target], `${q} ${k.id}`).toEqual([
            k.label.vi,
            cell(k.value),
            cell(k.numerator),
            cell(k.denominator),
            k.unit,
            cell(k.target),
          ]);
          expect(p).toBe(`${period} ${api.from}/${api.to}`);
          expect(asOf).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
        }
        expect(
          rows.some((r) => r[2] !== '—' && r[2] !== '0'),
          q,
        ).toBe(true);
      }
    }

    // With the late list after the KPIs: the same dossiers, in the same order, as GET /api/v1/dossiers.
    const late = (await (
      await get('/api/v1/dossiers?scope=province&state=late&limit=500')
    ).json()) as DossierPage;
    expect(late.rows.length).toBeGreaterThan(3);
    const text = new TextDecoder().decode(
      new Uint8Array(
        await (await get('/api/v1/report?scope=province&period=7d&dossiers=late')).arrayBuffer(),
      ).slice(3),
    );
    const table = parseCsv(text);
    const at = table.findIndex((r) => r[0] === DOSSIER_HEADER[0]);
    expect(table[at - 1]).toEqual(['']);
    expect(table.slice(at + 1).map((r) => r[0])).toEqual(late.rows.map((r) => r.id));
    expect(table[at + 1]![3]).toMatch(/^(Phường|Xã) /);
  });

  it('is for leaders: 401 without a session, 403 for a paired display, 400 for a format it does not write', async () => {
    expect((await get('/api/v1/report?scope=province', null)).status).toBe(401);
    await new Users(store, clock).add({
      login: 'truc.ban',
      name: 'Trực ban',
      role: 'operator',
      password: PASSWORD,
    });
    const asked = await fetch(`${sut.baseUrl}/api/v1/pairing`, { method: 'POST' });
    const display = (asked.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { code } = (await asked.json()) as PairingStatus & { code: string };
    const paired = await fetch(`${sut.baseUrl}/api/v1/devices`, {
      method: 'POST',
      headers: { cookie: await sut.signIn('truc.ban', PASSWORD), 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Màn hình phòng họp', place: 'UBND xã' }),
    });
    expect(paired.status).toBe(201);
    expect((await get('/api/v1/report?scope=province', display)).status).toBe(403);
    const bad = await get('/api/v1/report?scope=province&format=xls');
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'format: must be one of csv, pdf' }]);
  });
});
