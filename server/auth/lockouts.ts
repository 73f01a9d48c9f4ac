import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Limiter } from '../store/limiter';
import type { Store } from '../store/types';

/**
 * Failed sign-ins from one address for one login, within `windowMs` of the first and with no success
 * between, that lock that pair; and for how long.
 */
export interface LockOutRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const LOCK_OUT: LockOutRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** What a sign-in attempt is counted against: the login typed, from where, since the admin's last unlock. */
export interface Attempt {
  login: string;
  address: string;
  /** Bumped by an admin's unlock, so every count made before it is left behind (users.ts). */
  unlocks: number;
}

/**
 * Failed sign-ins counted per login AND address, in the store (Redis: every process counts together).
 * Per login alone, anyone could lock the admin out with five wrong passwords; per pair, a guesser locks
 * only themselves, while the per-address limit (SIGN_IN_LIMIT) still slows guessing across logins.
 * Unknown logins are counted exactly like real ones, so the answers never tell which logins exist.
 */
export class LockOuts {
  readonly #failures: Limiter;
  readonly #rule: LockOutRule;

  constructor(store: Pick<Store, 'limiter'>, rule: LockOutRule = LOCK_OUT) {
    this.#rule = rule;
    this.#failures = store.limiter({
      name: 'sign-in-failures',
      points: rule.maxFailures,
      durationS: wholeSeconds(rule.windowMs),
    });
  }

  /** Milliseconds this pair stays locked, or null when it may try. */
  async lockedFor(a: Attempt): Promise<number | null> {
    const counted = await this.#failures.get(keyOf(a));
    return counted && counted.consumedPoints >= this.#rule.maxFailures ? counted.msBeforeNext : null;
  }

  /** Counts a failure; the maxFailures-th locks the pair for the whole lockMs. Returns the lock's length, or null. */
  async failed(a: Attempt): Promise<number | null> {
    const key = keyOf(a);
    const counted = await this.#failures.consume(key).catch((refused: unknown) => {
      if (refused instanceof RateLimiterRes) return refused;
      throw refused;
    });
    if (counted.consumedPoints < this.#rule.maxFailures) return null;
    // The window began at the first failure; the lock runs its full length from the last one.
    await this.#failures.block(key, wholeSeconds(this.#rule.lockMs));
    return this.#rule.lockMs;
  }

  /** A success forgets the pair's failures. */
  async succeeded(a: Attempt): Promise<void> {
    await this.#failures.delete(keyOf(a));
  }
}

const wholeSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** As JSON, so no login typed can make its key collide with another pair's. */
const keyOf = (a: Attempt) => JSON.stringify([a.login, a.unlocks, a.address]);
