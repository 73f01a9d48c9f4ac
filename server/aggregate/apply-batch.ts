import type { DayKey } from '../../shared/brand';
import type { IocEvent, Source } from '../../shared/events';
import type { Scope } from '../../shared/scope';
import { emptyCommit, type Commit, type VersionedRecord } from '../store/types';
import { CommitSink, Contribution, mergeDifference, type Sink } from './contribution';
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
const dedupMark = (e: IocEvent) => `${SOURCE_LETTER[e.source]}:${e.id}`;

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
  /** The oldest day whose minute buckets are kept (retention.ts); older days get none. */
  minutesFrom?: DayKey,
): { commit: Commit; applied: number; duplicates: number } {
  const commit = emptyCommit();
  const entities = new Map<string, Entity>();
  let applied = 0;
  let duplicates = 0;

  for (const { entryId, event } of batch) {
    // The events of one entry come one after another: its id goes in once.
    if (commit.ack.at(-1) !== entryId) commit.ack.push(entryId);
    const at = Date.parse(event.at);
    commit.sources[event.source] = Math.max(commit.sources[event.source] ?? 0, at);
    if (!(at >= (commit.earliest[event.source] ?? Infinity))) commit.earliest[event.source] = at;
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
    const contribute = (r: DossierRecord | TaskRecord, sink: Sink) =>
      entity.kind === 'dossier'
        ? dossierContribution(entity.id, r as DossierRecord, sink, minutesFrom)
        : taskContribution(entity.id, r as TaskRecord, sink);
    if (entity.version === 0) {
      // Never stored: it contributed nothing, so all it contributes now goes straight in.
      contribute(entity.after, new CommitSink(commit, scopes));
    } else {
      const before = new Contribution();
      const after = new Contribution();
      contribute(entity.before, before);
      contribute(entity.after, after);
      mergeDifference(commit, scopes, before, after);
    }
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
