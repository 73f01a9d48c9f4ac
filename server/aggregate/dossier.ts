import type { DayKey } from '../../shared/brand';
import { dayNumber, dayOf, minuteOfDay } from '../../shared/time';
import type { DossierEvent, EventOf } from '../../shared/events';
import { agencyScope, communeScope, type Scope } from '../../shared/scope';
import { lagField } from '../../shared/counters';
import type { Sink } from './contribution';
import { dueMember } from './due-index';
import { keys } from './keys';
import { moveStocks, openDossierSteps } from './stock-moves';

type Received = EventOf<'dossier.received'>;

/** Before any day: every minute bucket is written. */
const OLDEST = '0000-00-00' as DayKey;

/** A fact as its event said it: `at`, then its event's id, decide which of two facts of one kind stands. */
interface Fact {
  at: number;
  /** Where its event's dedup mark is in `ids` (the id is kept once, there); absent in older records. */
  m?: number;
}

/** Everything known about one dossier, folded from its events in any arrival order. */
export interface DossierRecord {
  /** Dedup marks: "<source letter>:<event id>" of every event applied. */
  ids: string[];
  received?: Fact & {
    commune: string;
    agency: string;
    channel: Received['channel'];
    full: boolean;
    dueAt: number;
    synced: boolean;
    feeVnd: number;
    /** The procedure's name (absent in records kept before lists of dossiers named it). */
    procedure?: string;
  };
  resolved?: Fact & { finishedAt: number };
  result?: Fact & { electronic: boolean };
  digitised?: Fact & { reused: boolean };
  feedback?: Fact & { liked: boolean };
  /** Every payment is a transaction of its own; each is counted in the payments figures. */
  payments: { id: string; at: number; amountVnd: number }[];
}

export const emptyDossier = (): DossierRecord => ({ ids: [], payments: [] });

/**
 * Of two facts of one kind, the one with the latest `at` stands (KPIS.md); on a tie the greater event
 * id, so the outcome never depends on the order the events arrived in. Facts of one kind come from one
 * source, so comparing marks ("o:<id>") compares ids.
 */
function latest<T extends Fact>(ids: readonly string[], old: T | undefined, next: T): T {
  if (!old || old.at < next.at) return next;
  if (old.at > next.at) return old;
  return (ids[old.m ?? -1] ?? '') > (ids[next.m ?? -1] ?? '') ? old : next;
}

/** Folds one event into a dossier. Pure: returns a new record; the caller has checked for duplicates. */
export function applyDossierEvent(
  r: DossierRecord,
  e: DossierEvent | EventOf<'payment.completed'>,
  mark: string,
): DossierRecord {
  const at = Date.parse(e.at);
  const m = r.ids.length;
  const ids = [...r.ids, mark];
  const next: DossierRecord = { ...r, ids };
  switch (e.type) {
    case 'dossier.received':
      next.received = latest(ids, r.received, {
        at,
        m,
        commune: e.commune,
        agency: e.agency,
        channel: e.channel,
        full: e.onlineLevel === 'full',
        dueAt: Date.parse(e.dueAt),
        synced: e.synced,
        feeVnd: e.feeVnd,
        procedure: e.procedure,
      });
      break;
    case 'dossier.resolved':
      next.resolved = latest(ids, r.resolved, { at, m, finishedAt: Date.parse(e.finishedAt) });
      break;
    case 'dossier.resultIssued':
      next.result = latest(ids, r.result, { at, m, electronic: e.electronic });
      break;
    case 'dossier.digitised':
      next.digitised = latest(ids, r.digitised, { at, m, reused: e.reused });
      break;
    case 'feedback.rated':
      next.feedback = latest(ids, r.feedback, { at, m, liked: e.liked });
      break;
    case 'payment.completed':
      next.payments = [...r.payments, { id: e.paymentId, at, amountVnd: e.amountVnd }];
      break;
  }
  return next;
}

/** The scopes a dossier counts in; one array per commune x agency pair, made once (hot path). */
const scopesByUnit = new Map<string, Map<string, readonly Scope[]>>();
function unitScopes(commune: string, agency: string): readonly Scope[] {
  let byAgency = scopesByUnit.get(commune);
  if (!byAgency) {
    if (scopesByUnit.size > 10_000) scopesByUnit.clear();
    scopesByUnit.set(commune, (byAgency = new Map()));
  }
  let scopes = byAgency.get(agency);
  if (!scopes) byAgency.set(agency, (scopes = ['province', communeScope(commune), agencyScope(agency)]));
  return scopes;
}

