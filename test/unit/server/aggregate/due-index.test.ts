import { describe, expect, it } from 'vitest';
import { dueKey, dueMember, parseDueMember } from '../../../../server/aggregate/due-index';
import { keys } from '../../../../server/aggregate/keys';
import { Totals } from '../../../support/fold';
import { received, resolved } from '../../../support/events';

describe('the due index', () => {
  it('spells due times at a fixed width, so byte order is time order', () => {
    const times = [0, 9, 10, 1_764_000_000_000, 99_999_999_999_999];
    const keysInOrder = times.map(dueKey);
    expect([...keysInOrder].sort()).toEqual(keysInOrder);
    expect(dueKey(-5)).toBe(dueKey(0));
    expect(dueMember(1_764_000_000_000, 'HS-1')).toBe('001764000000000|HS-1');
  });

  it('reads a member back, and nothing else', () => {
    expect(parseDueMember(dueMember(42, 'HS|có|vạch'))).toEqual({ dueAt: 42, dossierId: 'HS|có|vạch' });
    for (const bad of ['', '42|HS', '00000000000004x|HS', '000000000000042|', '000000000000042-HS'])
      expect(parseDueMember(bad)).toBeNull();
  });

  it('holds an open dossier in each of its scopes, moves it with a new reception, drops it when resolved', () => {
    const t = new Totals();
    const dueAt = '2026-11-25T17:00:00+07:00';
    t.apply(received({ id: 'r1', dossierId: 'HS-9', commune: '00004', agency: 'so-a', dueAt }));
    const member = dueMember(Date.parse(dueAt), 'HS-9');
    for (const scope of ['province', 'commune:00004', 'agency:so-a'] as const)
      expect([...(t.sets.get(keys.due(scope)) ?? [])]).toEqual([[member, 0]]);

    const later = '2026-11-26T17:00:00+07:00';
    t.apply(
      received({
        id: 'r2',
        dossierId: 'HS-9',
        at: '2026-11-23T10:00:00+07:00',
        commune: '00025',
        dueAt: later,
      }),
    );
    expect(t.sets.get(keys.due('commune:00004'))?.size ?? 0).toBe(0);
    expect([...t.sets.get(keys.due('province'))!.keys()]).toEqual([dueMember(Date.parse(later), 'HS-9')]);

    t.apply(resolved({ dossierId: 'HS-9' }));
    for (const scope of ['province', 'commune:00025', 'agency:so-a'] as const)
      expect(t.sets.get(keys.due(scope))?.size ?? 0).toBe(0);
  });
});
