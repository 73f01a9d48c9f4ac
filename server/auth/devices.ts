import { randomBytes } from 'node:crypto';
import { PAIRING_TTL_MS, type DeviceInfo, type PairingStatus } from '../../shared/admin';
import type { Principal } from '../../shared/access';
import type { Clock } from '../clock';
import { Registry } from '../store/registry';
import type { Store } from '../store/types';
import { newCode, newToken, TOKEN_RE, tokenDigest } from './tokens';

/** A paired display as kept: what operators see, and the digest of its token. */
interface DeviceRecord extends DeviceInfo {
  tokenDigest: string;
}

const keys = {
  /** A code waiting for an operator -> the digest of the screen's token. */
  pairing: (code: string) => `pair:${code}`,
  /** A screen's token digest -> its code while it waits (so the screen can be told its code again). */
  waiting: (digest: string) => `pairtok:${digest}`,
  /** A paired screen's token digest -> its device id. Deleted on revocation: the token opens nothing. */
  token: (digest: string) => `devtok:${digest}`,
  registry: 'reg:devices',
};

/** How long a device's name is remembered between registry reads (names change rarely). */
const NAME_CACHE_MS = 5_000;

export type PairResult = { device: DeviceInfo } | { error: string; field?: string; status: number };

/**
 * Display devices: a screen asks for a pairing code and holds a long-lived token in an httpOnly cookie;
 * an operator enters the code and names the screen; from then on the token lets it watch, with no
 * expiry, until an operator revokes it. Only digests of tokens are stored.
 */
export class Devices {
  readonly #registry: Registry<DeviceRecord>;
  #names = { at: -Infinity, byId: new Map<string, DeviceRecord>() };

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    this.#registry = new Registry(store, keys.registry);
  }

  /** A new token and code for a screen that has none. The token goes to the screen only. */
  async requestPairing(): Promise<{ token: string; status: PairingStatus & { state: 'pending' } }> {
    const token = newToken();
    const digest = tokenDigest(token);
    // Real time, like the store's TTL: in a demo whose clock plays a day in minutes the code still lives
    // ten real minutes, and the screen counts them down against real time.
    const expiresAt = Date.now() + PAIRING_TTL_MS;
    for (;;) {
      const code = newCode();
      // A code already waiting for another screen is never handed out twice.
      const stored = await this.store.putOnce(keys.pairing(code), digest, { ttlMs: PAIRING_TTL_MS });
      if (stored !== digest) continue;
      await this.store.putOnce(keys.waiting(digest), JSON.stringify({ code, expiresAt }), {
        ttlMs: PAIRING_TTL_MS,
      });
      return { token, status: { state: 'pending', code, expiresAt } };
    }
  }

  /** Where the screen holding `token` stands. */
  async status(token: string | undefined): Promise<PairingStatus> {
    if (!token || !TOKEN_RE.test(token)) return { state: 'none' };
    const digest = tokenDigest(token);
    const device = await this.#byDigest(digest);
    if (device) return { state: 'paired', device: { id: device.id, name: device.name, place: device.place } };
    const waiting = await this.store.getValue(keys.waiting(digest));
    if (!waiting) return { state: 'none' };
    const { code, expiresAt } = JSON.parse(waiting) as { code: string; expiresAt: number };
    // The code may already be gone (taken by an operator for nothing, or expired a moment ago).
    if (!(await this.store.getValue(keys.pairing(code)))) return { state: 'none' };
    return { state: 'pending', code, expiresAt };
  }

  /** An operator pairs the screen showing `code` (canonical form) and names it. */
  async pair(code: string, name: string, place: string, by: string): Promise<PairResult> {
    const digest = await this.store.getValue(keys.pairing(code));
    if (!digest)
      return { status: 404, field: 'code', error: 'mã ghép nối không đúng hoặc đã hết hạn (10 phút)' };
    const id = randomBytes(9).toString('base64url');
    const device: DeviceRecord = {
      id,
      name,
      place,
      pairedAt: this.clock.now(),
      pairedBy: by,
      revokedAt: null,
      revokedBy: null,
      tokenDigest: digest,
    };
    // The token is linked first: if that fails nothing is listed; if the listing then fails the link is
    // taken back, so a screen is either fully paired or not at all.
    const linked = await this.store.putOnce(keys.token(digest), id);
    if (linked !== id) return { status: 409, field: 'code', error: 'màn hình này đã được ghép nối' };
    try {
      await this.#registry.update((all) => ({ ...all, [id]: device }));
    } catch (err) {
      await this.store.deleteKeys([keys.token(digest)]);
      throw err;
    }
    await this.store.deleteKeys([keys.pairing(code)]);
    this.#names.at = -Infinity;
    return { device: publicDevice(device) };
  }

  /** Revokes a device: its token stops opening anything at once. Returns it, or null when unknown. */
  async revoke(id: string, by: string): Promise<DeviceInfo | null> {
    const all = await this.#registry.all();
    const found = all[id];
    if (!found) return null;
    await this.store.deleteKeys([keys.token(found.tokenDigest)]);
    const next = await this.#registry.update((items) => {
      const d = items[id];
      if (d && d.revokedAt === null) items[id] = { ...d, revokedAt: this.clock.now(), revokedBy: by };
      return items;
    });
    this.#names.at = -Infinity;
    return publicDevice(next[id]!);
  }

  async list(): Promise<DeviceInfo[]> {
    const all = Object.values(await this.#registry.all());
    return all.sort((a, b) => b.pairedAt - a.pairedAt).map(publicDevice);
  }

  /** The device a token belongs to, as a principal, or null (unknown, pending or revoked). */
  async principal(token: string | undefined): Promise<(Principal & { kind: 'device' }) | null> {
    if (!token || !TOKEN_RE.test(token)) return null;
    const d = await this.#byDigest(tokenDigest(token));
    return d ? { kind: 'device', id: d.id, name: d.name } : null;
  }

  /** Whether a device is still paired (checked again for connected screens, see guard.ts). */
  async stillPaired(id: string, token: string): Promise<boolean> {
    return (await this.store.getValue(keys.token(tokenDigest(token)))) === id;
  }

  async #byDigest(digest: string): Promise<DeviceRecord | null> {
    const id = await this.store.getValue(keys.token(digest));
    if (!id) return null;
    const now = Date.now();
    if (now - this.#names.at > NAME_CACHE_MS || !this.#names.byId.has(id)) {
      this.#names = { at: now, byId: new Map(Object.entries(await this.#registry.all())) };
    }
    const d = this.#names.byId.get(id);
    return d && d.revokedAt === null ? d : null;
  }
}

const publicDevice = ({ tokenDigest: _digest, ...info }: DeviceRecord): DeviceInfo => info;
