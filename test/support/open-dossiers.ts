import type { EventOf, IocEvent } from '../../shared/events';

/** One dossier as a brute-force fold of raw events sees it: its standing reception, and whether it was resolved. */
export interface FoldedDossier {
  rec?: EventOf<'dossier.received'>;
  resolved: boolean;
}

/**
 * The slow, obviously-correct fold the lists are checked against: per dossier the reception that stands
 * (the latest `at`, ties to the larger event id) and whether any resolution came, whatever the order.
 */
export function foldDossiers(events: readonly IocEvent[]): Map<string, FoldedDossier> {
  const byId = new Map<string, FoldedDossier>();
  for (const e of events) {
    if (e.type !== 'dossier.received' && e.type !== 'dossier.resolved') continue;
    const d = byId.get(e.dossierId) ?? { resolved: false };
    byId.set(e.dossierId, d);
    if (e.type === 'dossier.resolved') d.resolved = true;
    else if (!d.rec || Date.parse(d.rec.at) < Date.parse(e.at) || (d.rec.at === e.at && d.rec.id < e.id))
      d.rec = e;
  }
  return byId;
}
