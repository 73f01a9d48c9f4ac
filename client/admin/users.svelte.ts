import type { NewUserRequest, UserInfo } from '../../shared/admin';
import { postJson } from '../lib/net/api';
import { FormState } from '../lib/ui/form.svelte';
import { RemoteList } from './remote-list.svelte';
import { t } from '../lib/i18n';

/** The server's rules (server/auth/users.ts, password.ts), checked here first so the form answers at once. */
const LOGIN_RE = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const MIN_PASSWORD_LENGTH = 10;

export interface NewUserForm extends NewUserRequest {
  confirm: string;
}

/** Each problem with a new person by field, empty when the server may be asked. */
function userProblems(u: NewUserForm): Record<string, string> {
  const p: Record<string, string> = {};
  if (!LOGIN_RE.test(u.login.trim())) p.login = t('badLogin');
  if (!u.name.trim()) p.name = t('required');
  if (u.password.length < MIN_PASSWORD_LENGTH) p.password = t('shortPassword', { n: MIN_PASSWORD_LENGTH });
  else if (u.confirm !== u.password) p.confirm = t('mismatch');
  return p;
}

/** The people tab: list and add. */
export class UsersState {
  readonly list = new RemoteList<UserInfo>('/api/v1/users');
  readonly form = new FormState(['login', 'name', 'role', 'password', 'confirm']);
  #added = $state<string | null>(null);
  #unlocking = $state<string | null>(null);
  #unlockError = $state<{ login: string; message: string } | null>(null);

  /** People, newest first. */
  get users(): UserInfo[] {
    return [...this.list.items].sort((x, y) => y.createdAt - x.createdAt);
  }
  /** The name of the person just added, for the confirmation line. */
  get added(): string | null {
    return this.#added;
  }

  /** The login being unlocked. */
  get unlocking(): string | null {
    return this.#unlocking;
  }
  /** Why the last unlock failed, by login. */
  get unlockError(): { login: string; message: string } | null {
    return this.#unlockError;
  }

  /** Ends a person's sign-in lock-outs, from every address (the server audits it). */
  async unlock(login: string): Promise<void> {
    this.#unlocking = login;
    this.#unlockError = null;
    try {
      await postJson<UserInfo>(`/api/v1/users/${encodeURIComponent(login)}/unlock`);
    } catch (err) {
      this.#unlockError = { login, message: err instanceof Error ? err.message : String(err) };
    } finally {
      this.#unlocking = null;
    }
    await this.list.load();
  }

  /** Adds a person; resolves true when done (the form may be cleared). */
  async create(u: NewUserForm): Promise<boolean> {
    this.#added = null;
    const body: NewUserRequest = {
      login: u.login.trim(),
      name: u.name.trim(),
      role: u.role,
      password: u.password,
    };
    const user = await this.form.run(userProblems(u), () => postJson<UserInfo>('/api/v1/users', body));
    if (!user) return false;
    this.#added = user.name;
    void this.list.load();
    return true;
  }
}
