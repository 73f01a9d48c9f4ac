import type { DossierListState, DossierPage, DossierRow } from '../../shared/dossier-list';
import { agencyScope, communeScope, type Scope } from '../../shared/scope';
import type { DossierRecord } from '../aggregate/dossier';
import { dueKey, parseDueMember } from '../aggregate/due-index';
import { keys } from '../aggregate/keys';
import type { LexBound } from '../store/lex';
import type { Store } from '../store/types';

const HOUR_MS = 3_600_000;

export interface DossierListQuery {
  scope: Scope;
  state: DossierListState;
  /** Look-ahead of "dueSoon", hours. */
  hours: number;
  limit: number;
  /** The last index member of the page before (decoded from the cursor), if any. */
  after: string | null;
}

/**
 * One page of a list, read from the due index (keys.due): a lex range from just after the last member
 * handed out, so a page costs its own size, never the size of the list. The records of the page say
 * procedure, unit and reception; one resolved or moved since the index was read is left out.
 */
export async function readDossierPage(store: Store, q: DossierListQuery, now: number): Promise<DossierPage> {
  const index = keys.due(q.scope);
  const nowKey = dueKey(now);
  // "late": due strictly before now ("(now" excludes every "<now>|id"). "dueSoon": from now on.
  const start: LexBound = q.state === 'late' ? '-' : `[${nowKey}`;
  const end: LexBound = q.state === 'late' ? `(${nowKey}` : `(${dueKey(now + q.hours * HOUR_MS)}`;
  const from: LexBound =
    q.after !== null && (start === '-' || q.after >= start.slice(1)) ? `(${q.after}` : start;
  const [members, total] = await Promise.all([
    store.rangeLex(index, from, end, q.limit + 1),
    store.countLex(index, start, end),
  ]);
  const page = members.slice(0, q.limit);
  const entries = page.map(parseDueMember).filter((e) => e !== null);
  const records = await store.loadRecords(entries.map((e) => keys.dossier(e.dossierId)));
  const rows: DossierRow[] = [];
  for (const { dossierId } of entries) {
    const stored = records.get(keys.dossier(dossierId));
    const dossier = stored ? (JSON.parse(stored.body) as DossierRecord) : undefined;
    const facts = dossier?.received;
    if (!facts || dossier.resolved || !belongsTo(q.scope, facts)) continue;
    rows.push({
      id: dossierId,
      procedure: facts.procedure ?? null,
      agency: facts.agency,
      commune: facts.commune,
      receivedAt: facts.at,
      dueAt: facts.dueAt,
      lateMs: now - facts.dueAt,
    });
  }
  return {
    scope: q.scope,
    state: q.state,
    hours: q.state === 'dueSoon' ? q.hours : null,
    serverTime: now,
    total,
    rows,
    nextCursor: members.length > q.limit ? encodeCursor(q, page.at(-1)!) : null,
  };
}

const belongsTo = (scope: Scope, unit: { commune: string; agency: string }) =>
  scope === 'province' || scope === communeScope(unit.commune) || scope === agencyScope(unit.agency);

interface CursorBody {
  v: 1;
  scope: Scope;
  state: DossierListState;
  after: string;
}

/** Opaque to clients: which list it continues, and the index member it stopped at. */
export function encodeCursor(q: Pick<DossierListQuery, 'scope' | 'state'>, after: string): string {
  const body: CursorBody = { v: 1, scope: q.scope, state: q.state, after };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** The member a cursor stops at, or an error when it is not a cursor of this very list. */
export function decodeCursor(
  cursor: string,
  q: Pick<DossierListQuery, 'scope' | 'state'>,
): { after: string } | { error: string } {
  let body: Partial<CursorBody> | null = null;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
  } catch {
    body = null;
  }
  if (!body || body.v !== 1 || typeof body.after !== 'string' || !parseDueMember(body.after)) {
    return { error: 'not a cursor this route handed out' };
  }
  if (body.scope !== q.scope || body.state !== q.state) {
    return { error: `a cursor of ${body.scope} ${body.state}, not of ${q.scope} ${q.state}` };
  }
  return { after: body.after };
}
