import type { Role } from '../../shared/roles';
import { t, withLang } from '../lib/i18n';
import { ApiError } from '../lib/net/api';
import { endSession, signIn, whoAmI, type SessionUser } from '../lib/net/session';
import { FormState } from '../lib/ui/form.svelte';
import { landingFor, safeNext } from './next-path';

/**
 * The sign-in page's state: first whether someone is already signed in (offer to continue or sign out),
 * then the form's errors, general (wrong password, locked, rate-limited) and per field.
 */
export class SignIn {
  /** The form; its problems show by their fields only (two fields need no summary line). */
  readonly form = new FormState(['login', 'password'], null);
  #phase = $state<'checking' | 'form' | 'signed-in'>('checking');
  #user = $state.raw<SessionUser | null>(null);
  #signingOut = $state(false);
  /** Why the session check or the sign-out failed, or null. */
  #error = $state<string | null>(null);
  #next: string | null;
  #go: (path: string) => void;

  /** `next` is the raw `?next=` (guarded here); `go` navigates (location.assign). */
  constructor(next: string | null, go: (path: string) => void = (p) => location.assign(p)) {
    this.#next = safeNext(next);
    this.#go = go;
  }

  /** checking → the form, or signed-in when a session is already open. */
  get phase(): 'checking' | 'form' | 'signed-in' {
    return this.#phase;
  }
  /** Who is signed in, in phase signed-in. */
  get user(): SessionUser | null {
    return this.#user;
  }
  /** A request is under way: the buttons wait. */
  get busy(): boolean {
    return this.form.busy || this.#signingOut;
  }
  /** The server's answer in words (wrong password, locked for N minutes, too many tries), or null. */
  get error(): string | null {
    return this.#error ?? this.form.error;
  }

  /** Where "continue" and a successful sign-in go: `next` when safe, else the role's landing page. */
  destination(role: Role): string {
    return withLang(this.#next ?? landingFor(role));
  }

  /** Asks whether a person is signed in already (a screen's own credential does not count). */
  async check(): Promise<void> {
    try {
      const { user } = await whoAmI();
      this.#user = user;
      this.#phase = user ? 'signed-in' : 'form';
    } catch (err) {
      // 401 is the usual answer; any other failure still leaves the form to try with.
      if (!(err instanceof ApiError) || err.status !== 401) this.#error = message(err);
      this.#phase = 'form';
    }
  }

  async submit(login: string, password: string): Promise<void> {
    const problems: Record<string, string> = {};
    if (!login.trim()) problems.login = t('needLogin');
    if (!password) problems.password = t('needPassword');
    this.#error = null;
    const answer = await this.form.run(problems, () => signIn(login.trim(), password));
    if (answer) this.#go(this.destination(answer.user.role));
  }

  continue(): void {
    if (this.#user) this.#go(this.destination(this.#user.role));
  }

  async signOut(): Promise<void> {
    if (this.busy) return;
    this.#signingOut = true;
    this.#error = null;
    try {
      await endSession();
      this.#user = null;
      this.#phase = 'form';
    } catch (err) {
      this.#error = message(err);
    } finally {
      this.#signingOut = false;
    }
  }
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
