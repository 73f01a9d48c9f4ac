import type { Role } from '../../shared/roles';
import { ApiError, deleteJson, getJson, postJson } from '../lib/api';
import { lang } from '../lib/i18n';
import { landingFor, safeNext, withLang } from './next-path';
import { w } from './words';

/** The person a session belongs to (GET/POST /api/v1/session). */
export interface SessionUser {
  login: string;
  name: string;
  role: Role;
}

const SESSION = '/api/v1/session';

/**
 * The sign-in page's state: first whether someone is already signed in (offer to continue or sign out),
 * then the form's errors, general (wrong password, locked, rate-limited) and per field.
 */
export class SignIn {
  #phase = $state<'checking' | 'form' | 'signed-in'>('checking');
  #user = $state.raw<SessionUser | null>(null);
  #busy = $state(false);
  #error = $state<string | null>(null);
  #fields = $state.raw<Readonly<Record<string, string>>>({});
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
    return this.#busy;
  }
  /** The server's answer in words (wrong password, locked for N minutes, too many tries), or null. */
  get error(): string | null {
    return this.#error;
  }
  /** Messages per field ("login", "password"). */
  get fields(): Readonly<Record<string, string>> {
    return this.#fields;
  }

  /** Where "continue" and a successful sign-in go: `next` when safe, else the role's landing page. */
  destination(role: Role): string {
    return withLang(this.#next ?? landingFor(role), lang);
  }

  /** Asks whether a session is open already. */
  async check(): Promise<void> {
    try {
      // A screen watching from loopback is answered too, with no person: it gets the form.
      const { user } = await getJson<{ user: SessionUser | null }>(SESSION);
      this.#user = user;
      this.#phase = user ? 'signed-in' : 'form';
    } catch (err) {
      // 401 is the usual answer; any other failure still leaves the form to try with.
      if (!(err instanceof ApiError) || err.status !== 401) this.#error = message(err);
      this.#phase = 'form';
    }
  }

  async submit(login: string, password: string): Promise<void> {
    if (this.#busy) return;
    const fields: Record<string, string> = {};
    if (!login.trim()) fields.login = w('needLogin');
    if (!password) fields.password = w('needPassword');
    this.#fields = fields;
    this.#error = null;
    if (Object.keys(fields).length > 0) return;
    this.#busy = true;
    try {
      const { user } = await postJson<{ user: SessionUser }>(SESSION, { login: login.trim(), password });
      this.#go(this.destination(user.role));
    } catch (err) {
      this.#error = message(err);
      if (err instanceof ApiError) this.#fields = err.fields;
      this.#busy = false;
    }
  }

  continue(): void {
    if (this.#user) this.#go(this.destination(this.#user.role));
  }

  async signOut(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    this.#error = null;
    try {
      await deleteJson(SESSION);
      this.#user = null;
      this.#phase = 'form';
    } catch (err) {
      this.#error = message(err);
    } finally {
      this.#busy = false;
    }
  }
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
