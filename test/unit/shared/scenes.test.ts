import { afterEach, describe, expect, it } from 'vitest';
import {
  alignedRotation,
  playlistSince,
  DEFAULT_SCHEDULE,
  activePlaylist,
  nextSceneDecision,
  type Playlist,
  type RotationInput,
  type RotationState,
  type SceneSchedule,
  type SceneSlot,
} from '../../../shared/scenes';
import { parseSceneSchedule } from '../../../shared/scene-schedule';

/** An instant given as wall-clock time in Asia/Ho_Chi_Minh. 2025-11-12 is a Wednesday. */
const vn = (local: string) => Date.parse(`${local}+07:00`);
const S = 1000;

const night: SceneSlot[] = [{ id: 'map', durationSec: 120 }];
const weekend: SceneSlot[] = [{ id: 'overview', durationSec: 300 }];
const schedule: SceneSchedule = {
  scenes: DEFAULT_SCHEDULE.scenes,
  schedules: [
    { name: 'night', from: '22:00', to: '06:00', scenes: night },
    { name: 'weekend', days: ['sat', 'sun'], from: '08:00', to: '17:00', scenes: weekend },
    {
      name: 'friday late',
      days: ['fri'],
      from: '20:00',
      to: '02:00',
      scenes: [{ id: 'tasks', durationSec: 10 }],
    },
  ],
};

describe(parseSceneSchedule.name, () => {
  it('accepts the default schedule', () => {
    expect(parseSceneSchedule(DEFAULT_SCHEDULE)).toEqual({ schedule: DEFAULT_SCHEDULE });
  });

  it('accepts time-of-day schedules with and without days', () => {
    expect(parseSceneSchedule(schedule)).toEqual({ schedule });
  });

  it('names every bad field in its message', () => {
    const r = parseSceneSchedule({
      scenes: [{ id: 'maps', durationSec: 2.5 }],
      schedules: [{ name: 'x', days: ['mo'], from: '25:00', to: '07:00', scenes: [], colour: 'red' }],
    });
    expect(r).toEqual({
      errors: [
        'scenes.0.id: must be one of overview, dossiers, dueSoon, payments, tasks, map',
        'scenes.0.durationSec: must be a whole number of seconds',
        'schedules.0.days.0: must be one of mon, tue, wed, thu, fri, sat, sun',
        'schedules.0.from: must be a time "HH:MM"',
        'schedules.0.scenes: must name at least one scene',
        expect.stringMatching(/^schedules\.0\.colour: /),
      ],
    });
  });

  it('rejects durations outside 5..3600 seconds', () => {
    expect(parseSceneSchedule({ scenes: [{ id: 'map', durationSec: 4 }] })).toEqual({
      errors: ['scenes.0.durationSec: must be at least 5 seconds'],
    });
    expect(parseSceneSchedule({ scenes: [{ id: 'map', durationSec: 3601 }] })).toEqual({
      errors: ['scenes.0.durationSec: must be at most 3600 seconds'],
    });
  });

  it('rejects an empty playlist and a window that starts where it ends', () => {
    expect(parseSceneSchedule({ scenes: [] })).toEqual({ errors: ['scenes: must name at least one scene'] });
    const r = parseSceneSchedule({
      scenes: [{ id: 'map', durationSec: 10 }],
      schedules: [{ name: 'n', from: '07:00', to: '07:00', scenes: [{ id: 'map', durationSec: 10 }] }],
    });
    expect(r).toEqual({ errors: ['schedules.0.to: must differ from "from"'] });
  });

  it('says what a schedule is when given something else', () => {
    expect(parseSceneSchedule(null)).toEqual({
      errors: ['a schedule must be an object with a "scenes" list'],
    });
  });
});

