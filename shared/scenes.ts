import { VN_OFFSET_MS, minuteOfDay } from './time';

/**
 * The wall's scene scheduler, as pure functions of server time: which playlist is in force, which scene to
 * show, which to draw offscreen ahead of its switch. No timers here: the caller sets one for
 * `nextDecisionAt` and calls again, so jitter in setTimeout never accumulates into drift.
 */

export const SCENE_IDS = ['overview', 'dossiers', 'dueSoon', 'payments', 'tasks', 'map'] as const;
export type SceneId = (typeof SCENE_IDS)[number];
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const isSceneId = (s: unknown): s is SceneId => SCENE_IDS.includes(s as SceneId);

/** One scene of a playlist and how long it stays up. */
export interface SceneSlot {
  id: SceneId;
  durationSec: number;
}
/** A playlist in force on some days between two times of day (Asia/Ho_Chi_Minh). */
export interface TimedSchedule {
  name: string;
  days?: Weekday[];
  from: string;
  to: string;
  scenes: SceneSlot[];
}
/** The rotation: a default playlist and time-of-day schedules (the first that matches wins). */
export interface SceneSchedule {
  scenes: SceneSlot[];
  schedules?: TimedSchedule[];
}
export type Playlist = readonly SceneSlot[];

export const DEFAULT_SCHEDULE: SceneSchedule = {
  scenes: [
    { id: 'overview', durationSec: 60 },
    { id: 'dossiers', durationSec: 30 },
    { id: 'dueSoon', durationSec: 20 },
    { id: 'payments', durationSec: 30 },
    { id: 'tasks', durationSec: 30 },
    { id: 'map', durationSec: 45 },
  ],
};

/** Validates a schedule file: the schedule, or one message per problem naming the field ("scenes.2.id: …"). */
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** Day of the week in Asia/Ho_Chi_Minh, 0 = Monday (1970-01-01, day 0, was a Thursday). */
const weekdayIndex = (t: number) => (Math.floor((t + VN_OFFSET_MS) / 86_400_000) + 3) % 7;

/**
 * Whether a time-of-day schedule covers the instant t. Its window is [from, to) in Asia/Ho_Chi_Minh; one
 * that crosses midnight (22:00–06:00) belongs to the day it starts on, so "fri 22:00–06:00" covers
 * Saturday 02:00 and not Friday 02:00.
 */
function covers(s: TimedSchedule, t: number): boolean {
  const m = minuteOfDay(t);
  const from = minutesOf(s.from);
  const to = minutesOf(s.to);
  let startDay = weekdayIndex(t);
  if (from < to) {
    if (m < from || m >= to) return false;
  } else if (m < to) {
    startDay = (startDay + 6) % 7; // the part after midnight was started yesterday
  } else if (m < from) {
    return false;
  }
  return !s.days || s.days.includes(WEEKDAYS[startDay] as Weekday);
}

/** The scenes in force at server time t: the first time-of-day schedule that covers it, else the default. */
export function activePlaylist(schedule: SceneSchedule, t: number): Playlist {
  return schedule.schedules?.find((s) => covers(s, t))?.scenes ?? schedule.scenes;
}

/** Same scenes in the same order for the same durations: a reloaded file is not a new playlist. */
const samePlaylist = (a: Playlist, b: Playlist) =>
  a === b ||
  (a.length === b.length && a.every((s, i) => s.id === b[i]?.id && s.durationSec === b[i].durationSec));

/** Where the rotation stands; fed back into the next call. */
export interface RotationState {
  /** The playlist the current scene was started from (its duration comes from here). */
  playlist: Playlist;
  /** Position in `playlist`: a scene may appear twice in one playlist. */
  index: number;
  scene: SceneId;
  /** Server time the current scene started, or resumed after a hold: its switch is due a full duration later. */
  startedAt: number;
  mode: 'rotating' | 'held' | 'pinned';
}

export interface RotationInput {
  /** Server time of this decision. */
  now: number;
  /** The playlist in force at an instant, usually `(t) => activePlaylist(schedule, t)`. */
  playlistAt: (t: number) => Playlist;
  /** A critical alert is up: stay on the current scene. */
  hold: boolean;
  /** `?scene=`: show this scene and never rotate. */
  pin?: SceneId | null;
  /** How long before its switch the next scene is drawn offscreen. */
  prepareAheadMs?: number;
}

export interface SceneDecision {
  state: RotationState;
  /** The scene on screen now. */
  show: SceneId;
  /** The scene to draw offscreen now, so the switch shows no blank frame; null when none is coming soon. */
  prepare: SceneId | null;
  /** When the current scene gives way to the next; null while held or pinned. */
  switchAt: number | null;
  /** When to call again; null while held or pinned (call again when hold, pin or the schedule changes). */
  nextDecisionAt: number | null;
}

