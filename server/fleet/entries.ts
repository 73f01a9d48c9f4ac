import type { Principal } from '../../shared/access';
import { actorOf } from '../../shared/access';
import type { DeviceInfo } from '../../shared/admin';
import { REPORT_MS, type DisplayEntry, type DisplayReport } from '../../shared/fleet';
import type { SocketData } from '../../shared/socket';

/** What the list needs of a socket: a local one or one fetched from another process. */
export interface FleetSocket {
  id: string;
  data: Partial<Pick<SocketData, 'principal' | 'report'>>;
}

/** The last report of a device, kept to describe it once it has gone offline. */
export type LastSeen = DisplayReport & { at: number; connectedAt: number };

export interface ListInput {
  sockets: readonly FleetSocket[];
  devices: readonly DeviceInfo[];
  /** Server clock now. */
  now: number;
  /** Server ms per real ms: reports come every REPORT_MS of real time, whatever the demo clock does. */
  speed: number;
  lastSeen?: ReadonlyMap<string, LastSeen>;
}

/** A screen silent for longer than this (in server-clock ms) is shown offline even while connected. */
export const staleAfter = (speed: number): number => 2 * REPORT_MS * speed;

/** Shown for a device never heard on this process: nothing known but its name. */
const UNKNOWN: LastSeen = {
  kind: 'wall',
  width: 0,
  height: 0,
  dpr: 1,
  version: '',
  scene: null,
  meetingId: null,
  at: 0,
  connectedAt: 0,
};

/** The name and place operators know a screen by: the device's as paired, a person's name, "localhost". */
function label(
  p: Principal | undefined,
  byId: ReadonlyMap<string, DeviceInfo>,
): { name: string; place: string } {
  if (!p) return { name: '', place: '' };
  if (p.kind === 'device') {
    const d = byId.get(p.id);
    return { name: d?.name ?? p.name, place: d?.place ?? '' };
  }
  if (p.kind === 'user') return { name: p.name, place: '' };
  return { name: 'localhost', place: '' };
}

function entry(
  socketId: string,
  actor: string,
  who: { name: string; place: string },
  r: LastSeen,
  online: boolean,
): DisplayEntry {
  return {
    kind: r.kind,
    width: r.width,
    height: r.height,
    dpr: r.dpr,
    version: r.version,
    scene: r.scene,
    meetingId: r.meetingId,
    socketId,
    actor,
    name: who.name,
    place: who.place,
    connectedAt: r.connectedAt,
    lastReport: r.at,
    online,
  };
}

/**
 * The fleet as operators see it: one entry per connected screen that has reported, and one offline
 * entry per paired device with no screen reporting: none connected, or connected and silent (an old
 * build, a page stuck before its first report), which "device:<id>" can still reload. Offline first
 * (they need someone), then by name.
 */
export function fleetEntries({ sockets, devices, now, speed, lastSeen }: ListInput): DisplayEntry[] {
  const byId = new Map(devices.map((d) => [d.id, d]));
  const reporting = new Set<string>();
  const list: DisplayEntry[] = [];
  for (const s of sockets) {
    const p = s.data.principal;
    const r = s.data.report;
    if (!r) continue;
    if (p?.kind === 'device') reporting.add(p.id);
    list.push(entry(s.id, actorOf(p ?? null), label(p, byId), r, now - r.at <= staleAfter(speed)));
  }
  for (const d of devices) {
    if (d.revokedAt !== null || reporting.has(d.id)) continue;
    const seen = lastSeen?.get(d.id) ?? UNKNOWN;
    list.push(entry('', `device:${d.id}`, { name: d.name, place: d.place }, seen, false));
  }
  return list.sort((a, b) => Number(a.online) - Number(b.online) || a.name.localeCompare(b.name, 'vi'));
}
