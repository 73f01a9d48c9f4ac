import type { Directory } from '../../../shared/directory';
import { DEFAULT_MIN_SAMPLE } from '../../../shared/min-sample';
import type { Scope } from '../../../shared/scope';
import { lang } from '../i18n/lang';
import { place } from '../i18n/place.svelte';
import { ApiError, getJson, type RequestOptions } from './api';

const RETRY_MS = 5_000;

/**
 * The names behind the codes (GET /api/v1/directory), read once the page knows it may (a wall at once,
 * the tablet after its session check), retrying until the server answers: a wall waits out a restart or
 * its pairing. Until then, and for a code the directory does not know, the code itself is shown.
 */
class DirectoryState {
  #data = $state.raw<Directory | null>(null);
  #started = false;
  #read: (opts: Pick<RequestOptions, 'signInOn401'>) => Promise<Directory>;

  constructor(
    read = (opts: Pick<RequestOptions, 'signInOn401'>) => getJson<Directory>('/api/v1/directory', opts),
  ) {
    this.#read = read;
  }

  /** Reads the names once; `signInOn401`: a page only a person may see leaves to sign in rather than retry. */
  start(opts: Pick<RequestOptions, 'signInOn401'> = {}): void {
    if (this.#started) return;
    this.#started = true;
    void (async () => {
      for (;;) {
        try {
          this.#data = await this.#read(opts);
          place.kind = this.#data.province.kind;
          return;
        } catch (err) {
          if (opts.signInOn401 && err instanceof ApiError && err.status === 401) return;
        }
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    })();
  }

  /** The province's name; null until known. */
  /** The simulator feeds the numbers: pages say "Dữ liệu mô phỏng". */
  get simulated(): boolean {
    return this.#data?.simulated ?? false;
  }
  /**
   * The fewest dossiers a unit's rate is ranked over (MIN_SAMPLE). Until the directory answers, the
   * default: the lists then wait for names too, and a server that says otherwise corrects it at once.
   */
  get minSample(): number {
    return this.#data?.minSample ?? DEFAULT_MIN_SAMPLE;
  }
  get province(): string | null {
    return this.#data?.province.name ?? null;
  }
  /** Every commune's name by code. */
  get communes(): Readonly<Record<string, string>> {
    return this.#data?.communes ?? {};
  }
  /** Every agency's name by id, in the page's language. */
  get agencies(): Readonly<Record<string, string>> {
    return (lang === 'en' ? this.#data?.agenciesEn : this.#data?.agencies) ?? {};
  }
  communeName(code: string): string {
    return this.#data?.communes[code] ?? code;
  }
  /** An agency's name in the page's language ("Sở Tư pháp", "Department of Justice"); its id until known. */
  agencyName(id: string): string {
    return this.agencies[id] ?? id;
  }
  /** "Xã Phú Cát" for commune:00004, "Sở Tư pháp" for agency:so-tu-phap; `province` for the province. */
  scopeName(scope: Scope, province: string): string {
    if (scope.startsWith('commune:')) return this.communeName(scope.slice('commune:'.length));
    if (scope.startsWith('agency:')) return this.agencyName(scope.slice('agency:'.length));
    return province;
  }
}

/** The page's directory of names. */
export const directory = new DirectoryState();