describe(activePlaylist.name, () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it('uses the default scenes when no schedule covers the instant', () => {
    expect(activePlaylist(schedule, vn('2025-11-12T10:00:00'))).toBe(DEFAULT_SCHEDULE.scenes);
    expect(activePlaylist(DEFAULT_SCHEDULE, vn('2025-11-12T23:00:00'))).toBe(DEFAULT_SCHEDULE.scenes);
  });

  it('applies a window [from, to): from included, to excluded', () => {
    const sat = (hm: string) => activePlaylist(schedule, vn(`2025-11-15T${hm}`));
    expect(sat('07:59:59')).toBe(DEFAULT_SCHEDULE.scenes);
    expect(sat('08:00:00')).toBe(weekend);
    expect(sat('16:59:59')).toBe(weekend);
    expect(sat('17:00:00')).toBe(DEFAULT_SCHEDULE.scenes);
  });

  it('honours the day of the week in Asia/Ho_Chi_Minh', () => {
    expect(activePlaylist(schedule, vn('2025-11-12T09:00:00'))).toBe(DEFAULT_SCHEDULE.scenes); // Wednesday
    expect(activePlaylist(schedule, vn('2025-11-15T09:00:00'))).toBe(weekend); // Saturday
    expect(activePlaylist(schedule, vn('2025-11-16T09:00:00'))).toBe(weekend); // Sunday
    expect(activePlaylist(schedule, vn('2025-11-17T09:00:00'))).toBe(DEFAULT_SCHEDULE.scenes); // Monday
  });

  it('covers a window that crosses midnight on both sides of it', () => {
    expect(activePlaylist(schedule, vn('2025-11-12T21:59:59'))).toBe(DEFAULT_SCHEDULE.scenes);
    expect(activePlaylist(schedule, vn('2025-11-12T22:00:00'))).toBe(night);
    expect(activePlaylist(schedule, vn('2025-11-13T00:00:00'))).toBe(night);
    expect(activePlaylist(schedule, vn('2025-11-13T05:59:59'))).toBe(night);
    expect(activePlaylist(schedule, vn('2025-11-13T06:00:00'))).toBe(DEFAULT_SCHEDULE.scenes);
  });

  it('counts the hours after midnight as part of the day the window started', () => {
    const fridayLate = schedule.schedules?.[2]?.scenes;
    expect(activePlaylist(schedule, vn('2025-11-14T21:00:00'))).toBe(fridayLate); // Friday evening
    expect(activePlaylist(schedule, vn('2025-11-15T01:30:00'))).toBe(night); // Saturday 01:30: night is listed first
    const only: SceneSchedule = { ...schedule, schedules: schedule.schedules?.slice(2) };
    expect(activePlaylist(only, vn('2025-11-15T01:30:00'))).toBe(fridayLate); // still Friday's window
    expect(activePlaylist(only, vn('2025-11-14T01:30:00'))).toBe(DEFAULT_SCHEDULE.scenes); // Thursday's night
  });

  it('uses the first schedule that matches', () => {
    expect(activePlaylist(schedule, vn('2025-11-14T23:00:00'))).toBe(night);
  });

  it('depends only on the instant, not on the host time zone', () => {
    const t = vn('2025-11-15T08:30:00'); // Saturday 08:30 in Việt Nam, still Friday in New York
    process.env.TZ = 'America/New_York';
    const inNewYork = activePlaylist(schedule, t);
    const newYorkDay = new Date(t).getDay();
    process.env.TZ = 'Pacific/Kiritimati';
    const inKiritimati = activePlaylist(schedule, t);
    expect(newYorkDay).not.toBe(new Date(t).getDay()); // the host zone really changed
    expect(inNewYork).toBe(weekend);
    expect(inKiritimati).toBe(weekend);
  });
});

