import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dueMember } from '../../server/aggregate/due-index';
import { Users } from '../../server/auth/users';
import { manualClock } from '../../server/clock';
import type { Store } from '../../server/store/types';
import type { DossierPage, DossierRow } from '../../shared/dossier-list';
import type { IocEvent } from '../../shared/events';
import { eventually, startTestApp } from '../support/app';
import { received, resolved } from '../support/events';
import { foldDossiers } from '../support/open-dossiers';
import { Rng } from '../support/random-events';
import { pairDisplay } from '../support/pairing';
import { STORES } from '../support/stores';

const NOW = Date.parse('2026-11-24T10:00:00+07:00');
const HOUR = 3_600_000;
const PASSWORD = 'một mật khẩu đủ dài';
const COMMUNES = ['00004', '00025', '00070'];
const AGENCIES = ['so-tu-phap', 'so-xay-dung', 'cong-an-tp'];
const iso = (t: number) => new Date(t).toISOString();

/** The lists as a brute-force fold of the test's events computes them. */
function brute(events: readonly IocEvent[]) {
  const byId = foldDossiers(events);
  return (scope: string, state: 'late' | 'dueSoon', now: number, hours = 24): DossierRow[] => {
    const rows: DossierRow[] = [];
    for (const [id, { rec, resolved: done }] of byId) {
      if (!rec || done) continue;
      const inScope =
        scope === 'province' || scope === `commune:${rec.commune}` || scope === `agency:${rec.agency}`;
      const dueAt = Date.parse(rec.dueAt);
      const wanted = state === 'late' ? dueAt < now : dueAt >= now && dueAt < now + hours * HOUR;
      if (!inScope || !wanted) continue;
      rows.push({
        id,
        procedure: rec.procedure,
        agency: rec.agency,
        commune: rec.commune,
        receivedAt: Date.parse(rec.at),
        dueAt,
        lateMs: now - dueAt,
      });
    }
    // Redis's order of the index: by due time, then by the id's UTF-8 bytes.
    return rows.sort((a, b) =>
      Buffer.compare(Buffer.from(dueMember(a.dueAt, a.id)), Buffer.from(dueMember(b.dueAt, b.id))),
    );
  };
}

/** Dossiers of the last ten days due within two days either side of now, many due at the same hour. */
function scenario(seed: number, n: number) {
  const rng = new Rng(seed);
  const events: IocEvent[] = [];
  for (let i = 0; i < n; i++) {
    // A few ids beyond ASCII, where byte order and JavaScript's order could part.
    const dossierId = i % 17 === 0 ? `HS-Đ${i}-𝟘` : `HS-${String(i).padStart(4, '0')}`;
    const at = NOW - rng.int(1, 240) * HOUR;
    const base = {
      dossierId,
      at: iso(at),
      commune: rng.pick(COMMUNES),
      agency: rng.pick(AGENCIES),
      procedure: `Thủ tục ${rng.int(1, 9)}`,
      dueAt: iso(Math.max(at + HOUR, NOW + rng.int(-48, 48) * HOUR)),
    };
    events.push(received(base));
    // A later reception replaces the first: another due time and place.
    if (rng.chance(0.1))
      events.push(
        received({
          ...base,
          at: iso(at + HOUR / 2),
          commune: rng.pick(COMMUNES),
          dueAt: iso(Math.max(at + HOUR, NOW + rng.int(-30, 30) * HOUR)),
        }),
      );
    if (rng.chance(0.25))
      events.push(resolved({ dossierId, at: iso(NOW - 1000), finishedAt: iso(NOW - 1000) }));
  }
  return events;
}

