import { randomBytes, randomInt } from 'node:crypto';
import { PAIRING_ALPHABET } from '../../shared/admin';
import { DEFAULT_VIEW, type MeetingInfo, type MeetingState } from '../../shared/meeting';
import { Registry } from '../store/registry';
import { emptyCommit, type Store } from '../store/types';

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
    do code = Array.from({ length: 6 }, () => PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)]).join('');
    while ((await this.store.putOnce(keys.code(code), id)) !== id);
    const info: MeetingInfo = { ...m, id, code };
    const state: MeetingState = { meeting: info, presenter: null, view: DEFAULT_VIEW, seq: 0, applyAt: 0 };
    const commit = emptyCommit();
    commit.records.push({ key: keys.state(id), expect: 0, body: JSON.stringify(state) });
    await this.store.commit(commit);
    await this.#registry.update((all) => ({ ...all, [id]: info }));
    return info;
  }

  async list(): Promise<MeetingInfo[]> {
    return Object.values(await this.#registry.all()).sort((a, b) => b.startsAt - a.startsAt);
  }

  async idOfCode(code: string): Promise<string | null> {
    return this.store.getValue(keys.code(code.toUpperCase().replace(/[\s-]/g, '')));
  }

  async get(id: string): Promise<MeetingState | null> {
    return (await this.#load(id))?.state ?? null;
  }

  /**
   * Applies `change` to the current state and writes it if nobody wrote in between (else retries on
   * the fresh state). `change` returns the new state, or an Error to refuse with (nothing written).
   */
  async update(id: string, change: (s: MeetingState) => MeetingState | Error): Promise<MeetingState | Error> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const current = await this.#load(id);
      if (!current) return new Error('no such meeting');
      const next = change(current.state);
      if (next instanceof Error) return next;
      const commit = emptyCommit();
      commit.records.push({ key: keys.state(id), expect: current.version, body: JSON.stringify(next) });
      if (await this.store.commit(commit)) return next;
    }
    return new Error('too many changes at once, try again');
  }

  async #load(id: string): Promise<{ version: number; state: MeetingState } | null> {
    if (!/^[\w-]{1,32}$/.test(id)) return null;
    const found = (await this.store.loadRecords([keys.state(id)])).get(keys.state(id));
    return found ? { version: found.version, state: JSON.parse(found.body) as MeetingState } : null;
  }
}
