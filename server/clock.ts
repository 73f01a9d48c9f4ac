/**
 * The server owns time. Everything that asks "what time is it" takes a Clock, so tests can set the
 * time and the demo can play a day in minutes (an accelerated clock) with every part agreeing.
 */
export interface Clock {
  now(): number;
  /** How many simulated milliseconds pass per real millisecond (1 for the wall clock). */
  readonly speed: number;
}

export const systemClock: Clock = { now: () => Date.now(), speed: 1 };

/** A clock that starts at `start` and runs `speed` times faster than real time. */
export function acceleratedClock(speed: number, start = Date.now()): Clock {
  const realStart = Date.now();
  return { now: () => Math.floor(start + (Date.now() - realStart) * speed), speed };
}

/** A clock that only moves when told to: for tests. */
export function manualClock(start: number): Clock & { set(t: number): void; advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    speed: 1,
    set: (v) => void (t = v),
    advance: (ms) => void (t += ms),
  };
}
