import { Users } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import { createRedisStore } from '../../server/store/index';
import type { MeetingInfo, MeetingView } from '../../shared/meeting';
import { SCENE_IDS } from '../../shared/scenes';
import { Follower, quantile } from '../support/follower';
import { newKeys, ServerProcess } from './server';

export interface MeetingResult {
  followers: number;
  changes: number;
  /** Every follower's apply instant minus the earliest of its change, over all changes (ms). */
  spreadP50: number;
  spreadP99: number;
  spreadMax: number;
  /** Real time from the presenter's steer to the last follower applying it (ms). */
  clickToLastP50: number;
  clickToLastMax: number;
  /** How late after the stamped instant followers applied, p99 (ms; the scheduler's own lateness). */
  lateP99: number;
}

const PASSWORD = 'bench-presenter-password';

/**
 * A meeting across two server processes sharing Redis: `followers` bridge points split between them,
 * the presenter on the first, `changes` scene changes one after another. Followers run in this
 * process, each with its own measured offset to the server clock, applying at the stamped instant.
 */
export async function measureMeeting(
  redisUrl: string,
  prefix: string,
  followers = 200,
  changes = 20,
): Promise<MeetingResult> {
  const store = await createRedisStore({ url: redisUrl, prefix });
  await new Users(store, systemClock).add({
    login: 'chu.tri',
    name: 'Chủ trì',
    role: 'operator',
    password: PASSWORD,
  });
  await store.close();
  const keys = newKeys();
  const servers = [
    await ServerProcess.start({ redisUrl, prefix, keys, env: { CONSUMER_NAME: 'bench-a' } }),
    await ServerProcess.start({ redisUrl, prefix, keys, env: { CONSUMER_NAME: 'bench-b' } }),
  ];
  const points: Follower[] = [];
  try {
    const [a, b] = servers.map((s) => s.baseUrl) as [string, string];
    const signed = await fetch(`${a}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'chu.tri', password: PASSWORD }),
    });
    const cookie = (signed.headers.get('set-cookie') ?? '').split(';')[0]!;
    const created = await fetch(`${a}/api/v1/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ title: 'Bench meeting', chair: 'Bench', startsAt: Date.now(), invited: [] }),
    });
    const meeting = (await created.json()) as MeetingInfo;
    for (let i = 0; i < followers; i++) points.push(new Follower(i % 2 ? b : a));
    await Promise.all(points.map((p) => p.measure()));
    await Promise.all(points.map((p, i) => p.join(meeting.code, `point ${i}`, 10)));
    const presenter = new Follower(a, { cookie });
    points.push(presenter);
    await presenter.measure();
    await presenter.socket.timeout(5000).emitWithAck('meeting:join', { id: meeting.id });
    await presenter.socket.timeout(5000).emitWithAck('meeting:present', { id: meeting.id });

    const spread: number[] = [];
    const late: number[] = [];
    const clickToLast: number[] = [];
    for (let c = 0; c < changes; c++) {
      const view: Partial<MeetingView> = { scene: SCENE_IDS[c % SCENE_IDS.length] };
      const clicked = Date.now();
      const r = await presenter.socket.timeout(5000).emitWithAck('meeting:steer', { id: meeting.id, view });
      if (!('data' in r)) throw new Error(`steer: ${r.error}`);
      const applied = await Promise.all(points.slice(0, followers).map((p) => p.until(r.data.seq)));
      const first = Math.min(...applied.map((x) => x.appliedAt));
      for (const x of applied) {
        spread.push(x.appliedAt - first);
        late.push(x.appliedAt - x.applyAt);
      }
      clickToLast.push(Math.max(...applied.map((x) => x.realAt)) - clicked);
      // Presenters do not click 20 times a second: let each change settle, as in a meeting.
      await new Promise((r) => setTimeout(r, 200));
    }
    return {
      followers,
      changes,
      spreadP50: quantile(spread, 0.5),
      spreadP99: quantile(spread, 0.99),
      spreadMax: Math.max(...spread),
      clickToLastP50: quantile(clickToLast, 0.5),
      clickToLastMax: Math.max(...clickToLast),
      lateP99: quantile(late, 0.99),
    };
  } finally {
    for (const p of points) p.socket.disconnect();
    await Promise.all(servers.map((s) => s.stop()));
  }
}