describe(nextSceneDecision.name, () => {
  const playlist: Playlist = [
    { id: 'overview', durationSec: 60 },
    { id: 'dossiers', durationSec: 30 },
    { id: 'map', durationSec: 45 },
  ];
  const t0 = vn('2025-11-12T10:00:00');
  const input = (now: number, more: Partial<RotationInput> = {}): RotationInput => ({
    now,
    playlistAt: () => playlist,
    hold: false,
    ...more,
  });
  const start = () => nextSceneDecision(null, input(t0)).state;

  it('starts on the first scene and schedules its prepare time', () => {
    const d = nextSceneDecision(null, input(t0));
    expect(d).toMatchObject({ show: 'overview', prepare: null, switchAt: t0 + 60 * S });
    expect(d.nextDecisionAt).toBe(t0 + 58 * S);
  });

  it('announces the next scene prepareAheadMs before its switch, and not sooner', () => {
    const s = start();
    expect(nextSceneDecision(s, input(t0 + 57_999)).prepare).toBeNull();
    const d = nextSceneDecision(s, input(t0 + 58 * S));
    expect(d).toMatchObject({ show: 'overview', prepare: 'dossiers', nextDecisionAt: t0 + 60 * S });
    expect(nextSceneDecision(s, input(t0 + 55 * S, { prepareAheadMs: 5000 })).prepare).toBe('dossiers');
  });

  it('switches at the switch time exactly and prepares the one after', () => {
    const d = nextSceneDecision(start(), input(t0 + 60 * S));
    expect(d).toMatchObject({ show: 'dossiers', prepare: null, switchAt: t0 + 90 * S });
    expect(d.state.startedAt).toBe(t0 + 60 * S);
  });

  it('honours durations against server time: a late timer does not shift later switches', () => {
    let s: RotationState = start();
    s = nextSceneDecision(s, input(t0 + 60 * S + 700)).state; // the timer fired 700 ms late
    expect(s.startedAt).toBe(t0 + 60 * S);
    const d = nextSceneDecision(s, input(t0 + 90 * S + 300));
    expect(d).toMatchObject({ show: 'map', switchAt: t0 + 135 * S });
  });

  it('loops back to the first scene after the last', () => {
    const d = nextSceneDecision(start(), input(t0 + 135 * S));
    expect(d).toMatchObject({ show: 'overview', switchAt: t0 + 195 * S });
  });

  it('catches up on scenes missed while the screen slept, on the same grid', () => {
    const d = nextSceneDecision(start(), input(t0 + 3 * 135 * S + 70 * S)); // three cycles, then 10 s into dossiers
    expect(d).toMatchObject({ show: 'dossiers', switchAt: t0 + 3 * 135 * S + 90 * S });
  });

  it('restarts the playlist after a very long sleep rather than replaying it', () => {
    const later = t0 + 30 * 86_400_000 + 5 * S;
    const d = nextSceneDecision(start(), input(later));
    expect(d).toMatchObject({ show: 'overview', switchAt: later + 60 * S });
  });

  describe('hold', () => {
    it('holds the rotation while a critical alert is up', () => {
      const s = start();
      const d = nextSceneDecision(s, input(t0 + 59 * S, { hold: true }));
      expect(d).toMatchObject({ show: 'overview', prepare: null, switchAt: null, nextDecisionAt: null });
      const stillHeld = nextSceneDecision(d.state, input(t0 + 600 * S, { hold: true }));
      expect(stillHeld.show).toBe('overview');
    });

    it('resumes with a full duration for the current scene after the hold ends', () => {
      const held = nextSceneDecision(start(), input(t0 + 50 * S, { hold: true })).state;
      const released = t0 + 400 * S;
      const d = nextSceneDecision(held, input(released));
      expect(d).toMatchObject({ show: 'overview', prepare: null, switchAt: released + 60 * S });
      expect(nextSceneDecision(d.state, input(released + 60 * S)).show).toBe('dossiers');
    });

    it('drops a prepared scene when a hold begins in the prepare window', () => {
      const s = start();
      expect(nextSceneDecision(s, input(t0 + 59 * S)).prepare).toBe('dossiers');
      expect(nextSceneDecision(s, input(t0 + 59 * S, { hold: true })).prepare).toBeNull();
    });
  });

  describe('pin', () => {
    it('always shows the pinned scene and never rotates', () => {
      const d = nextSceneDecision(start(), input(t0 + 10 * S, { pin: 'payments' }));
      expect(d).toMatchObject({ show: 'payments', prepare: null, switchAt: null, nextDecisionAt: null });
      const hours = nextSceneDecision(d.state, input(t0 + 3 * 3600 * S, { pin: 'payments' }));
      expect(hours.show).toBe('payments');
      expect(hours.state.startedAt).toBe(t0 + 10 * S);
    });

    it('wins over a hold', () => {
      expect(nextSceneDecision(start(), input(t0, { pin: 'map', hold: true })).show).toBe('map');
    });

    it('restarts the playlist from its first scene when the pin is lifted', () => {
      const pinned = nextSceneDecision(start(), input(t0 + 70 * S, { pin: 'tasks' })).state;
      const d = nextSceneDecision(pinned, input(t0 + 500 * S));
      expect(d).toMatchObject({ show: 'overview', switchAt: t0 + 560 * S });
    });
  });

  describe('playlist changes', () => {
    const boundary = t0 + 75 * S; // a time-of-day schedule starts 15 s into "dossiers"
    const changing = (t: number) => (t < boundary ? playlist : night);

    it('finishes the current scene, then moves to the new playlist’s first scene', () => {
      const s = nextSceneDecision(start(), input(t0 + 60 * S, { playlistAt: changing })).state;
      const during = nextSceneDecision(s, input(boundary + 5 * S, { playlistAt: changing }));
      expect(during).toMatchObject({ show: 'dossiers', switchAt: t0 + 90 * S });
      const after = nextSceneDecision(during.state, input(t0 + 90 * S, { playlistAt: changing }));
      expect(after).toMatchObject({ show: 'map', switchAt: t0 + 210 * S });
      expect(after.state.playlist).toBe(night);
    });

    it('prepares the new playlist’s first scene when the change falls inside the prepare window', () => {
      const edge = t0 + 59 * S; // the schedule changes between the announcement and the switch
      const s = start();
      const d = nextSceneDecision(
        s,
        input(t0 + 58 * S, { playlistAt: (t) => (t < edge ? playlist : night) }),
      );
      expect(d.prepare).toBe('map');
    });

    it('treats a reloaded but identical playlist as the same one', () => {
      const copy = playlist.map((x) => ({ ...x }));
      const d = nextSceneDecision(start(), input(t0 + 60 * S, { playlistAt: () => copy }));
      expect(d.show).toBe('dossiers');
    });
  });

  it('prepares nothing when the next scene is the one on screen', () => {
    const single = nextSceneDecision(null, input(t0, { playlistAt: () => night }));
    const d = nextSceneDecision(single.state, input(t0 + 119 * S, { playlistAt: () => night }));
    expect(d).toMatchObject({ show: 'map', prepare: null, nextDecisionAt: t0 + 120 * S });
  });
});

