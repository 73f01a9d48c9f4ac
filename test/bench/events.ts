import type { EventOf } from '../../shared/events';

/**
 * Bench events: `dossier.received`, each with its own event id and dossier id (so each one is a new
 * record to load and commit, as in production), dated "now" (the server refuses events more than
 * 2 minutes ahead, and only today's count is shown) and due two days later. They spread over a few
 * real wards of Hà Nội and a few agencies, so the commit touches several scopes like a real day does.
 */
const COMMUNES = ['00004', '00008', '00025', '00070', '00082', '00091', '00097', '00103', '00118', '00127'];
const AGENCIES = ['so-tu-phap', 'so-xay-dung', 'so-y-te', 'trung-tam-phuc-vu-hanh-chinh-cong', 'ubnd-xa'];
const CHANNELS = ['online', 'in_person', 'post'] as const;
const DUE_MS = 2 * 86_400_000;

export function receivedEvent(run: string, i: number, at = Date.now()): EventOf<'dossier.received'> {
  return {
    id: `${run}-${i}`,
    type: 'dossier.received',
    source: 'one_stop',
    at: new Date(at).toISOString(),
    commune: COMMUNES[i % COMMUNES.length]!,
    agency: AGENCIES[i % AGENCIES.length]!,
    dossierId: `B.${run}-${i}`,
    procedure: 'Chứng thực bản sao',
    channel: CHANNELS[i % CHANNELS.length]!,
    onlineLevel: 'full',
    dueAt: new Date(at + DUE_MS).toISOString(),
    synced: true,
    feeVnd: 20_000,
  };
}
