import type { NewSourceKey, NewSourceKeyRequest, SourceKeyInfo } from '../../shared/admin';
import { deleteJson, postJson } from '../lib/net/api';
import { byActiveThenNewest } from './devices.svelte';
import { FormState } from '../lib/ui/form.svelte';
import { RemoteList } from './remote-list.svelte';
import { t } from '../lib/i18n';

/** The source keys tab: create a key (its secret shown once), list the keys, revoke one. */
export class KeysState {
  readonly list = new RemoteList<SourceKeyInfo>('/api/v1/keys');
  readonly form = new FormState(['name', 'source', 'types']);
  #created = $state.raw<NewSourceKey | null>(null);
  #revoking = $state<string | null>(null);
  #revokeError = $state<{ id: string; message: string } | null>(null);

  /** Keys, active first. */
  get keys(): SourceKeyInfo[] {
    return byActiveThenNewest(this.list.items, (k) => k.createdAt);
  }
  /** The key just created with its secret, until the admin says it is stored. */
  get created(): NewSourceKey | null {
    return this.#created;
  }
  get revoking(): string | null {
    return this.#revoking;
  }
  get revokeError(): { id: string; message: string } | null {
    return this.#revokeError;
  }

  /** Creates a key; no types ticked means every type of the source. Resolves true when done. */
  async create(input: NewSourceKeyRequest): Promise<boolean> {
    const problems: Record<string, string> = {};
    if (!input.name.trim()) problems.name = t('required');
    const body: NewSourceKeyRequest = {
      name: input.name.trim(),
      source: input.source,
      ...(input.types && input.types.length > 0 ? { types: input.types } : {}),
    };
    const created = await this.form.run(problems, () => postJson<NewSourceKey>('/api/v1/keys', body));
    if (!created) return false;
    this.#created = created;
    void this.list.load();
    return true;
  }

  /** Forgets the secret: it is never shown again. */
  dismissSecret(): void {
    this.#created = null;
  }

  async revoke(id: string): Promise<void> {
    this.#revoking = id;
    this.#revokeError = null;
    try {
      await deleteJson(`/api/v1/keys/${encodeURIComponent(id)}`);
    } catch (err) {
      this.#revokeError = { id, message: err instanceof Error ? err.message : String(err) };
    } finally {
      this.#revoking = null;
    }
    await this.list.load();
  }
}
