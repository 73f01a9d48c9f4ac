import type { DossierListState, DossierPage, DossierRow } from '../../shared/dossier-list';
import type { Scope } from '../../shared/scope';
import { ApiError, getJson } from '../lib/net/api';

/** Rows a page of a tablet's list holds; "more" reads the next page after them. */
export const TABLET_PAGE = 20;

/** Where a list stands: reading, read, refused (the person is not a leader), or failed. */
export type DossierListStatus = 'loading' | 'ok' | 'refused' | 'failed';

/**
 * One list of dossiers a leader can act on (GET /api/v1/dossiers) for a scope: its first page, then
 * page after page on demand, each following the cursor of the one before, so a row is never shown twice
 * however the list moves in between. `refresh` reads the first page again only while no more was asked
 * for: a leader reading down a long list does not have it pulled from under the finger.
 */
export class DossierList {
  #rows = $state.raw<DossierRow[]>([]);
  #total = $state<number | null>(null);
  #serverTime = $state<number | null>(null);
  #status = $state<DossierListStatus>('loading');
  #next = $state<string | null>(null);
  #pages = 0;
  #abort = new AbortController();

  constructor(
    readonly scope: Scope,
    readonly state: DossierListState,
    readonly hours = 24,
  ) {}

  get rows(): readonly DossierRow[] {
    return this.#rows;
  }
  get total(): number | null {
    return this.#total;
  }
  get serverTime(): number | null {
    return this.#serverTime;
  }
  get status(): DossierListStatus {
    return this.#status;
  }
  get hasMore(): boolean {
    return this.#next !== null;
  }

  /** The first page again (the scope's list now), unless the leader has paged further. */
  refresh(): void {
    if (this.#pages > 1) return;
    void this.#read(null);
  }

  /** The next page, appended. */
  more(): void {
    if (this.#next) void this.#read(this.#next);
  }

  stop(): void {
    this.#abort.abort();
  }

  async #read(cursor: string | null): Promise<void> {
    this.#abort.abort();
    this.#abort = new AbortController();
    const { signal } = this.#abort;
    const query = [
      `scope=${encodeURIComponent(this.scope)}`,
      `state=${this.state}`,
      `limit=${TABLET_PAGE}`,
      ...(this.state === 'dueSoon' ? [`hours=${this.hours}`] : []),
      ...(cursor ? [`cursor=${encodeURIComponent(cursor)}`] : []),
    ].join('&');
    try {
      const page = await getJson<DossierPage>(`/api/v1/dossiers?${query}`, { signal, signInOn401: true });
      if (signal.aborted) return;
      this.#rows = cursor ? [...this.#rows, ...page.rows] : page.rows;
      this.#pages = cursor ? this.#pages + 1 : 1;
      this.#total = page.total;
      this.#serverTime = page.serverTime;
      this.#next = page.nextCursor;
      this.#status = 'ok';
    } catch (err) {
      if (signal.aborted || !(err instanceof ApiError)) return;
      this.#status = err.status === 403 ? 'refused' : 'failed';
    }
  }
}
