import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Users } from '../../server/auth/users';
import { manualClock } from '../../server/clock';
import type { Store } from '../../server/store/types';
import {
  APPLY_LEAD_MS,
  FOCUS_LEAD_MS,
  MEETING_ENDED,
  type Invitation,
  type MeetingInfo,
  type Roster,
} from '../../shared/meeting';
import { eventually, startTestApp, type TestSocket } from '../support/app';
import { pairDisplay as pairWith } from '../support/pairing';
import { STORES } from '../support/stores';

const NOW = Date.parse('2026-11-24T08:50:00+07:00');
const PASSWORD = 'một mật khẩu đủ dài';

/** Everything `meeting:invited` told a socket, in order. */
function invitations(socket: TestSocket): (Invitation | null)[] {
  const told: (Invitation | null)[] = [];
  socket.on('meeting:invited', (inv) => told.push(inv));
  return told;
}

describe.each(STORES)('a meeting from start to end (%s store)', (name, makeStore) => {
  const clock = manualClock(NOW);
  let store: Store;
  let cleanup: () => Promise<void>;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  let operator: string;
  let leader: string;

  beforeEach(async () => {
    clock.set(NOW);
    ({ store, cleanup } = await makeStore(`meeting-life-${name}`));
    const users = new Users(store, clock);
    await users.add({ login: 'van.hanh', name: 'Cán bộ vận hành', role: 'operator', password: PASSWORD });
    await users.add({ login: 'lanh.dao', name: 'Phó Chủ tịch', role: 'leader', password: PASSWORD });
    sut = await startTestApp(store, { clock, loopbackWatch: false });
    operator = await sut.signIn('van.hanh', PASSWORD);
    leader = await sut.signIn('lanh.dao', PASSWORD);
  });
  afterEach(async () => {
    await sut.close();
    await cleanup();
  });

  const post = (path: string, cookie: string, body: unknown) =>
    fetch(`${sut.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const pairDisplay = (name: string) => pairWith(sut.baseUrl, operator, name);

  async function createMeeting(startsAt: number, invited: string[]) {
    const res = await post('/api/v1/meetings', operator, {
      title: 'Giao ban cải cách hành chính',
      chair: 'Chủ tịch UBND tỉnh',
      startsAt,
      invited,
    });
    expect(res.status).toBe(201);
    return (await res.json()) as MeetingInfo;
  }

  it('an invited display is told to join when the meeting starts, and to go back when it ends', async () => {
    const hall = await pairDisplay('Màn hình hội trường xã');
    const meeting = await createMeeting(NOW + 10 * 60_000, [hall.device.id]);
    expect(meeting.chair).toBe('Chủ tịch UBND tỉnh');
    const screen = sut.socket(hall.cookie);
    const told = invitations(screen);
    // Before the start: told there is nothing to join, once.
    await eventually(() => told.length === 1);
    expect(told).toEqual([null]);

    clock.advance(10 * 60_000);
    await eventually(() => told.length === 2, 5_000);
    expect(told[1]).toEqual({ id: meeting.id, code: meeting.code, title: meeting.title });
    // It joins by id, with no code typed: an invited device may.
    const joined = await screen.timeout(5000).emitWithAck('meeting:join', { id: meeting.id });
    expect(joined).toHaveProperty('data');

    const console = sut.socket(operator);
    const ended = await console.timeout(5000).emitWithAck('meeting:end', { id: meeting.id });
    if (!('data' in ended)) throw new Error(ended.error);
    expect(ended.data.meeting.endedAt).toBe(clock.now());
    await eventually(() => told.length === 3, 5_000);
    expect(told[2]).toBeNull();
    // Over for good: no one joins it again, and it cannot be ended twice.
    expect(await screen.timeout(5000).emitWithAck('meeting:join', { code: meeting.code })).toEqual({
      error: MEETING_ENDED,
    });
    expect(await console.timeout(5000).emitWithAck('meeting:end', { id: meeting.id })).toEqual({
      error: MEETING_ENDED,
    });
    const listed = (await (
      await fetch(`${sut.baseUrl}/api/v1/meetings`, { headers: { cookie: operator } })
    ).json()) as MeetingInfo[];
    expect(listed.find((m) => m.id === meeting.id)?.endedAt).toBe(clock.now());
  });

  it('an operator sends a display into a running meeting from the fleet; it is told within seconds', async () => {
    const room = await pairDisplay('Màn hình phòng họp số 2');
    const meeting = await createMeeting(NOW - 60_000, []);
    const screen = sut.socket(room.cookie);
    const told = invitations(screen);
    await eventually(() => told.length === 1);
    const console = sut.socket(operator);
    const sent = await console
      .timeout(5000)
      .emitWithAck('meeting:invite', { id: meeting.id, device: room.device.id });
    expect('data' in sent && sent.data.invited).toEqual([room.device.id]);
    await eventually(() => told.length === 2, 5_000);
    expect(told[1]).toMatchObject({ id: meeting.id });
    // A leader may not: sending screens is an operator's job.
    const refused = await sut
      .socket(leader)
      .timeout(5000)
      .emitWithAck('meeting:invite', { id: meeting.id, device: room.device.id });
    expect(refused).toHaveProperty('error');
  });

  it('the presenter’s console is not a bridge point, and a leader who only watches cannot end it', async () => {
    const meeting = await createMeeting(NOW - 60_000, []);
    const console = sut.socket(operator);
    const joined = await console.timeout(5000).emitWithAck('meeting:join', { id: meeting.id, console: true });
    expect(joined).toHaveProperty('data');
    await console.timeout(5000).emitWithAck('meeting:present', { id: meeting.id });
    const point = sut.socket((await pairDisplay('Màn hình UBND xã')).cookie);
    const hall = sut.socket(leader);
    await hall.timeout(5000).emitWithAck('meeting:join', { id: meeting.id, console: true });
    expect(
      await point.timeout(5000).emitWithAck('meeting:join', { code: meeting.code, name: 'UBND xã Phú Cát' }),
    ).toHaveProperty('data');
    const roster = await console.timeout(5000).emitWithAck('meeting:roster', { id: meeting.id });
    if (!('data' in roster)) throw new Error(roster.error);
    const r: Roster = roster.data;
    expect(r.points.map((p) => p.name)).toEqual(['UBND xã Phú Cát']);
    expect(r.consoles?.map((c) => c.actor).sort()).toEqual(['user:lanh.dao', 'user:van.hanh']);

    expect(await hall.timeout(5000).emitWithAck('meeting:end', { id: meeting.id })).toEqual({
      error: 'only the presenter or an operator ends a meeting',
    });
    const ended = await console.timeout(5000).emitWithAck('meeting:end', { id: meeting.id });
    expect('data' in ended && ended.data.meeting.endedAt).toBe(clock.now());
  });

  it('focuses a commune or an agency, never both, stamps a focus change further ahead, and lists readySeq', async () => {
    const meeting = await createMeeting(NOW - 60_000, []);
    const console = sut.socket(operator);
    await console.timeout(5000).emitWithAck('meeting:join', { id: meeting.id, console: true });
    await console.timeout(5000).emitWithAck('meeting:present', { id: meeting.id });
    const steer = (view: Record<string, unknown>) =>
      console.timeout(5000).emitWithAck('meeting:steer', { id: meeting.id, view: view as never });

    const both = await steer({ commune: '00004', agency: 'so-tu-phap' });
    expect('error' in both && both.error).toContain('a commune or an agency, not both');
    expect('error' in (await steer({ agency: 'not an id!' }))).toBe(true);

    const commune = await steer({ commune: '00004', period: '7d' });
    if (!('data' in commune)) throw new Error(commune.error);
    expect(commune.data.view).toMatchObject({ commune: '00004', period: '7d' });
    expect(commune.data.applyAt).toBe(clock.now() + FOCUS_LEAD_MS);
    // Choosing an agency clears the commune: one focus at a time.
    const agency = await steer({ agency: 'so-tu-phap' });
    if (!('data' in agency)) throw new Error(agency.error);
    expect(agency.data.view).toMatchObject({ commune: null, agency: 'so-tu-phap', period: '7d' });
    // A change of scene only keeps the short lead.
    const scene = await steer({ scene: 'dossiers' });
    if (!('data' in scene)) throw new Error(scene.error);
    expect(scene.data.applyAt).toBe(clock.now() + APPLY_LEAD_MS);
    expect(scene.data.view.agency).toBe('so-tu-phap');

    // Points say which change they hold the data of; an older follower that never says counts as its applied.
    const ahead = sut.socket((await pairDisplay('Màn hình UBND xã')).cookie);
    const older = sut.socket((await pairDisplay('Màn hình cũ')).cookie);
    for (const [s, n] of [
      [ahead, 'Điểm cầu sẵn sàng'],
      [older, 'Điểm cầu cũ'],
    ] as const) {
      await s.timeout(5000).emitWithAck('meeting:join', { code: meeting.code, name: n });
    }
    const seq = scene.data.seq;
    ahead.emit('meeting:heartbeat', {
      id: meeting.id,
      delegates: 3,
      rttMs: 5,
      appliedSeq: seq - 1,
      readySeq: seq,
    });
    older.emit('meeting:heartbeat', { id: meeting.id, delegates: 2, rttMs: 5, appliedSeq: seq - 1 });
    const roster = await eventually(async () => {
      const r = await console.timeout(5000).emitWithAck('meeting:roster', { id: meeting.id });
      const points = 'data' in r ? (r.data as Roster).points : [];
      return points.every((p) => p.appliedSeq === seq - 1) && points.length === 2 ? points : null;
    });
    expect(Object.fromEntries(roster.map((p) => [p.name, p.readySeq]))).toEqual({
      'Điểm cầu sẵn sàng': seq,
      'Điểm cầu cũ': seq - 1,
    });
  });

  it('refuses a meeting without a chair, naming the field', async () => {
    const res = await post('/api/v1/meetings', operator, { title: 'Họp', startsAt: NOW, invited: [] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('chair');
  });
});
