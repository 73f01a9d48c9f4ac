import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { NewSourceKey, NewSourceKeyRequest, SourceKeyInfo } from '../../shared/admin';
import { SOURCES, TYPES_BY_SOURCE, type EventType, type Source } from '../../shared/events';
import type { Clock } from '../clock';
import { tokenDigest } from '../auth/tokens';
import { Registry } from '../store/registry';
import type { Store } from '../store/types';
import type { KeyGrant } from './api-keys';

interface SourceKeyRecord extends SourceKeyInfo {
  digest: string;
}

const keys = {
  registry: 'reg:keys',
  /** A live key's digest -> its grant. Deleted on revocation: the next batch with it is refused. */
  grant: (digest: string) => `ikey:${digest}`,
};

const NAME = 'must be 1–80 characters';
const TYPES = 'must be a non-empty list of event types';

/** A new key's request as an admin sends it; every problem names its field. */
export const newSourceKeyRequest = z
  .object({
    name: z.string({ error: NAME }).refine((n) => n.trim() !== '' && n.length <= 80, NAME),
    source: z.enum(SOURCES, { error: `must be one of ${SOURCES.join(', ')}` }),
    types: z.array(z.string(), { error: TYPES }).min(1, TYPES).optional(),
  })
  .superRefine((k, ctx) => {
    // A type belongs to one source: checked once the source is known (this runs even if it is not).
    if (!SOURCES.includes(k.source) || !Array.isArray(k.types)) return;
    const allowed: readonly string[] = TYPES_BY_SOURCE[k.source];
    for (const t of k.types)
      if (!allowed.includes(t))
        ctx.addIssue({
          code: 'custom',
          path: ['types'],
          message: `"${t}" is not an event type of ${k.source}`,
        });
  })
  // The check above made every type one of the source's.
  .transform((k) => k as NewSourceKeyRequest);

/**
 * Ingest keys an admin manages (beside the fixed ones of INGEST_KEYS): created with a name, a source and
 * the event types it may send; shown once; kept as a SHA-256 only; revoked at once.
 */
export class SourceKeys {
  readonly #registry: Registry<SourceKeyRecord>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    this.#registry = new Registry(store, keys.registry);
  }

  /** Creates a key (the request already checked by newSourceKeyRequest); the secret is in the answer only. */
  async create(req: NewSourceKeyRequest, by: string): Promise<NewSourceKey> {
    const secret = `ioc_${randomBytes(24).toString('base64url')}`;
    const digest = tokenDigest(secret);
    const record: SourceKeyRecord = {
      id: randomBytes(6).toString('base64url'),
      name: req.name.trim(),
      source: req.source,
      types: req.types ?? [...TYPES_BY_SOURCE[req.source]],
      createdAt: this.clock.now(),
      createdBy: by,
      revokedAt: null,
      revokedBy: null,
      digest,
    };
    // Listed first, then made usable: a key that fails half-way is listed but opens nothing.
    await this.#registry.update((all) => ({ ...all, [record.id]: record }));
    const grant = { name: `${record.source}:${record.name}`, source: record.source, types: record.types };
    await this.store.putOnce(keys.grant(digest), JSON.stringify(grant));
    return { key: publicKey(record), secret };
  }

  async revoke(id: string, by: string): Promise<SourceKeyInfo | null> {
    const found = await this.#registry.get(id);
    if (!found) return null;
    await this.store.deleteKeys([keys.grant(found.digest)]);
    const next = await this.#registry.update((all) => {
      const k = all[id];
      if (k && k.revokedAt === null) all[id] = { ...k, revokedAt: this.clock.now(), revokedBy: by };
      return all;
    });
    return publicKey(next[id]!);
  }

  async list(): Promise<SourceKeyInfo[]> {
    return Object.values(await this.#registry.all())
      .sort((a, b) => b.createdAt - a.createdAt)
      .map(publicKey);
  }

  /** The grant of a presented key, or null: one read of the store per request. */
  async check(presented: string): Promise<KeyGrant | null> {
    const body = await this.store.getValue(keys.grant(tokenDigest(presented)));
    if (!body) return null;
    const g = JSON.parse(body) as { name: string; source: Source; types: EventType[] };
    return { name: g.name, source: g.source, types: new Set(g.types) };
  }
}

const publicKey = ({ digest: _digest, ...info }: SourceKeyRecord): SourceKeyInfo => info;
