import { actorOf, type Viewer } from '../../shared/access';
import type { DeviceInfo } from '../../shared/admin';
import type { Directory } from '../../shared/directory';
import { place } from '../lib/i18n/place.svelte';
import type { MeetingInfo } from '../../shared/meeting';
import { atLeast } from '../../shared/roles';
import { ApiError, getJson, postJson } from '../lib/net/api';
import { signOut, whoAmI } from '../lib/net/session';

type Phase = 'loading' | 'ready' | 'refused' | 'error';

/** A commune of the directory, for the presenter's picker. */
export interface CommuneOption {
  code: string;
  name: string;
}

/** POST /api/v1/meetings. */
export interface NewMeeting {
  title: string;
  chair: string;
  startsAt: number;
  invited: string[];
}

/**
 * The presenter's page outside a meeting: who opened it (GET /api/v1/session: leaders and up; a 401
 * goes to sign in and back), the meetings (GET /api/v1/meetings), the names of the communes, and for operators
 * the paired displays to invite and the form's POST /api/v1/meetings.
 */
export class MeetingDesk {
  #phase = $state<Phase>('loading');
  #viewer = $state.raw<Viewer | null>(null);
  #error = $state<string | null>(null);
  #meetings = $state.raw<MeetingInfo[]>([]);
  #devices = $state.raw<DeviceInfo[]>([]);
  #communes = $state.raw<CommuneOption[]>([]);

  get phase(): Phase {
    return this.#phase;
  }
  get viewer(): Viewer | null {
    return this.#viewer;
  }
  /** The signed-in person as the server names principals ("user:login"). */
  get actor(): string {
    return this.#viewer ? actorOf(this.#viewer.principal) : '';
  }
  get error(): string | null {
    return this.#error;
  }
  /** Newest first. */
  get meetings(): readonly MeetingInfo[] {
    return this.#meetings;
  }
  /** Paired displays still trusted (operators only; empty for leaders). */
  get devices(): readonly DeviceInfo[] {
    return this.#devices;
  }
  /** Communes by name. */
  get communes(): readonly CommuneOption[] {
    return this.#communes;
  }
  /** Operators create meetings; leaders open them to present. */
  get canCreate(): boolean {
    return this.#viewer?.canSteer ?? false;
  }

  async load(): Promise<void> {
    this.#phase = 'loading';
    try {
      const { viewer } = await whoAmI({ signInOn401: true });
      this.#viewer = viewer;
      const p = viewer.principal;
      if (p.kind !== 'user' || !atLeast(p.role, 'leader')) return void (this.#phase = 'refused');
      const opts = { signInOn401: true };
      const [meetings, directory, devices] = await Promise.all([
        getJson<MeetingInfo[]>('/api/v1/meetings', opts),
        getJson<Directory>('/api/v1/directory', opts),
        viewer.canPair ? getJson<DeviceInfo[]>('/api/v1/devices', opts) : Promise.resolve([]),
      ]);
      this.#meetings = meetings;
      place.kind = directory.province.kind;
      this.#devices = devices.filter((d) => d.revokedAt === null);
      this.#communes = Object.entries(directory.communes)
        .map(([code, name]) => ({ code, name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
      this.#phase = 'ready';
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return; // on the way to sign in
      this.#error = err instanceof Error ? err.message : String(err);
      this.#phase = 'error';
    }
  }

  /** Creates a meeting; answers it (with its join code), or throws ApiError with the fields named. */
  async create(req: NewMeeting): Promise<MeetingInfo> {
    const created = await postJson<MeetingInfo>('/api/v1/meetings', req);
    this.#meetings = [created, ...this.#meetings.filter((x) => x.id !== created.id)];
    return created;
  }

  find(id: string): MeetingInfo | null {
    return this.#meetings.find((x) => x.id === id) ?? null;
  }

  signOut(): Promise<void> {
    return signOut();
  }
}
