import { describe, expect, it } from 'vitest';
import { ApplyScheduler, MAX_PENDING } from '../../../../../client/wall/state/meeting-apply';
import { DEFAULT_VIEW, type MeetingState, type MeetingView } from '../../../../../shared/meeting';

const T0 = Date.UTC(2025, 10, 12, 7, 0, 0);

const meetingState = (
  seq: number,
  applyAt: number,
  view: Partial<MeetingView> = {},
  id = 'm1',
): MeetingState => ({
  meeting: { id, title: 'Giao ban', startsAt: T0, code: 'K7M4QX', invited: [], createdBy: 'user:op' },
  presenter: { actor: 'user:ct', name: 'Chủ tịch' },
  view: { ...DEFAULT_VIEW, ...view },
  seq,
  applyAt,
});

/** A scheduler on a hand-driven server clock and timers that fire only when the test says. */
function sut(speed = 1) {
  let now = T0;
  let timer: { fn: () => void; ms: number; dueAt: number } | null = null;
  const applied: { seq: number; at: number; scene: string }[] = [];
  const scheduler = new ApplyScheduler({
    now: () => now,
    speed: () => speed,
    apply: (s, at) => applied.push({ seq: s.seq, at, scene: s.view.scene }),
    setTimer: (fn, ms) => (timer = { fn, ms, dueAt: now + ms * speed }),
    clearTimer: () => (timer = null),
  });
  return {
    scheduler,
    applied,
    timer: () => timer,
    /** Moves the server clock on by `ms` and fires the timer when it is due by then. */
    advance(ms: number) {
      now += ms;
      const t = timer;
      if (t && t.dueAt <= now) {
        timer = null;
        t.fn();
      }
    },
    setNow: (t: number) => void (now = t),
  };
}

describe(ApplyScheduler.name, () => {
  it('applies a state already due at once: a late joiner lands on the current scene', () => {
    const { scheduler, applied } = sut();
    expect(scheduler.offer(meetingState(7, T0 - 60_000, { scene: 'map' }))).toBe('applied');
    expect(applied).toEqual([{ seq: 7, at: T0, scene: 'map' }]);
    expect(scheduler.appliedSeq).toBe(7);
  });

  it('waits for applyAt on the server clock, then applies', () => {
    const s = sut();
    expect(s.scheduler.offer(meetingState(1, T0 + 400, { scene: 'tasks' }))).toBe('scheduled');
    expect(s.timer()?.ms).toBe(400);
    expect(s.scheduler.upcoming?.seq).toBe(1);
    s.advance(399);
    expect(s.applied).toEqual([]);
    s.advance(1);
    expect(s.applied).toEqual([{ seq: 1, at: T0 + 400, scene: 'tasks' }]);
    expect(s.scheduler.upcoming).toBeNull();
  });

  it('turns a wait in server time into a timeout at the server clock’s speed', () => {
    const s = sut(60);
    s.scheduler.offer(meetingState(1, T0 + 24_000));
    expect(s.timer()?.ms).toBe(400);
  });

  it('reads the clock again when woken, so a re-measured offset never applies early', () => {
    const s = sut();
    s.scheduler.offer(meetingState(1, T0 + 400));
    // The clock was re-measured: the server is 100 ms behind what the page thought.
    s.setNow(T0 + 300);
    const t = s.timer()!;
    t.fn();
    expect(s.applied).toEqual([]);
    expect(s.timer()?.ms).toBe(100);
  });

  it('drops a state older than the one on screen: a join answer overtaken by a broadcast', () => {
    const { scheduler, applied } = sut();
    scheduler.offer(meetingState(5, T0 - 10, { scene: 'map' }));
    expect(scheduler.offer(meetingState(4, T0 - 500, { scene: 'overview' }))).toBe('ignored');
    expect(scheduler.offer(meetingState(5, T0 - 10, { scene: 'map' }))).toBe('ignored');
    expect(applied.map((a) => a.seq)).toEqual([5]);
  });

  it('shows only the newest of the states due together', () => {
    const s = sut();
    s.scheduler.offer(meetingState(2, T0 + 400, { scene: 'map' }));
    s.scheduler.offer(meetingState(3, T0 + 450, { scene: 'map', commune: '00004' }));
    s.advance(500);
    expect(s.applied.map((a) => a.seq)).toEqual([3]);
  });

  it('applies two quick changes each at its own instant, in order', () => {
    const s = sut();
    s.scheduler.offer(meetingState(2, T0 + 400, { scene: 'map' }));
    s.scheduler.offer(meetingState(3, T0 + 700, { scene: 'map', commune: '00004' }));
    s.advance(400);
    expect(s.applied.map((a) => a.seq)).toEqual([2]);
    expect(s.timer()?.ms).toBe(300);
    s.advance(300);
    expect(s.applied.map((a) => [a.seq, a.at])).toEqual([
      [2, T0 + 400],
      [3, T0 + 700],
    ]);
  });

  it('starts counting again for another meeting', () => {
    const { scheduler, applied } = sut();
    scheduler.offer(meetingState(9, T0 - 1));
    expect(scheduler.offer(meetingState(1, T0 - 1, {}, 'm2'))).toBe('applied');
    expect(applied.map((a) => a.seq)).toEqual([9, 1]);
  });

  it('keeps at most MAX_PENDING states waiting', () => {
    const s = sut();
    for (let i = 1; i <= MAX_PENDING + 5; i++) s.scheduler.offer(meetingState(i, T0 + 1_000 + i));
    s.advance(2_000);
    expect(s.applied.map((a) => a.seq)).toEqual([MAX_PENDING + 5]);
  });
});
