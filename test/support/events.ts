import type { EventOf, IocEvent } from '../../shared/events';

/** Small factories for events, with sensible defaults, so each test states only what it is about. */
let n = 0;
const nextId = (p: string) => `${p}-${++n}`;
export const iso = (s: string) => new Date(s).toISOString();

export function received(p: Partial<EventOf<'dossier.received'>> = {}): EventOf<'dossier.received'> {
  return {
    id: nextId('r'),
    type: 'dossier.received',
    source: 'one_stop',
    at: '2026-11-23T09:00:00+07:00',
    commune: '00004',
    agency: 'so-tu-phap',
    dossierId: 'H15.50-261123-0001',
    procedure: 'Chứng thực bản sao',
    channel: 'online',
    onlineLevel: 'full',
    dueAt: '2026-11-25T17:00:00+07:00',
    synced: true,
    feeVnd: 0,
    ...p,
  };
}

export function resolved(p: Partial<EventOf<'dossier.resolved'>> = {}): EventOf<'dossier.resolved'> {
  return {
    id: nextId('s'),
    type: 'dossier.resolved',
    source: 'one_stop',
    at: '2026-11-23T15:00:00+07:00',
    dossierId: 'H15.50-261123-0001',
    finishedAt: '2026-11-23T15:00:00+07:00',
    ...p,
  };
}

export function payment(p: Partial<EventOf<'payment.completed'>> = {}): EventOf<'payment.completed'> {
  return {
    id: nextId('p'),
    type: 'payment.completed',
    source: 'payments',
    at: '2026-11-23T09:30:00+07:00',
    commune: '00004',
    agency: 'so-tu-phap',
    paymentId: nextId('pay'),
    dossierId: 'H15.50-261123-0001',
    amountVnd: 50_000,
    route: 'national_portal',
    ...p,
  };
}

export function taskAssigned(p: Partial<EventOf<'task.assigned'>> = {}): EventOf<'task.assigned'> {
  return {
    id: nextId('ta'),
    type: 'task.assigned',
    source: 'tasks',
    at: '2026-10-01T08:00:00+07:00',
    taskId: 'NQ57-001',
    programme: 'nq57',
    level: 'central',
    agency: 'so-khcn',
    title: 'Triển khai nền tảng dữ liệu',
    deadline: '2026-11-23T17:00:00+07:00',
    ...p,
  };
}

export function taskCompleted(p: Partial<EventOf<'task.completed'>> = {}): EventOf<'task.completed'> {
  return {
    id: nextId('tc'),
    type: 'task.completed',
    source: 'tasks',
    at: '2026-11-20T10:00:00+07:00',
    taskId: 'NQ57-001',
    completedAt: '2026-11-20T10:00:00+07:00',
    ...p,
  };
}

export function heartbeat(p: Partial<EventOf<'source.heartbeat'>> = {}): IocEvent {
  return {
    id: nextId('hb'),
    type: 'source.heartbeat',
    source: 'one_stop',
    at: '2026-11-23T09:00:00+07:00',
    ...p,
  };
}

export function digitised(p: Partial<EventOf<'dossier.digitised'>> = {}): EventOf<'dossier.digitised'> {
  return {
    id: nextId('g'),
    type: 'dossier.digitised',
    source: 'one_stop',
    at: '2026-11-23T09:10:00+07:00',
    dossierId: 'H15.50-261123-0001',
    reused: true,
    ...p,
  };
}
