import { randomBytes } from 'node:crypto';
import { DEFAULT_VIEW, type MeetingInfo, type MeetingState } from '../../shared/meeting';
import { newCode } from '../auth/tokens';
import { Registry } from '../store/registry';
import { updateRecord } from '../store/versioned';
import { emptyCommit, type Store } from '../store/types';

const ID_RE = /^[\w-]{1,32}$/;

const keys = {
  state: (id: string) => `meet:${id}`,
  code: (code: string) => `meetcode:${code}`,
  registry: 'reg:meetings',
};

/**
 * Meetings kept in the store (Redis in production), so a presenter on one server process and followers
 * on another read and change the same state; every change is a compare-and-set on the meeting's version.
 */
export class MeetingStore {
  readonly #registry: Registry<MeetingInfo>;

  constructor(private readonly store: Store) {
    this.#registry = new Registry(store, keys.registry);
  }

  async create(m: Omit<MeetingInfo, 'id' | 'code'>): Promise<MeetingInfo> {
    const id = randomBytes(6).toString('base64url');
    let code = '';
    // A code is handed to one meeting only: putOnce refuses one already taken.
    do code = newCode();
    while ((await this.store.putOnce(keys.code(code), id)) !== id);
    const info: MeetingInfo = { ...m, id, code };
    const state: MeetingState = { meeting: info, presenter: null, view: DEFAULT_VIEW, seq: 0, applyAt: 0 };
    const commit = emptyCommit();
    commit.records.push({ key: keys.state(id), expect: 0, body: JSON.stringify(state) });
    await this.store.commit(commit);
    await this.#registry.update((all) => ({ ...all, [id]: info }));
    return info;
  }

  /** Writes a meeting's changed info (ended, more invited) into the list that pages and the fleet read. */
  async remember(info: MeetingInfo): Promise<void> {
    await this.#registry.update((all) => ({ ...all, [info.id]: info }));
  }

  async list(): Promise<MeetingInfo[]> {
    return Object.values(await this.#registry.all()).sort((a, b) => b.startsAt - a.startsAt);
  }

  async idOfCode(code: string): Promise<string | null> {
    return this.store.getValue(keys.code(code.toUpperCase().replace(/[\s-]/g, '')));
  }

  async get(id: string): Promise<MeetingState | null> {
    if (!ID_RE.test(id)) return null;
    const found = (await this.store.loadRecords([keys.state(id)])).get(keys.state(id));
    return found ? (JSON.parse(found.body) as MeetingState) : null;
  }

  /**
   * Applies `change` to the current state and writes it if nobody wrote in between (else retries on
   * the fresh state). `change` returns the new state, or an Error to refuse with (nothing written).
   */
  async update(id: string, change: (s: MeetingState) => MeetingState | Error): Promise<MeetingState | Error> {
    if (!ID_RE.test(id)) return new Error('no such meeting');
    return updateRecord<MeetingState>(this.store, keys.state(id), (s) =>
      s ? change(s) : new Error('no such meeting'),
    );
  }
}