describe.each(STORES)('GET /api/v1/dossiers (%s store)', (name, makeStore) => {
  const clock = manualClock(NOW);
  let store: Store;
  let cleanup: () => Promise<void>;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  let leader: string;

  beforeEach(async () => {
    clock.set(NOW);
    ({ store, cleanup } = await makeStore(`dossiers-${name}`));
    const users = new Users(store, clock);
    await users.add({ login: 'lanh.dao', name: 'Lãnh đạo', role: 'leader', password: PASSWORD });
    sut = await startTestApp(store, { clock, loopbackWatch: false });
    leader = await sut.signIn('lanh.dao', PASSWORD);
  });
  afterEach(async () => {
    await sut.close();
    await cleanup();
  });

  const get = async (query: string, cookie: string | null = leader) => {
    const res = await fetch(`${sut.baseUrl}/api/v1/dossiers?${query}`, {
      headers: cookie ? { cookie } : {},
    });
    return { status: res.status, body: (await res.json()) as DossierPage & { error?: string } };
  };
  const post = async (events: IocEvent[]) => {
    const res = await sut.post(events);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(202);
  };

  /** Every page of a list, following the cursors; `between` runs after each page. */
  async function allPages(query: string, limit: number, between?: (page: number) => Promise<void>) {
    const rows: DossierRow[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const res = await get(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, res.body.error).toBe(200);
      expect(res.body.rows.length).toBeLessThanOrEqual(limit);
      rows.push(...res.body.rows);
      cursor = res.body.nextCursor;
      if (!cursor) return rows;
      await between?.(page);
    }
    throw new Error('the cursors never ended');
  }

  it('late and due-soon lists equal a brute-force fold of the events, page after page', async () => {
    const events = scenario(7, 160);
    await post(events);
    const expected = brute(events);
    await eventually(
      async () =>
        (await get('scope=province&state=late')).body.total === expected('province', 'late', NOW).length,
    );
    for (const scope of ['province', 'commune:00004', 'agency:so-tu-phap']) {
      for (const [state, hours] of [
        ['late', 24],
        ['dueSoon', 24],
        ['dueSoon', 6],
      ] as const) {
        const want = expected(scope, state, NOW, hours);
        const rows = await allPages(`scope=${scope}&state=${state}&hours=${hours}`, 7);
        expect(rows, `${scope} ${state} ${hours}h`).toEqual(want);
        const first = await get(`scope=${scope}&state=${state}&hours=${hours}&limit=3`);
        expect(first.body).toMatchObject({ scope, state, total: want.length, serverTime: NOW });
        expect(first.body.hours).toBe(state === 'late' ? null : hours);
      }
    }
    expect(expected('province', 'late', NOW).length).toBeGreaterThan(20);
    expect(expected('province', 'dueSoon', NOW).length).toBeGreaterThan(20);
  });

  it('a list that moves while it is paged shows every dossier that stayed exactly once, and no other twice', async () => {
    const events = scenario(11, 120);
    await post(events);
    const before = brute(events)('province', 'late', NOW);
    await eventually(async () => (await get('scope=province&state=late')).body.total === before.length);
    const seen: string[] = [];
    const moved: IocEvent[] = [];
    const rows = await allPages('scope=province&state=late', 8, async (page) => {
      if (page !== 1) return;
      seen.push(...before.slice(0, 16).map((r) => r.id));
      // One already shown and three still to come are resolved; two new ones fall late; an hour passes.
      for (const r of [before[3]!, ...before.slice(20, 23)])
        moved.push(resolved({ dossierId: r.id, at: iso(NOW), finishedAt: iso(NOW) }));
      for (const i of [1, 2])
        moved.push(received({ dossierId: `MOI-${i}`, at: iso(NOW - HOUR), dueAt: iso(NOW + HOUR / 2) }));
      clock.advance(HOUR);
      await post(moved);
      const fold = brute([...events, ...moved]);
      await eventually(
        async () =>
          (await get('scope=province&state=late')).body.total === fold('province', 'late', NOW + HOUR).length,
      );
    });
    const after = brute([...events, ...moved])('province', 'late', NOW + HOUR);
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const stayed = before.filter((r) => after.some((a) => a.id === r.id)).map((r) => r.id);
    for (const id of stayed) expect(ids).toContain(id);
    for (const id of ids)
      expect(before.some((r) => r.id === id) || after.some((r) => r.id === id)).toBe(true);
    expect(ids).toContain('MOI-1');
    expect(ids).not.toContain(before[21]!.id);
  });

  it('answers leaders and above; 401 without credentials, 403 for a viewer and for a paired display', async () => {
    const users = new Users(store, clock);
    await users.add({ login: 'xem', name: 'Người xem', role: 'viewer', password: PASSWORD });
    await users.add({ login: 'truc.ban', name: 'Trực ban', role: 'operator', password: PASSWORD });
    expect((await get('scope=province&state=late', null)).status).toBe(401);
    expect((await get('scope=province&state=late', await sut.signIn('xem', PASSWORD))).status).toBe(403);
    expect((await get('scope=province&state=late', await sut.signIn('truc.ban', PASSWORD))).status).toBe(200);
    const operator = await sut.signIn('truc.ban', PASSWORD);
    const { cookie: display } = await pairDisplay(sut.baseUrl, operator, 'Màn hình phòng họp');
    expect((await get('scope=province&state=late', display)).status).toBe(403);
  });

  it('names a bad state, hours, limit or cursor with 400', async () => {
    const late = await get('scope=province&state=late&limit=1');
    expect(late.status).toBe(200);
    const cases: [string, string][] = [
      ['scope=province', 'state: must be one of late, dueSoon'],
      ['scope=province&state=late&limit=0', 'limit: must be a whole number from 1 to 500'],
      ['scope=province&state=dueSoon&hours=169', 'hours: must be a whole number from 1 to 168'],
      ['scope=province&state=late&cursor=abc', 'cursor: not a cursor this route handed out'],
    ];
    for (const [query, error] of cases) expect(await get(query)).toEqual({ status: 400, body: { error } });
  });
});
