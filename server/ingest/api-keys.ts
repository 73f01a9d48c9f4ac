import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { SOURCES, TYPES_BY_SOURCE, type EventType, type Source } from '../../shared/events';

/** What an ingest key lets its holder do: send events of one source, of these types. */
export interface KeyGrant {
  name: string;
  source: Source;
  types: ReadonlySet<EventType>;
}

/**
 * API keys for source systems. Only a SHA-256 of each key is held in memory, and lookups compare digests
 * in constant time, so the table itself is not a list of secrets.
 */
export class ApiKeys {
  #byDigest = new Map<string, KeyGrant>();

  add(secret: string, grant: KeyGrant): void {
    this.#byDigest.set(digest(secret), grant);
  }

  /** The grant for a presented key, or null. */
  check(presented: string): KeyGrant | null {
    const d = digest(presented);
    for (const [known, grant] of this.#byDigest) {
      if (timingSafeEqual(Buffer.from(known, 'hex'), Buffer.from(d, 'hex'))) return grant;
    }
    return null;
  }

  get size(): number {
    return this.#byDigest.size;
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest('hex');

/** A fresh random key (for the embedded simulator; never logged, never stored). */
export const newSecret = () => randomBytes(24).toString('base64url');

/**
 * Parses INGEST_KEYS: comma-separated `source:secret` or `source:secret:type|type`. Throws a message
 * naming the bad entry (never echoing the secret).
 */
export function parseKeySpec(spec: string): { secret: string; grant: KeyGrant }[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const [source, secret, types] = entry.split(':');
      if (!SOURCES.includes(source as Source)) {
        throw new Error(
          `INGEST_KEYS entry ${i + 1}: source must be one of ${SOURCES.join(', ')}, got "${source}"`,
        );
      }
      if (!secret || secret.length < 16) {
        throw new Error(`INGEST_KEYS entry ${i + 1} (${source}): the key must be at least 16 characters`);
      }
      const allowed = TYPES_BY_SOURCE[source as Source];
      const wanted = types ? (types.split('|') as EventType[]) : allowed;
      for (const t of wanted) {
        if (!allowed.includes(t)) {
          throw new Error(
            `INGEST_KEYS entry ${i + 1} (${source}): "${t}" is not an event type of that source`,
          );
        }
      }
      return {
        secret,
        grant: { name: `${source}#${i + 1}`, source: source as Source, types: new Set(wanted) },
      };
    });
}
