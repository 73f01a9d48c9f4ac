import type { IocEvent, Source } from '../../shared/events';
import type { Scope } from '../../shared/scope';
import { emptyCommit, type Commit, type VersionedRecord } from '../store/types';
import type { Contribution } from './contribution';
import { applyDossierEvent, dossierContribution, emptyDossier, type DossierRecord } from './dossier';
import { keys } from './keys';
import { applyTaskEvent, emptyTask, taskContribution, type TaskRecord } from './task';

/** One event read from the stream, with the entry it came in. */
export interface StreamedEvent {
  entryId: string;
  event: IocEvent;
}

type Entity =
  | { kind: 'dossier'; id: string; version: number; before: DossierRecord; after: DossierRecord }
  | { kind: 'task'; id: string; version: number; before: TaskRecord; after: TaskRecord };

const SOURCE_LETTER: Record<Source, string> = { one_stop: 'o', payments: 'p', tasks: 't' };
/** The dedup mark of an event: ids are unique per source, so the source is part of it. */
export const dedupMark = (e: IocEvent) => `${SOURCE_LETTER[e.source]}:${e.id}`;

/** The record an event belongs to, or null for events that only say a source is alive. */
export function recordKeyOf(e: IocEvent): string | null {
  switch (e.type) {
    case 'source.heartbeat':
      return null;
    case 'task.assigned':
    case 'task.updated':
    case 'task.completed':
      return keys.task(e.taskId);
    default:
      return keys.dossier(e.dossierId);
  }
}

/**
 * The aggregator at heart: folds a batch of events into the records they touch and returns one Commit
 * holding the records (guarded by the versions read), the counter and set changes, and the acks. Pure:
 * no I/O, so every counting rule is tested without Redis.
 */
export function applyBatch(
  loaded: ReadonlyMap<string, VersionedRecord>,
  batch: readonly StreamedEvent[],
): { commit: Commit; applied: number; duplicates: number } {
  const commit = emptyCommit();
  const entities = new Map<string, Entity>();
  let applied = 0;
  let duplicates = 0;

  for (const { entryId, event } of batch) {
    commit.ack.push(entryId);
    const at = Date.parse(event.at);
    commit.sources[event.source] = Math.max(commit.sources[event.source] ?? 0, at);
    const key = recordKeyOf(event);
    if (key === null) continue;

    const entity = entities.get(key) ?? openEntity(key, event, loaded.get(key));
    entities.set(key, entity);
    const mark = dedupMark(event);
    if (entity.after.ids.includes(mark)) {
      duplicates++;
      continue;
    }
    applied++;
    if (entity.kind === 'dossier') {
      entity.after = applyDossierEvent(entity.after, event as Parameters<typeof applyDossierEvent>[1], mark);
    } else {
      entity.after = applyTaskEvent(entity.after, event as Parameters<typeof applyTaskEvent>[1], mark);
    }
  }

  const scopes = new Set<Scope>();
  for (const [key, entity] of entities) {
    if (entity.after === entity.before) continue;
    commit.records.push({ key, expect: entity.version, body: JSON.stringify(entity.after) });
    const [before, after] =
      entity.kind === 'dossier'
        ? [dossierContribution(entity.id, entity.before), dossierContribution(entity.id, entity.after)]
        : [taskContribution(entity.id, entity.before), taskContribution(entity.id, entity.after)];
    mergeDifference(commit, scopes, before, after);
  }
  commit.scopes = [...scopes];
  return { commit, applied, duplicates };
}

function openEntity(key: string, event: IocEvent, stored: VersionedRecord | undefined): Entity {
  const version = stored?.version ?? 0;
  if ('taskId' in event) {
    const before: TaskRecord = stored ? (JSON.parse(stored.body) as TaskRecord) : emptyTask();
    return { kind: 'task', id: event.taskId, version, before, after: before };
  }
  const before: DossierRecord = stored ? (JSON.parse(stored.body) as DossierRecord) : emptyDossier();
  return { kind: 'dossier', id: (event as { dossierId: string }).dossierId, version, before, after: before };
}

/** Adds `after − before` to the commit: counter differences, set members that left or (re)joined. */
function mergeDifference(
  commit: Commit,
  scopes: Set<Scope>,
  before: Contribution,
  after: Contribution,
): void {
  for (const key of new Set([...before.counters.keys(), ...after.counters.keys()])) {
    const b = before.counters.get(key);
    const a = after.counters.get(key);
    for (const field of new Set([...(b?.keys() ?? []), ...(a?.keys() ?? [])])) {
      const d = (a?.get(field) ?? 0) - (b?.get(field) ?? 0);
      if (d === 0) continue;
      let h = commit.hashes.get(key);
      if (!h) commit.hashes.set(key, (h = new Map()));
      h.set(field, (h.get(field) ?? 0) + d);
      scopes.add((after.scopeOf.get(key) ?? before.scopeOf.get(key))!);
    }
  }
  for (const key of new Set([...before.members.keys(), ...after.members.keys()])) {
    const b = before.members.get(key);
    const a = after.members.get(key);
    let z = commit.zsets.get(key);
    const zset = () => {
      if (!z) commit.zsets.set(key, (z = { add: new Map(), remove: new Set() }));
      scopes.add((after.scopeOf.get(key) ?? before.scopeOf.get(key))!);
      return z;
    };
    for (const [m] of b ?? []) if (!a?.has(m)) zset().remove.add(m);
    for (const [m, score] of a ?? []) if (b?.get(m) !== score) zset().add.set(m, score);
  }
}
