import type { Directory } from '../../../shared/directory';
import type { Scope } from '../../../shared/scope';

const RETRY_MS = 5_000;

/**
 * Names of communes and agencies, fetched once from the page's own server (retrying until it answers).
 * Until then, and for a code the directory does not know, the code itself is shown.
 */
export class DirectoryState {
  #data = $state.raw<Directory | null>(null);

  constructor(fetcher: typeof fetch | undefined = globalThis.fetch) {
    if (fetcher) void this.#load(fetcher);
  }

  async #load(fetcher: typeof fetch): Promise<void> {
    for (;;) {
      try {
        const res = await fetcher('/api/v1/directory');
        if (res.ok) return void (this.#data = (await res.json()) as Directory);
      } catch {
        // The server is not up yet: the wall keeps trying, like its socket.
      }
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }

  /** Whether the names have arrived. */
  get loaded(): boolean {
    return this.#data !== null;
  }
  communeName(code: string): string {
    return this.#data?.communes[code] ?? code;
  }
  agencyName(id: string): string {
    return this.#data?.agencies[id] ?? id;
  }
  /** "Phường Ba Đình" for commune:00004, "Sở Tư pháp" for agency:so-tu-phap, the province's name. */
  scopeName(scope: Scope): string {
    if (scope.startsWith('commune:')) return this.communeName(scope.slice('commune:'.length));
    if (scope.startsWith('agency:')) return this.agencyName(scope.slice('agency:'.length));
    return this.#data?.province.name ?? scope;
  }
}

/** The page's directory of names. */
export const directory = new DirectoryState();
