import { ApiError } from '../lib/net/api';
import { signOut, whoAmI, type SessionUser } from '../lib/net/session';
import { leaveForSignIn } from '../lib/net/sign-in';

const RETRY_MS = 5_000;

/**
 * Who is signed in. The page shows nothing but this check until GET /api/v1/session names a person;
 * without one (no session, or only a screen's credential) the leader goes to sign in, coming back to
 * the same address afterwards.
 */
class SessionState {
  #user = $state.raw<SessionUser | null>(null);
  #status = $state<'checking' | 'signed-in' | 'unreachable' | 'leaving'>('checking');

  /** The person signed in; null until the check succeeds. */
  get user(): SessionUser | null {
    return this.#user;
  }
  /** checking → signed-in; unreachable while the server does not answer (retrying); leaving to sign in. */
  get status() {
    return this.#status;
  }

  /** Checks the session, retrying while the server is unreachable. */
  async check(): Promise<void> {
    for (;;) {
      try {
        const { user } = await whoAmI({ signInOn401: true });
        if (user) {
          this.#user = user;
          this.#status = 'signed-in';
        } else {
          this.#status = 'leaving';
          leaveForSignIn();
        }
        return;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return void (this.#status = 'leaving');
        // Network down or server restarting: say so and try again.
      }
      this.#status = 'unreachable';
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }

  /** Ends the session on the server, then goes to the sign-in page whatever the answer. */
  async signOut(): Promise<void> {
    this.#status = 'leaving';
    await signOut();
  }
}

/** The page's session. */
export const session = new SessionState();
