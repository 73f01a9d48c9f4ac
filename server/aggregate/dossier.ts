import { endOfDay, dayOf, minuteOfDay } from '../../shared/time';
import type { DossierEvent, EventOf } from '../../shared/events';
import { agencyScope, communeScope, type Scope } from '../../shared/scope';
import type { Sink } from './contribution';
import { keys } from './keys';

type Received = EventOf<'dossier.received'>;

/** Everything known about one dossier, folded from its events in any arrival order. */
export interface DossierRecord {
  /** Dedup marks: "<source letter>:<event id>" of every event applied. */
  ids: string[];
  received?: {
    at: number;
    commune: string;
    agency: string;
    channel: Received['channel'];
    full: boolean;
    dueAt: number;
    synced: boolean;
    feeVnd: number;
  };
  resolved?: { at: number; finishedAt: number };
  result?: { at: number; electronic: boolean };
  digitised?: { at: number; reused: boolean };
  feedback?: { at: number; liked: boolean };
  /** Every payment is a transaction of its own; each is counted in the payments figures. */
  payments: { id: string; at: number; amountVnd: number; commune: string; agency: string }[];
}

export const emptyDossier = (): DossierRecord => ({ ids: [], payments: [] });

/** Of two facts of one kind, the one with the latest `at` stands (KPIS.md). */
const latest = <T extends { at: number }>(old: T | undefined, next: T): T =>
  old && old.at > next.at ? old : next;

/** Folds one event into a dossier. Pure: returns a new record; the caller has checked for duplicates. */
export function applyDossierEvent(
  r: DossierRecord,
  e: DossierEvent | EventOf<'payment.completed'>,
  mark: string,
): DossierRecord {
  const at = Date.parse(e.at);
  const next: DossierRecord = { ...r, ids: [...r.ids, mark] };
  switch (e.type) {
    case 'dossier.received':
      next.received = latest(r.received, {
        at,
        commune: e.commune,
        agency: e.agency,
        channel: e.channel,
        full: e.onlineLevel === 'full',
        dueAt: Date.parse(e.dueAt),
        synced: e.synced,
        feeVnd: e.feeVnd,
      });
      break;
    case 'dossier.resolved':
      next.resolved = latest(r.resolved, { at, finishedAt: Date.parse(e.finishedAt) });
      break;
    case 'dossier.resultIssued':
      next.result = latest(r.result, { at, electronic: e.electronic });
      break;
    case 'dossier.digitised':
      next.digitised = latest(r.digitised, { at, reused: e.reused });
      break;
    case 'feedback.rated':
      next.feedback = latest(r.feedback, { at, liked: e.liked });
      break;
    case 'payment.completed':
      next.payments = [
        ...r.payments,
        { id: e.paymentId, at, amountVnd: e.amountVnd, commune: e.commune, agency: e.agency },
      ];
      break;
  }
  return next;
}

/** The scopes a dossier counts in; one array per commune x agency pair, made once (hot path). */
const scopesByUnit = new Map<string, readonly Scope[]>();
function unitScopes(commune: string, agency: string): readonly Scope[] {
  const id = `${commune}|${agency}`;
  let scopes = scopesByUnit.get(id);
  if (!scopes) {
    if (scopesByUnit.size > 100_000) scopesByUnit.clear();
    scopesByUnit.set(id, (scopes = ['province', communeScope(commune), agencyScope(agency)]));
  }
  return scopes;
}

/**
 * The counters and open-set memberships a dossier stands for (KPIS.md "Formulas"). Facts about a
 * dossier (commune, agency, due time, fee) come from its dossier.received: until that arrives, only its
 * payments count, and the rest waits in the record.
 */
export function dossierContribution(dossierId: string, r: DossierRecord, c: Sink): void {
  for (const p of r.payments) {
    const day = dayOf(p.at);
    const minute = minuteOfDay(p.at);
    const countField = `${minute}.payments`;
    const amountField = `${minute}.paymentsVnd`;
    for (const s of unitScopes(p.commune, p.agency)) {
      c.scope(s);
      const dayKey = keys.day(day, s);
      const minutesKey = keys.minutes(day, s);
      c.count(dayKey, 'payments', 1);
      c.count(dayKey, 'paymentsVnd', p.amountVnd);
      c.count(minutesKey, countField, 1);
      c.count(minutesKey, amountField, p.amountVnd);
    }
  }
  const rec = r.received;
  if (!rec) return;

  const day = dayOf(rec.at);
  // "by t" for the receiving day: what happened before that day ended (KPIS.md digitisedRate, payment rate).
  const dayEnd = endOfDay(day);
  const digitised = r.digitised && r.digitised.at <= dayEnd ? r.digitised : undefined;
  const paid = rec.feeVnd > 0 && r.payments.some((p) => p.at <= dayEnd);
  const receivedMinute = minuteOfDay(rec.at);
  const receivedField = `${receivedMinute}.received`;
  // Same decision as the day counter `online` (the channel), same minute as `received`.
  const onlineField = rec.channel === 'online' ? `${receivedMinute}.online` : null;
  // Runs for every event: plain ifs, no per-call arrays (the aggregator's garbage is its main cost).
  for (const s of unitScopes(rec.commune, rec.agency)) {
    c.scope(s);
    const dayKey = keys.day(day, s);
    c.count(dayKey, 'received', 1);
    c.count(dayKey, rec.channel, 1);
    if (rec.full) c.count(dayKey, 'fullOnline', 1);
    if (rec.synced) c.count(dayKey, 'synced', 1);
    if (rec.feeVnd > 0) c.count(dayKey, 'withFee', 1);
    if (paid) c.count(dayKey, 'paidOnline', 1);
    if (digitised) c.count(dayKey, 'digitised', 1);
    if (digitised?.reused) c.count(dayKey, 'reused', 1);
    const minutesKey = keys.minutes(day, s);
    c.count(minutesKey, receivedField, 1);
    if (onlineField) c.count(minutesKey, onlineField, 1);

    if (r.resolved) {
      const { finishedAt } = r.resolved;
      const doneDay = dayOf(finishedAt);
      const field =
        finishedAt > rec.dueAt
          ? 'resolvedLate'
          : doneDay < dayOf(rec.dueAt)
            ? 'resolvedEarly'
            : 'resolvedOnDue';
      c.count(keys.day(doneDay, s), field, 1);
      c.count(keys.day(doneDay, s), 'resolveMs', Math.max(0, finishedAt - rec.at));
      c.count(keys.minutes(doneDay, s), `${minuteOfDay(finishedAt)}.resolved`, 1);
    } else {
      c.member(keys.open(s), dossierId, rec.dueAt);
    }
    if (r.result) {
      const k = keys.day(dayOf(r.result.at), s);
      c.count(k, 'resultIssued', 1);
      if (r.result.electronic) c.count(k, 'resultElectronic', 1);
    }
    if (r.feedback) {
      const k = keys.day(dayOf(r.feedback.at), s);
      c.count(k, 'rated', 1);
      if (!r.feedback.liked) c.count(k, 'disliked', 1);
    }
  }
}
