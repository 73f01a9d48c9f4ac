import { describe, expect, it } from 'vitest';
import { splitTopLevel } from '../../../../server/ingest/split-array';

describe(splitTopLevel.name, () => {
  it('gives the text of each element of an array, as sent', () => {
    const items = [{ a: 1 }, { b: 'x', c: [1, 2, { d: null }] }, { e: true }];
    expect(splitTopLevel(JSON.stringify(items))).toEqual(items.map((i) => JSON.stringify(i)));
    expect(splitTopLevel(' [ {"a": 1} ,\n {"b" : [ ] } ]\n')).toEqual(['{"a": 1}', '{"b" : [ ] }']);
  });

  it('is not fooled by brackets, braces, commas, quotes and backslashes inside strings', () => {
    const items = [
      { t: 'a, b ] } [ {' },
      { t: 'say "hi", then \\ and \\"' },
      { t: 'Chứng thực bản sao \u2028 \\u005d' },
      { t: '\\' },
    ];
    const parts = splitTopLevel(JSON.stringify(items));
    expect(parts.map((p) => JSON.parse(p) as unknown)).toEqual(items);
    const escaped = '[{"t":"\\u0022]\\\\"},{"u":"\\\\\\""}]';
    expect(splitTopLevel(escaped).map((p) => JSON.parse(p) as unknown)).toEqual(JSON.parse(escaped));
  });

  it('gives one object as it is, and nothing for an empty array', () => {
    expect(splitTopLevel(' {"a": [1, 2]} ')).toEqual(['{"a": [1, 2]}']);
    expect(splitTopLevel('[]')).toEqual([]);
    expect(splitTopLevel('[ ]')).toEqual([]);
  });
});
