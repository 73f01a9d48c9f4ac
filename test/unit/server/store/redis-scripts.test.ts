import { describe, expect, it } from 'vitest';
import { commitArgs, redisKeys } from '../../../../server/store/redis-scripts';
import { emptyCommit } from '../../../../server/store/types';

describe(commitArgs.name, () => {
  it('names only keys under the prefix, so a prefix with a hash tag keeps every key of the script in one slot', () => {
    const prefix = 'ioc:{hanoi}:';
    const c = emptyCommit();
    c.records.push({ key: 'd:1', expect: 0, body: '{}' });
    c.hashes.set('cnt:province:2026-11-24', new Map([['received', 1]]));
    c.zsets.set('open:province', { add: new Map([['d:1', 5]]), remove: new Set() });
    const { keys } = commitArgs(c, prefix, redisKeys(prefix));
    expect(keys).toHaveLength(8);
    // Redis Cluster hashes only what is inside the first {…}: the same for every key here.
    const tags = new Set(keys.map((k) => /\{([^}]+)\}/.exec(k)?.[1]));
    expect([...tags]).toEqual(['hanoi']);
  });
});
