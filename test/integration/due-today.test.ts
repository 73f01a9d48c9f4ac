import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Users } from '../../server/auth/users';
import { manualClock } from '../../server/clock';
import type { Store } from '../../server/store/types';
import type { DueToday, DueTodayRow } from '../../shared/due-today';
import type { IocEvent } from '../../shared/events';
import { eventually, startTestApp } from '../support/app';
import { received, resolved } from '../support/events';
import { foldDossiers } from '../support/open-dossiers';
import { Rng } from '../support/random-events';
import { pairDisplay } from '../support/pairing';
import { STORES } from '../support/stores';

const NOW = Date.parse('2026-11-24T10:00:00+07:00');
const MIDNIGHT = Date.parse('2026-11-25T00:00:00+07:00');
const HOUR = 3_600_000;
const PASSWORD = 'một mật khẩu đủ dài';
// Fifteen agencies, one of them a source's own id the directory does not know.
const AGENCIES = [
  'so-tu-phap',
  'so-xay-dung',
  'so-y-te',
  'so-noi-vu',
  'so-tai-chinh',
  'so-cong-thuong',
  'so-ngoai-vu',
  'thanh-tra-tinh',
  'cong-an-tinh',
  'ubnd-xa',
  'van-phong-dang-ky-dat-dai',
  'so-giao-duc-va-dao-tao',
  'so-khoa-hoc-va-cong-nghe',
  'so-dan-toc-va-ton-giao',
  'chi-nhanh-rieng-cua-nguon',
];
const iso = (t: number) => new Date(t).toISOString();

/** What the scene must show, folded from the raw events and ranked here by hand. */
function expected(events: readonly IocEvent[], now: number) {
  const until = MIDNIGHT;
  const byAgency = new Map<string, DueTodayRow>();
  let total = 0;
  let soon = 0;
  for (const { rec, resolved: done } of foldDossiers(events).values()) {
    if (!rec || done) continue;
    const dueAt = Date.parse(rec.dueAt);
    if (dueAt < now || dueAt >= until) continue;
    total += 1;
    if (dueAt < now + 2 * HOUR) soon += 1;
    const row = byAgency.get(rec.agency) ?? { agency: rec.agency, count: 0, earliestDueAt: dueAt };
    row.count += 1;
    row.earliestDueAt = Math.min(row.earliestDueAt, dueAt);
    byAgency.set(rec.agency, row);
  }
  const all = [...byAgency.values()];
  all.sort((a, b) => {
    if (a.count !== b.count) return b.count - a.count;
    if (a.earliestDueAt !== b.earliestDueAt) return a.earliestDueAt - b.earliestDueAt;
    return a.agency < b.agency ? -1 : 1;
  });
  return { total, soon, agencies: all.slice(0, 12), moreAgencies: Math.max(0, all.length - 12) };
}

/** Dossiers due from two days back to two days ahead; replays, re-receptions and resolutions out of order. */
function scenario(seed: number, n: number): IocEvent[] {
  const rng = new Rng(seed);
  const events: IocEvent[] = [];
  for (let i = 0; i < n; i++) {
    const dossierId = `HS-${seed}-${i}`;
    const at = NOW - rng.int(1, 200) * HOUR;
    const first = received({
      dossierId,
      at: iso(at),
      agency: rng.pick(AGENCIES),
      dueAt: iso(Math.max(at + HOUR, NOW + rng.int(-40, 40) * 30 * 60_000)),
    });
    events.push(first);
    if (rng.chance(0.1)) events.push(first); // a source that sent it twice
    if (rng.chance(0.1))
      events.push(
        received({ ...first, id: `${first.id}-b`, at: iso(at + HOUR / 2), agency: rng.pick(AGENCIES) }),
      );
    if (rng.chance(0.2)) {
      const done = resolved({ dossierId, at: iso(NOW - 60_000), finishedAt: iso(NOW - 60_000) });
      // Sometimes the resolution arrives before the reception it closes.
      if (rng.chance(0.5)) events.splice(events.length - 1, 0, done);
      else events.push(done);
    }
  }
  return events;
}

describe.each(STORES)('GET /api/v1/due-today (%s store)', (name, makeStore) => {
  const clock = manualClock(NOW);
  let store: Store;
  let cleanup: () => Promise<void>;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  let viewer: string;

  beforeEach(async () => {
    clock.set(NOW);
    ({ store, cleanup } = await makeStore(`due-today-${name}`));
    await new Users(store, clock).add({
      login: 'xem',
      name: 'Người xem',
      role: 'viewer',
      password: PASSWORD,
    });
    sut = await startTestApp(store, { clock, loopbackWatch: false });
    viewer = await sut.signIn('xem', PASSWORD);
  });
  afterEach(async () => {
    await sut.close();
    await cleanup();
  });

  const get = async (cookie: string | null = viewer) => {
    const res = await fetch(`${sut.baseUrl}/api/v1/due-today`, { headers: cookie ? { cookie } : {} });
    return { status: res.status, body: (await res.json()) as DueToday };
  };

  it('counts per agency equal a brute-force fold of the events, ranked, with the soonest due time', async () => {
    const events = scenario(3, 400);
    const res = await sut.post(events);
    expect(res.status).toBe(202);
    const want = expected(events, NOW);
    // Readings are shared for 5 s: move the clock on by that much until the aggregator has caught up.
    await eventually(async () => {
      clock.advance(5_000);
      return (await get()).body.total === expected(events, clock.now()).total;
    });
    const now = clock.now();
    const got = (await get()).body;
    expect(got).toEqual({ serverTime: now, until: MIDNIGHT, soonHours: 2, ...expected(events, now) });
    expect(want.total).toBeGreaterThan(50);
    expect(got.moreAgencies).toBeGreaterThan(0);
  });

  it('shares one reading for 5 s, then reads again', async () => {
    const first = received({
      dossierId: 'HS-A',
      agency: 'so-y-te',
      at: iso(NOW - HOUR),
      dueAt: iso(NOW + HOUR),
    });
    expect((await sut.post([first])).status).toBe(202);
    await eventually(async () => {
      clock.advance(5_000);
      return (await get()).body.total === 1;
    });
    const shown = (await get()).body;
    const second = received({
      dossierId: 'HS-B',
      agency: 'so-y-te',
      at: iso(NOW - HOUR),
      dueAt: iso(NOW + 3 * HOUR),
    });
    expect((await sut.post([second])).status).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    expect((await get()).body).toEqual(shown);
    await eventually(async () => {
      clock.advance(5_000);
      const b = (await get()).body;
      return b.total === 2 && b.agencies[0]?.count === 2;
    });
    expect((await get()).body.agencies).toEqual([
      { agency: 'so-y-te', count: 2, earliestDueAt: Date.parse(first.dueAt) },
    ]);
  });

  it('answers any screen that may watch (a viewer, a paired display), 401 without credentials', async () => {
    expect((await get(null)).status).toBe(401);
    expect((await get(viewer)).status).toBe(200);
    await new Users(store, clock).add({
      login: 'truc.ban',
      name: 'Trực ban',
      role: 'operator',
      password: PASSWORD,
    });
    const operator = await sut.signIn('truc.ban', PASSWORD);
    const { cookie: display } = await pairDisplay(sut.baseUrl, operator, 'Màn hình sảnh', 'UBND tỉnh');
    expect((await get(display)).status).toBe(200);
  });
});