/** The last instant anything about the dossier happened: when it may be forgotten (retention). */
function lastInstant(r: DossierRecord): number {
  let t = -Infinity;
  for (const f of [r.received, r.resolved, r.result, r.digitised, r.feedback]) if (f && f.at > t) t = f.at;
  if (r.resolved && r.resolved.finishedAt > t) t = r.resolved.finishedAt;
  for (const p of r.payments) if (p.at > t) t = p.at;
  return t;
}

/**
 * The counters, stock moves and open-set memberships a dossier stands for (KPIS.md "Formulas"). Minute
 * buckets only for days from `minutesFrom` on: they are kept a week (retention.ts), and an imported
 * history must not leave buckets of old days that nothing would ever drop. Facts
 * about a dossier (commune, agency, due time, fee) come from its dossier.received: until that arrives
 * nothing of it counts, not even its payments, and the rest waits in the record.
 */
export function dossierContribution(
  dossierId: string,
  r: DossierRecord,
  c: Sink,
  minutesFrom: DayKey = OLDEST,
): void {
  const rec = r.received;
  // A dossier that is finished, or whose reception never came, moves no stock any more.
  if (!rec || r.resolved) c.member(keys.closed, keys.dossier(dossierId), lastInstant(r));
  if (!rec) return;

  const day = dayOf(rec.at);
  const receivedDay = dayNumber(rec.at);
  // "Received in P that have X by t": X is counted on the reception day under how many days after it
  // X came ("paidOnline+2"), so a period ending on any day can add exactly the ones that came by then.
  const lagOf = (t: number) => Math.max(0, dayNumber(t) - receivedDay);
  let firstPayment = Infinity;
  for (const p of r.payments) if (p.at < firstPayment) firstPayment = p.at;
  const paidField =
    rec.feeVnd > 0 && firstPayment !== Infinity ? lagField('paidOnline', lagOf(firstPayment)) : null;
  const digitisedLag = r.digitised ? lagOf(r.digitised.at) : 0;
  const receivedMinute = minuteOfDay(rec.at);
  const receivedField = `${receivedMinute}.received`;
  // Same decision as the day counter `online` (the channel), same minute as `received`.
  const onlineField = rec.channel === 'online' ? `${receivedMinute}.online` : null;
  const until = r.resolved ? r.resolved.finishedAt : Infinity;
  const scopes = unitScopes(rec.commune, rec.agency);
  const dueEntry = r.resolved ? null : dueMember(rec.dueAt, dossierId);
  moveStocks(c, scopes, openDossierSteps(rec.at, until, rec.dueAt));
  // Runs for every event: plain ifs, no per-call arrays beyond the few above.
  for (const s of scopes) {
    c.scope(s);
    const dayKey = keys.day(day, s);
    c.count(dayKey, 'received', 1);
    c.count(dayKey, rec.channel, 1);
    if (rec.full) c.count(dayKey, 'fullOnline', 1);
    if (rec.synced) c.count(dayKey, 'synced', 1);
    if (rec.feeVnd > 0) c.count(dayKey, 'withFee', 1);
    if (paidField) c.count(dayKey, paidField, 1);
    if (r.digitised) {
      c.count(dayKey, lagField('digitised', digitisedLag), 1);
      if (r.digitised.reused) c.count(dayKey, lagField('reused', digitisedLag), 1);
    }
    if (day >= minutesFrom) {
      const minutesKey = keys.minutes(day, s);
      c.count(minutesKey, receivedField, 1);
      if (onlineField) c.count(minutesKey, onlineField, 1);
    }

    for (const p of r.payments) {
      const payDay = dayOf(p.at);
      const payKey = keys.day(payDay, s);
      c.count(payKey, 'payments', 1);
      c.count(payKey, 'paymentsVnd', p.amountVnd);
      const minute = minuteOfDay(p.at);
      if (payDay >= minutesFrom) {
        const payMinutes = keys.minutes(payDay, s);
        c.count(payMinutes, `${minute}.payments`, 1);
        c.count(payMinutes, `${minute}.paymentsVnd`, p.amountVnd);
      }
    }
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
      if (doneDay >= minutesFrom) c.count(keys.minutes(doneDay, s), `${minuteOfDay(finishedAt)}.resolved`, 1);
    } else {
      c.member(keys.due(s), dueEntry!, 0);
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
