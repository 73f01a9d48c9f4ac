import { actorOf, type SessionResponse, type Viewer } from '../../shared/access';
import type { DeviceInfo } from '../../shared/admin';
import type { Directory } from '../../shared/directory';
import type { MeetingInfo } from '../../shared/meeting';
import { atLeast } from '../../shared/roles';
import { ApiError, deleteJson, getJson, postJson } from '../lib/api';
import { lang } from '../lib/i18n';
import { withLang } from '../pages/next-path';

export type Phase = 'loading' | 'ready' | 'refused' | 'error';

/** A commune of the directory, for the presenter's picker. */
export interface CommuneOption {
  code: string;
  name: string;
}

/**
 * The presenter's page outside a meeting: who opened it (GET /api/v1/session: leaders and up; a 401 goes to
 * sign in and back), the meetings (GET /api/v1/meetings), the names of the communes, and for operators
 * the paired displays to invite and the form's POST /api/v1/meetings.
 */
export class MeetingDesk {
  #phase = $state<Phase>('loading');
  #viewer = $state.raw<Viewer | null>(null);
  #error = $state<string | null>(null);
  #meetings = $state.raw<MeetingInfo[]>([]);
  #devices = $state.raw<DeviceInfo[]>([]);
  #communes = $state.raw<CommuneOption[]>([]);
  #go: (path: string) => void;

  constructor(go: (path: string) => void = (p) => location.replace(p)) {
    this.#go = go;
  }

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
      const { viewer } = await getJson<SessionResponse>('/api/v1/session');
      this.#viewer = viewer;
      const p = viewer.principal;
      if (p.kind !== 'user' || !atLeast(p.role, 'leader')) return void (this.#phase = 'refused');
      const [meetings, directory, devices] = await Promise.all([
        getJson<MeetingInfo[]>('/api/v1/meetings'),
        getJson<Directory>('/api/v1/directory'),
        viewer.canPair ? getJson<DeviceInfo[]>('/api/v1/devices') : Promise.resolve([]),
      ]);
      this.#meetings = meetings;
      this.#devices = devices.filter((d) => d.revokedAt === null);
      this.#communes = Object.entries(directory.communes)
        .map(([code, name]) => ({ code, name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
      this.#phase = 'ready';
    } catch (err) {
      if (err instanceof ApiError && err.status === 401)
        return this.#go(withLang('/login?next=/meeting', lang));
      this.#error = err instanceof Error ? err.message : String(err);
      this.#phase = 'error';
    }
  }

  /** Creates a meeting; answers it (with its join code), or throws ApiError with the fields named. */
  async create(req: { title: string; startsAt: number; invited: string[] }): Promise<MeetingInfo> {
    const created = await postJson<MeetingInfo>('/api/v1/meetings', req);
    this.#meetings = [created, ...this.#meetings.filter((x) => x.id !== created.id)];
    return created;
  }

  find(id: string): MeetingInfo | null {
    return this.#meetings.find((x) => x.id === id) ?? null;
  }

  async signOut(): Promise<void> {
    await deleteJson('/api/v1/session').catch(() => undefined);
    location.assign(withLang('/login', lang));
  }
}
