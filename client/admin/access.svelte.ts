import type { SessionResponse, Viewer } from '../../shared/access';
import { ApiError, deleteJson, getJson } from '../lib/api';
import { lang } from '../lib/i18n';
import { withLang } from '../pages/next-path';

export type ConsoleTab = 'devices' | 'fleet' | 'keys' | 'users' | 'audit';

/** The tabs a viewer may open, in the order shown. */
export function tabsFor(v: Viewer): ConsoleTab[] {
  const tabs: ConsoleTab[] = [];
  if (v.canPair) tabs.push('devices', 'fleet');
  if (v.canAdmin) tabs.push('keys', 'users', 'audit');
  return tabs;
}

/**
 * Who opened the console (GET /api/v1/session): someone not signed in is sent to sign in and back; a person
 * who may neither pair nor administer is told so politely.
 */
export class ConsoleAccess {
  #phase = $state<'loading' | 'ready' | 'refused' | 'error'>('loading');
  #viewer = $state.raw<Viewer | null>(null);
  #error = $state<string | null>(null);
  #go: (path: string) => void;

  constructor(go: (path: string) => void = (p) => location.assign(p)) {
    this.#go = go;
  }

  get phase(): 'loading' | 'ready' | 'refused' | 'error' {
    return this.#phase;
  }
  get viewer(): Viewer | null {
    return this.#viewer;
  }
  /** The tabs this viewer may open. */
  get tabs(): ConsoleTab[] {
    return this.#viewer ? tabsFor(this.#viewer) : [];
  }
  get error(): string | null {
    return this.#error;
  }

  async load(): Promise<void> {
    this.#phase = 'loading';
    try {
      const { viewer } = await getJson<SessionResponse>('/api/v1/session');
      this.#viewer = viewer;
      this.#phase = tabsFor(viewer).length > 0 ? 'ready' : 'refused';
    } catch (err) {
      if (err instanceof ApiError && err.status === 401)
        return this.#go(withLang('/login?next=/admin', lang));
      this.#error = err instanceof Error ? err.message : String(err);
      this.#phase = 'error';
    }
  }

  async signOut(): Promise<void> {
    // Whatever the answer, the sign-in page shows whether a session is still open.
    await deleteJson('/api/v1/session').catch(() => undefined);
    this.#go(withLang('/login', lang));
  }
}