const PREPARE_AHEAD_MS = 2_000;
/** A wall that slept through more switches than this restarts its playlist rather than replaying them. */
const MAX_CATCH_UP = 1_000;

const durationMs = (s: RotationState) => (s.playlist[s.index]?.durationSec ?? 60) * 1000;
/** Guards against an empty playlist (the schema forbids one; a hand-built input might not). */
const nonEmpty = (p: Playlist): Playlist => (p.length ? p : DEFAULT_SCHEDULE.scenes);

function startOf(playlist: Playlist, index: number, at: number): RotationState {
  const p = nonEmpty(playlist);
  const i = index < p.length ? index : 0;
  return { playlist: p, index: i, scene: p[i]!.id, startedAt: at, mode: 'rotating' };
}

/** The scene that follows `s` at its switch time: the next in its playlist, or the first of a new one. */
function following(s: RotationState, at: number, playlistAt: (t: number) => Playlist): RotationState {
  const p = nonEmpty(playlistAt(at));
  return samePlaylist(p, s.playlist)
    ? startOf(s.playlist, (s.index + 1) % s.playlist.length, at)
    : startOf(p, 0, at);
}

/**
 * Decides what the wall shows at `input.now`. Pin beats hold beats rotation. Switch times are computed
 * from start times, never from when this was called, so a late timer does not shift later scenes.
 * Pass `null` as the state to start the rotation.
 */
export function nextSceneDecision(state: RotationState | null, input: RotationInput): SceneDecision {
  const { now, playlistAt, hold, pin } = input;
  const prepareAhead = input.prepareAheadMs ?? PREPARE_AHEAD_MS;

  if (pin) {
    const startedAt = state?.mode === 'pinned' && state.scene === pin ? state.startedAt : now;
    const s: RotationState = { playlist: [], index: 0, scene: pin, startedAt, mode: 'pinned' };
    return { state: s, show: pin, prepare: null, switchAt: null, nextDecisionAt: null };
  }
  // A lifted pin restarts the playlist: the pinned scene may not even be in it.
  let s = !state || state.mode === 'pinned' ? startOf(playlistAt(now), 0, now) : state;

  if (hold) {
    s = { ...s, mode: 'held' };
    return { state: s, show: s.scene, prepare: null, switchAt: null, nextDecisionAt: null };
  }
  // The scene on screen through a hold gets its full time once the alert is dealt with.
  if (s.mode === 'held') s = { ...s, startedAt: now, mode: 'rotating' };

  let switchAt = s.startedAt + durationMs(s);
  for (let n = 0; switchAt <= now; n++) {
    s = n < MAX_CATCH_UP ? following(s, switchAt, playlistAt) : startOf(playlistAt(now), 0, now);
    switchAt = s.startedAt + durationMs(s);
  }

  const prepareAt = switchAt - prepareAhead;
  if (now < prepareAt) return { state: s, show: s.scene, prepare: null, switchAt, nextDecisionAt: prepareAt };
  const next = following(s, switchAt, playlistAt).scene;
  return {
    state: s,
    show: s.scene,
    prepare: next === s.scene ? null : next,
    switchAt,
    nextDecisionAt: switchAt,
  };
}

const MINUTE_MS = 60_000;

/**
 * When the playlist in force at `t` came into force: the last minute boundary at which the schedule
 * switched to it (time-of-day windows are whole minutes), looking back at most a day.
 */
export function playlistSince(schedule: SceneSchedule, t: number): number {
  const p = activePlaylist(schedule, t);
  let start = Math.floor(t / MINUTE_MS) * MINUTE_MS;
  for (let i = 0; i < 24 * 60; i++) {
    const before = start - MINUTE_MS;
    if (!samePlaylist(activePlaylist(schedule, before), p)) return start;
    start = before;
  }
  // The same playlist all day long: anchor it at the day's start in Asia/Ho_Chi_Minh.
  return Math.floor((t + VN_OFFSET_MS) / 86_400_000) * 86_400_000 - VN_OFFSET_MS;
}

/**
 * Where the rotation stands at server time `t`, as a function of `t` alone: the playlist in force,
 * cycled since it came into force. Every wall of a server computes the same state from the server clock,
 * so walls side by side in one room turn together, whenever each was started.
 */
export function alignedRotation(schedule: SceneSchedule, t: number): RotationState {
  const playlist = nonEmpty(activePlaylist(schedule, t));
  const cycleMs = playlist.reduce((sum, s) => sum + s.durationSec * 1000, 0);
  const since = playlistSince(schedule, t);
  let startedAt = since + Math.floor((t - since) / cycleMs) * cycleMs;
  let index = 0;
  while (startedAt + playlist[index]!.durationSec * 1000 <= t) {
    startedAt += playlist[index]!.durationSec * 1000;
    index++;
  }
  return { playlist, index, scene: playlist[index]!.id, startedAt, mode: 'rotating' };
}
