import type { RedisClient } from './redis-stream';

/**
 * Reads of sorted sets whose members all score 0, ordered by the members themselves (Redis's lex
 * ranges). An index whose member starts with a fixed-width key ("<due time>|<dossier id>") pages by
 * that key exactly: "after this member" is a bound of its own, so a page never repeats nor skips a
 * member that stayed in the set, however many members share a due time.
 *
 * Bounds are spelled as Redis spells them: "[x" (from x, inclusive), "(x" (exclusive), "-" and "+".
 */
export type LexBound = '-' | '+' | `[${string}` | `(${string}`;

export interface LexReads {
  /** Members within [min, max] in byte order, at most `limit` (a non-negative integer). */
  rangeLex(key: string, min: LexBound, max: LexBound, limit: number): Promise<string[]>;
  /** How many members lie within [min, max]. */
  countLex(key: string, min: LexBound, max: LexBound): Promise<number>;
}

export function assertValidLexRead(min: string, max: string, limit = 0): void {
  for (const b of [min, max]) {
    if (!(b === '-' || b === '+' || b.startsWith('[') || b.startsWith('('))) {
      throw new RangeError(`lex bound must be "-", "+", "[x" or "(x", got "${b}"`);
    }
  }
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(`rangeLex: limit must be a non-negative integer, got ${limit}`);
  }
}

/** Compares as Redis does, by UTF-8 bytes: the same as by code points (JS's `<` is by UTF-16 units). */
export function byteOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only surrogates (code points above U+FFFF) sort differently from their code units.
    if ((x & 0xf800) !== 0xd800 && (y & 0xf800) !== 0xd800) return x - y;
    return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
  }
  return a.length - b.length;
}

function withinMin(m: string, min: LexBound): boolean {
  if (min === '-') return true;
  if (min === '+') return false;
  const c = byteOrder(m, min.slice(1));
  return min[0] === '[' ? c >= 0 : c > 0;
}

function withinMax(m: string, max: LexBound): boolean {
  if (max === '+') return true;
  if (max === '-') return false;
  const c = byteOrder(m, max.slice(1));
  return max[0] === '[' ? c <= 0 : c < 0;
}

/** The memory store's lex reads over its sorted sets (member -> score). */
export function memoryLexReads(zsets: ReadonlyMap<string, ReadonlyMap<string, number>>): LexReads {
  const within = (key: string, min: LexBound, max: LexBound) => {
    const out: string[] = [];
    for (const m of zsets.get(key)?.keys() ?? []) if (withinMin(m, min) && withinMax(m, max)) out.push(m);
    return out;
  };
  return {
    rangeLex: async (key, min, max, limit) => {
      assertValidLexRead(min, max, limit);
      return within(key, min, max).sort(byteOrder).slice(0, limit);
    },
    countLex: async (key, min, max) => {
      assertValidLexRead(min, max);
      return within(key, min, max).length;
    },
  };
}

/** The Redis store's lex reads: ZRANGE … BYLEX LIMIT and ZLEXCOUNT on the prefixed key. */
export function redisLexReads(client: RedisClient, prefix: string): LexReads {
  return {
    rangeLex: async (key, min, max, limit) => {
      assertValidLexRead(min, max, limit);
      if (limit === 0) return [];
      return client.zRange(prefix + key, min, max, { BY: 'LEX', LIMIT: { offset: 0, count: limit } });
    },
    countLex: async (key, min, max) => {
      assertValidLexRead(min, max);
      return Number(await client.zLexCount(prefix + key, min, max));
    },
  };
}
