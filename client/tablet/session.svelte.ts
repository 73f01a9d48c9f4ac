import { lang } from '../lib/i18n';
import { signInUrl, type SessionUser } from './api';

const RETRY_MS = 5_000;

/**
 * Who is signed in. The page shows nothing but this check until GET /api/v1/session answers with a
 * person; a 401 sends the leader to the sign-in page (coming back to the same address afterwards).
 */
export class SessionState {
  #user = $state.raw<SessionUser | null>(null);
  #status = $state<'checking' | 'signed-in' | 'unreachable' | 'leaving'>('checking');

  /** The person signed in; null until the check succeeds. */
  get user(): SessionUser | null {
    return this.#user;
  }
  /** checking → signed-in; unreachable while the server does not answer (retrying); leaving on 401. */
  get status() {
    return this.#status;
  }

  /** Checks the session, retrying while the server is unreachable. */
  async check(): Promise<void> {
    for (;;) {
      try {
        const res = await fetch('/api/v1/session', { headers: { accept: 'application/json' } });
        // A screen with no person (loopback, a paired display) is answered user: null: sign in as well.
        const user = res.ok ? ((await res.json()) as { user: SessionUser | null }).user : null;
        if (res.status === 401 || (res.ok && !user)) {
          this.#status = 'leaving';
          return location.replace(signInUrl());
        }
        if (user) {
          this.#user = user;
          this.#status = 'signed-in';
          return;
        }
      } catch {
        // Network down or server restarting: say so and try again.
      }
      this.#status = 'unreachable';
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }

  /** Ends the session on the server, then goes to the sign-in page whatever the answer. */
  async signOut(): Promise<void> {
    this.#status = 'leaving';
    try {
      await fetch('/api/v1/session', { method: 'DELETE' });
    } catch {
      // The cookie is httpOnly: the server must clear it; the sign-in page will ask again anyway.
    }
    location.assign(lang === 'en' ? '/login?lang=en' : '/login');
  }
}

/** The page's session. */
export const session = new SessionState();
