import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Users } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import { createRedisStore } from '../../server/store/index';
import type { AuditPage, DeviceInfo, PairingStatus } from '../../shared/admin';
import type { MeetingInfo, MeetingState, Roster } from '../../shared/meeting';
import { eventually } from '../support/app';
import { Follower, quantile } from '../support/follower';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { freePort, startServerProcess } from '../support/server-process';

const FOLLOWERS = 200;
const PASSWORD = 'mật khẩu đủ dài 2026';
const PEOPLE = [
  { login: 'chu.tri', name: 'Chủ trì cuộc họp', role: 'operator' },
  { login: 'lanh.dao', name: 'Lãnh đạo khác', role: 'leader' },
  { login: 'quan.tri', name: 'Quản trị', role: 'admin' },
] as const;

/** The changes the presenter makes, in order. */
const CHANGES = [
  { scene: 'map', commune: '00004' },
  { scene: 'dossiers' },
  { commune: '00008' },
  { scene: 'payments', period: '7d' },
  { scene: 'overview', commune: null },
] as const;

describe('a meeting across two server processes sharing Redis', () => {
  const prefix = uniquePrefix('meeting');
  const servers: Awaited<ReturnType<typeof startServerProcess>>[] = [];
  const bases: string[] = [];
  const cookies: Record<string, string> = {};
  const followers: Follower[] = [];
  let presenter: Follower;
  let meeting: MeetingInfo;

  const api = async (
    base: string,
    path: string,
    init: { method?: string; cookie?: string; body?: unknown } = {},
  ) =>
    fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  const signIn = async (base: string, login: string) => {
    const r = await api(base, '/api/v1/session', { method: 'POST', body: { login, password: PASSWORD } });
    expect(r.status).toBe(200);
    return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  };

  beforeAll(async () => {
    const store = await createRedisStore({ url: testRedisUrl(), prefix });
    const users = new Users(store, systemClock);
    for (const p of PEOPLE) await users.add({ ...p, password: PASSWORD });
    await store.close();
    for (const name of ['a', 'b']) {
      const port = await freePort();
      const env = {
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        SIMULATOR: 'off',
        LOOPBACK_WATCH: 'on',
        CONSUMER_NAME: `meeting-${name}`,
      };
      servers.push(await startServerProcess(env, port));
      bases.push(`http://127.0.0.1:${port}`);
    }
    const [a, b] = bases as [string, string];
    cookies.presenter = await signIn(a, 'chu.tri');
    cookies.leader = await signIn(b, 'lanh.dao');
    cookies.admin = await signIn(a, 'quan.tri');

    const created = await api(a, '/api/v1/meetings', {
      method: 'POST',
      cookie: cookies.presenter,
      body: {
        title: 'Giao ban trực tuyến UBND tỉnh',
        chair: 'Đồng chí Chủ tịch UBND tỉnh',
        startsAt: Date.now(),
        invited: [],
      },
    });
    expect(created.status).toBe(201);
    meeting = (await created.json()) as MeetingInfo;

    // Half the bridge points on each process; the presenter on the first.
    for (let i = 0; i < FOLLOWERS; i++) followers.push(new Follower(bases[i % 2]!));
    await Promise.all(followers.map((f) => f.measure()));
    await Promise.all(followers.map((f, i) => f.join(meeting.code, `Điểm cầu ${i + 1}`, 10 + (i % 7))));
    presenter = new Follower(a, { cookie: cookies.presenter });
    await presenter.measure();
  }, 120_000);

  afterAll(async () => {
    for (const f of [...followers, presenter]) f?.socket.disconnect();
    await Promise.all(servers.map((s) => s.kill('SIGTERM')));
    await dropPrefix(testRedisUrl(), prefix);
  });

  it('lets the presenter take the seat, and every point on both processes sees it', async () => {
    const joined = await presenter.socket.timeout(5000).emitWithAck('meeting:join', { id: meeting.id });
    expect(joined).toHaveProperty('data');
    const seat = await presenter.socket.timeout(5000).emitWithAck('meeting:present', { id: meeting.id });
    expect('data' in seat && seat.data.presenter).toEqual({
      actor: 'user:chu.tri',
      name: 'Chủ trì cuộc họp',
    });
    const seq = 'data' in seat ? seat.data.seq : -1;
    await Promise.all(followers.map((f) => f.until(seq)));
  });

  it('applies every change on every follower, at the stamped instant, in order', async () => {
    const spreads: number[] = [];
    const clickToLast: number[] = [];
    for (const change of CHANGES) {
      const clicked = Date.now();
      const r = await presenter.socket
        .timeout(5000)
        .emitWithAck('meeting:steer', { id: meeting.id, view: change });
      if (!('data' in r)) throw new Error(r.error);
      const state: MeetingState = r.data;
      const applied = await Promise.all(followers.map((f) => f.until(state.seq)));
      for (const a of applied) {
        expect(a).toMatchObject({
          scene: state.view.scene,
          commune: state.view.commune,
          applyAt: state.applyAt,
        });
      }
      const at = applied.map((a) => a.appliedAt);
      spreads.push(Math.max(...at) - Math.min(...at));
      clickToLast.push(Math.max(...applied.map((a) => a.realAt)) - clicked);
    }
    // Every follower saw every change once, in order: nothing lost, nothing applied twice.
    for (const f of followers) {
      const seqs = f.applied.map((a) => a.seq);
      expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
      expect(seqs.slice(-CHANGES.length)).toHaveLength(CHANGES.length);
    }
    console.log(
      `[meeting] ${FOLLOWERS} followers on 2 processes: apply spread max ${Math.max(...spreads)} ms ` +
        `(p50 ${quantile(spreads, 0.5)}); click to last follower ${quantile(clickToLast, 0.5)}–${Math.max(...clickToLast)} ms`,
    );
  }, 60_000);

  it('lands a late joiner, and a point that reconnects, on the current view', async () => {
    const current = (await presenter.socket
      .timeout(5000)
      .emitWithAck('meeting:join', { id: meeting.id })) as {
      data: MeetingState;
    };
    const late = new Follower(bases[1]!);
    await late.measure();
    const state = await late.join(meeting.code, 'Điểm cầu đến muộn', 12);
    expect(state.seq).toBe(current.data.seq);
    expect(state.view).toEqual(current.data.view);
    expect((await late.until(state.seq)).scene).toBe(current.data.view.scene);
    late.socket.disconnect();
  });

  it('refuses steering from a follower, a device and a leader who is not presenting, and audits it', async () => {
    const [a, b] = bases as [string, string];
    const follower = followers[1]!;
    expect(
      await follower.socket
        .timeout(5000)
        .emitWithAck('meeting:steer', { id: meeting.id, view: { scene: 'map' } }),
    ).toEqual({
      error: 'forbidden: "meeting:steer" needs the leader role',
    });

    const asked = await api(b, '/api/v1/pairing', { method: 'POST' });
    const deviceCookie = (asked.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { code } = (await asked.json()) as PairingStatus & { state: 'pending' };
    const paired = await api(a, '/api/v1/devices', {
      method: 'POST',
      cookie: cookies.presenter,
      body: { code, name: 'Điểm cầu xã Phú Cát', place: 'UBND xã' },
    });
    const device = (await paired.json()) as DeviceInfo;
    const screen = new Follower(b, { cookie: deviceCookie });
    await screen.measure();
    expect(
      await screen.socket
        .timeout(5000)
        .emitWithAck('meeting:steer', { id: meeting.id, view: { scene: 'map' } }),
    ).toMatchObject({
      error: expect.stringMatching(/^forbidden/),
    });

    const leader = new Follower(b, { cookie: cookies.leader });
    await leader.measure();
    expect(
      await leader.socket
        .timeout(5000)
        .emitWithAck('meeting:steer', { id: meeting.id, view: { scene: 'map' } }),
    ).toEqual({
      error: 'only the presenter steers',
    });
    expect(
      await leader.socket.timeout(5000).emitWithAck('meeting:present', { id: meeting.id }),
    ).toMatchObject({
      error: expect.stringMatching(/^the seat is taken by Chủ trì cuộc họp/),
    });

    const refused = await eventually(async () => {
      const page = (await (await api(a, '/api/v1/audit', { cookie: cookies.admin })).json()) as AuditPage;
      const r = page.entries.filter((e) => e.action === 'access.refused');
      return r.length >= 3 ? r : null;
    });
    expect(refused.map((e) => e.actor)).toEqual(
      expect.arrayContaining(['loopback', `device:${device.id}`, 'user:lanh.dao']),
    );
    const steered = (
      (await (await api(a, '/api/v1/audit', { cookie: cookies.admin })).json()) as AuditPage
    ).entries.filter((e) => e.action === 'meeting.steered');
    expect(steered).toHaveLength(CHANGES.length);
    screen.socket.disconnect();
    leader.socket.disconnect();
  });

  it('hands the seat over to a leader in the meeting, who then steers', async () => {
    const leader = new Follower(bases[1]!, { cookie: cookies.leader });
    await leader.measure();
    await leader.socket.timeout(5000).emitWithAck('meeting:join', { id: meeting.id });
    const handed = await presenter.socket
      .timeout(5000)
      .emitWithAck('meeting:present', { id: meeting.id, to: 'user:lanh.dao' });
    expect('data' in handed && handed.data.presenter?.actor).toBe('user:lanh.dao');
    const r = await leader.socket
      .timeout(5000)
      .emitWithAck('meeting:steer', { id: meeting.id, view: { scene: 'tasks' } });
    if (!('data' in r)) throw new Error(r.error);
    await Promise.all(followers.map((f) => f.until(r.data.seq)));
    expect(followers.every((f) => f.applied.at(-1)?.scene === 'tasks')).toBe(true);
    expect(
      await presenter.socket
        .timeout(5000)
        .emitWithAck('meeting:steer', { id: meeting.id, view: { scene: 'map' } }),
    ).toEqual({
      error: 'only the presenter steers',
    });
    leader.socket.disconnect();
  });

  it('shows the roster with delegates and round trips, and flags a point that drops within seconds', async () => {
    for (const f of followers) f.heartbeat(meeting.id, 10);
    const rosters: Roster[] = [];
    presenter.socket.on('meeting:roster-updated', (r) => rosters.push(r));
    const first = await presenter.socket.timeout(5000).emitWithAck('meeting:roster', { id: meeting.id });
    if (!('data' in first)) throw new Error(first.error);
    const roster: Roster = first.data;
    // Every bridge point, and the presenter's own screen, which is in the meeting too.
    const present = roster.points.filter((p) => !p.dropped);
    expect(present).toHaveLength(FOLLOWERS + 1);
    expect(present.map((p) => p.name)).toContain('Chủ trì cuộc họp');
    expect(roster.delegates).toBe(FOLLOWERS * 10);
    // Heartbeats travel on 200 sockets to two processes: the next rosters carry every round trip.
    const measured = await eventually(() =>
      rosters.find(
        (r) => r.points.filter((p) => p.name.startsWith('Điểm cầu') && p.rttMs !== null).length === FOLLOWERS,
      ),
    );
    expect(measured.points.find((p) => p.name === 'Điểm cầu 1')).toMatchObject({
      delegates: 10,
      dropped: false,
    });

    const gone = followers.pop()!;
    gone.socket.disconnect();
    const droppedAt = Date.now();
    const flagged = await eventually(
      () => rosters.find((r) => r.points.find((p) => p.name === `Điểm cầu ${FOLLOWERS}`)?.dropped),
      5_000,
    );
    expect(flagged.delegates).toBe((FOLLOWERS - 1) * 10);
    expect(Date.now() - droppedAt).toBeLessThan(5_000);
  });
});
