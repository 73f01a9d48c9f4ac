import { normalisePairingCode, type DeviceInfo, type NewDevice } from '../../shared/admin';
import { deleteJson, postJson } from '../lib/net/api';
import { FormState } from '../lib/ui/form.svelte';
import { RemoteList } from './remote-list.svelte';
import { t } from '../lib/i18n';

/** Active first, then newest first. */
export const byActiveThenNewest = <T extends { revokedAt: number | null }>(
  list: readonly T[],
  at: (item: T) => number,
): T[] =>
  [...list].sort((x, y) => Number(x.revokedAt !== null) - Number(y.revokedAt !== null) || at(y) - at(x));

/** The Devices tab: pair a screen by its code, list the screens, revoke one. */
export class DevicesState {
  readonly list = new RemoteList<DeviceInfo>('/api/v1/devices');
  readonly form = new FormState(['code', 'name', 'place']);
  #paired = $state<string | null>(null);
  #revoking = $state<string | null>(null);
  #revokeError = $state<{ id: string; message: string } | null>(null);

  /** Devices, active first. */
  get devices(): DeviceInfo[] {
    return byActiveThenNewest(this.list.items, (d) => d.pairedAt);
  }
  /** The name of the screen just paired, for the confirmation line; null otherwise. */
  get paired(): string | null {
    return this.#paired;
  }
  /** The device being revoked. */
  get revoking(): string | null {
    return this.#revoking;
  }
  /** Why the last revoke failed, by device. */
  get revokeError(): { id: string; message: string } | null {
    return this.#revokeError;
  }

  /** Pairs the screen showing `input.code`; resolves true when done (the form may be cleared). */
  async pair(input: NewDevice): Promise<boolean> {
    this.#paired = null;
    const code = normalisePairingCode(input.code);
    const problems: Record<string, string> = {};
    if (!code) problems.code = t('badCode');
    if (!input.name.trim()) problems.name = t('required');
    if (!input.place.trim()) problems.place = t('required');
    const device = await this.form.run(problems, () =>
      postJson<DeviceInfo>('/api/v1/devices', { code, name: input.name.trim(), place: input.place.trim() }),
    );
    if (!device) return false;
    this.#paired = device.name;
    void this.list.load();
    return true;
  }

  async revoke(id: string): Promise<void> {
    this.#revoking = id;
    this.#revokeError = null;
    try {
      await deleteJson(`/api/v1/devices/${encodeURIComponent(id)}`);
    } catch (err) {
      this.#revokeError = { id, message: err instanceof Error ? err.message : String(err) };
    } finally {
      this.#revoking = null;
    }
    await this.list.load();
  }
}
