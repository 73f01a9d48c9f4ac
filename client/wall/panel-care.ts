import { minuteOfDay } from '../../shared/time';

/**
 * Care for panels that show the same layout for months: against burn-in, the whole picture moves a few
 * pixels every few minutes, and at night it dims. Pure functions of server time, so every wall in a room
 * moves and dims together.
 */

/** The picture moves to its next position this often. */
export const SHIFT_EVERY_MS = 3 * 60_000;
/** Nine positions around the home position (in units of the amplitude); the cycle takes 27 minutes. */
const POSITIONS: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
  [0, -1],
  [1, -1],
];

/** The shift amplitude for a screen: 2 px on 1080p, 4 px on 4K (a few pixels of the panel, not of CSS). */
export const shiftAmplitude = (screenHeightPx: number): number =>
  Math.max(2, Math.round(screenHeightPx / 540));

/** Where the picture sits at server time `now`, in px. */
export function pixelShift(now: number, amplitude: number): { x: number; y: number } {
  const [dx, dy] = POSITIONS[Math.floor(now / SHIFT_EVERY_MS) % POSITIONS.length]!;
  return { x: dx * amplitude, y: dy * amplitude };
}

/** Whether `now` falls in the night window [from, to) (minutes of the day, Asia/Ho_Chi_Minh; may cross midnight). */
export function isNight(now: number, window: { from: number; to: number } | null): boolean {
  if (!window) return false;
  const m = minuteOfDay(now);
  return window.from < window.to ? m >= window.from && m < window.to : m >= window.from || m < window.to;
}
