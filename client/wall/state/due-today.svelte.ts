import type { DueToday } from '../../../shared/due-today';
import { getJson } from '../../lib/net/api';

/** How often the scene asks while it is on screen (the server reads the indexes at most every 5 s). */
const POLL_MS = 15_000;
/** An answer older than this (by the server's clock) is shown as stale, not as current. */
export const DUE_TODAY_STALE_MS = 60_000;

/**
 * The counts behind the "Sắp trễ hạn" scene (GET /api/v1/due-today), read while the scene is mounted and
 * kept between its turns: the last answer stays on screen with its age when the server cannot answer,
 * and nothing is invented before the first answer.
 */
class DueTodayState {
  #data = $state.raw<DueToday | null>(null);
  #failed = $state(false);
  #users = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** The last answer, or null before the first. */
  get data(): DueToday | null {
    return this.#data;
  }
  /** The last request failed: what is shown is the previous answer. */
  get failed(): boolean {
    return this.#failed;
  }

  /** Starts reading (for as long as a scene uses it); call the function returned when the scene goes. */
  use(): () => void {
    this.#users += 1;
    if (this.#users === 1) void this.#poll();
    return () => {
      this.#users -= 1;
      if (this.#users === 0 && this.#timer !== null) {
        clearTimeout(this.#timer);
        this.#timer = null;
      }
    };
  }

  async #poll(): Promise<void> {
    try {
      this.#data = await getJson<DueToday>('/api/v1/due-today');
      this.#failed = false;
    } catch {
      this.#failed = true;
    }
    if (this.#users > 0) this.#timer = setTimeout(() => void this.#poll(), POLL_MS);
  }
}

export const dueToday = new DueTodayState();
