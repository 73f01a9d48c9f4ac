import type { Directory } from '../../shared/directory';
import type { Scope } from '../../shared/scope';
import { getJson } from './api';

const RETRY_MS = 5_000;

/**
 * The names behind the codes (GET /api/v1/directory), read once after the session check (the wall's
 * DirectoryState starts reading as soon as it is imported, before the tablet knows who is signed in).
 * Until they arrive, and for a code the directory does not know, the code itself is shown.
 */
export class Names {
  #data = $state.raw<Directory | null>(null);
  #started = false;

  /** Reads the directory, retrying until it answers. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    void (async () => {
      for (;;) {
        const answer = await getJson<Directory>('/api/v1/directory');
        if (answer.ok) return void (this.#data = answer.data);
        if (answer.status === 401) return;
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    })();
  }

  /** The province's name; null until known. */
  get province(): string | null {
    return this.#data?.province.name ?? null;
  }
  /** Every commune's name by code. */
  get communes(): Readonly<Record<string, string>> {
    return this.#data?.communes ?? {};
  }
  /** Every agency's name by id. */
  get agencies(): Readonly<Record<string, string>> {
    return this.#data?.agencies ?? {};
  }
  /** "Xã Phú Cát" for commune:00004, "Sở Tư pháp" for agency:so-tu-phap, the province's name. */
  of(scope: Scope, provinceWord: string): string {
    const id = scope.slice(scope.indexOf(':') + 1);
    if (scope.startsWith('commune:')) return this.#data?.communes[id] ?? id;
    if (scope.startsWith('agency:')) return this.#data?.agencies[id] ?? id;
    return provinceWord;
  }
}

/** The page's names. */
export const names = new Names();
