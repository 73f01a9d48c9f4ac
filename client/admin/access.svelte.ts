import type { Viewer } from '../../shared/access';
import { ApiError } from '../lib/net/api';
import { signOut, whoAmI } from '../lib/net/session';

export type ConsoleTab = 'devices' | 'fleet' | 'keys' | 'users' | 'audit';

/** The tabs a viewer may open, in the order shown. */
function tabsFor(v: Viewer): ConsoleTab[] {
  const tabs: ConsoleTab[] = [];
  if (v.canPair) tabs.push('devices', 'fleet');
  if (v.canAdmin) tabs.push('keys', 'users', 'audit');
  return tabs;
}

/**
 * Who opened the console (GET /api/v1/session): someone not signed in is sent to sign in and back; a
 * person or a screen who may neither pair nor administer is told so politely.
 */
export class ConsoleAccess {
  #phase = $state<'loading' | 'ready' | 'refused' | 'error'>('loading');
  #viewer = $state.raw<Viewer | null>(null);
  #error = $state<string | null>(null);

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
      const { viewer } = await whoAmI({ signInOn401: true });
      this.#viewer = viewer;
      this.#phase = tabsFor(viewer).length > 0 ? 'ready' : 'refused';
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return; // on the way to sign in
      this.#error = err instanceof Error ? err.message : String(err);
      this.#phase = 'error';
    }
  }

  /** Whatever the answer, the sign-in page shows whether a session is still open. */
  signOut(): Promise<void> {
    return signOut();
  }
}