describe(alignedRotation.name, () => {
  const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00+07:00`);
  const schedule: SceneSchedule = {
    scenes: [
      { id: 'overview', durationSec: 60 },
      { id: 'map', durationSec: 30 },
    ],
    schedules: [
      {
        name: 'morning',
        from: '08:00',
        to: '11:30',
        scenes: [
          { id: 'dossiers', durationSec: 20 },
          { id: 'tasks', durationSec: 40 },
        ],
      },
    ],
  };

  it('gives every wall the same scene at the same instant, whenever each started', () => {
    const t = at('14:00') + 75_000;
    expect(alignedRotation(schedule, t)).toEqual(alignedRotation(schedule, t));
    // The default playlist has run since 11:30 in 90-second cycles; 14:01:15 is 9,075 s in: 100 cycles + 75 s.
    const s = alignedRotation(schedule, t);
    expect(s.scene).toBe('map');
    expect(s.startedAt).toBe(at('11:30') + 100 * 90_000 + 60_000);
  });

  it('starts a time-of-day playlist at the first scene when its window opens', () => {
    expect(alignedRotation(schedule, at('08:00')).scene).toBe('dossiers');
    expect(alignedRotation(schedule, at('08:00') + 20_000).scene).toBe('tasks');
    expect(playlistSince(schedule, at('09:17'))).toBe(at('08:00'));
  });

  it('anchors a playlist in force all day at midnight in Hà Nội', () => {
    const plain: SceneSchedule = {
      scenes: [
        { id: 'overview', durationSec: 45 },
        { id: 'map', durationSec: 45 },
      ],
    };
    expect(playlistSince(plain, at('13:37'))).toBe(at('00:00'));
    expect(alignedRotation(plain, at('00:00') + 46_000).scene).toBe('map');
  });
});
