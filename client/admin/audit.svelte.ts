import type { AuditEntry, AuditPage } from '../../shared/admin';
import { getJson } from '../lib/net/api';

/** The audit log, newest first, read a page at a time ("Xem thêm" asks for the older ones). */
export class AuditLog {
  #entries = $state.raw<readonly AuditEntry[]>([]);
  #next = $state<string | null>(null);
  #loaded = $state(false);
  #loading = $state(false);
  #error = $state<string | null>(null);

  get entries(): readonly AuditEntry[] {
    return this.#entries;
  }
  /** Whether older entries remain to be read. */
  get more(): boolean {
    return this.#next !== null;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get error(): string | null {
    return this.#error;
  }

  /** Reads the newest page again, from the top. */
  async reload(): Promise<void> {
    await this.#read(null);
  }

  /** Reads the page older than the last one shown. */
  async loadMore(): Promise<void> {
    if (this.#next !== null) await this.#read(this.#next);
  }

  async #read(before: string | null): Promise<void> {
    if (this.#loading) return;
    this.#loading = true;
    this.#error = null;
    try {
      const query = before === null ? '' : `?before=${encodeURIComponent(before)}`;
      const page = await getJson<AuditPage>(`/api/v1/audit${query}`);
      // An entry already shown (written while paging, so it slid onto this page too) is shown once.
      const tail = before === null ? [] : this.#entries.slice(-page.entries.length);
      const fresh = page.entries.filter((e) => !tail.some((t) => t.id === e.id));
      this.#entries = before === null ? fresh : [...this.#entries, ...fresh];
      this.#next = page.next;
      this.#loaded = true;
    } catch (err) {
      this.#error = err instanceof Error ? err.message : String(err);
    } finally {
      this.#loading = false;
    }
  }
}
