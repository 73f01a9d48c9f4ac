import type { NewSourceKey, NewSourceKeyRequest, SourceKeyInfo } from '../../shared/admin';
import { t } from '../lib/i18n';
import { postJson } from '../lib/net/api';
import { FormState } from '../lib/ui/form.svelte';
import { Revocable } from './revocable.svelte';

/** The source keys tab: create a key (its secret shown once), list the keys, revoke one. */
export class KeysState {
  readonly keys = new Revocable<SourceKeyInfo>('/api/v1/keys', (k) => k.createdAt);
  readonly form = new FormState(['name', 'source', 'types']);
  #created = $state.raw<NewSourceKey | null>(null);

  /** The key just created with its secret, until the admin says it is stored. */
  get created(): NewSourceKey | null {
    return this.#created;
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
    void this.keys.list.load();
    return true;
  }

  /** Forgets the secret: it is never shown again. */
  dismissSecret(): void {
    this.#created = null;
  }
}
