import { normalisePairingCode, type DeviceInfo, type NewDevice } from '../../shared/admin';
import { t } from '../lib/i18n';
import { postJson } from '../lib/net/api';
import { FormState } from '../lib/ui/form.svelte';
import { Revocable } from './revocable.svelte';

/** The Devices tab: pair a screen by its code, list the screens, revoke one. */
export class DevicesState {
  readonly devices = new Revocable<DeviceInfo>('/api/v1/devices', (d) => d.pairedAt);
  readonly form = new FormState(['code', 'name', 'place']);
  #paired = $state<string | null>(null);

  /** The name of the screen just paired, for the confirmation line; null otherwise. */
  get paired(): string | null {
    return this.#paired;
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
    void this.devices.list.load();
    return true;
  }
}
