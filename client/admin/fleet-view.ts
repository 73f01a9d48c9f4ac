import type { DeviceMs } from '../../shared/brand';
import { REPORT_MS, type DisplayEntry } from '../../shared/fleet';
import { serverAt, type ServerClock } from '../lib/net/server-clock';
import { formatAge, NO_VALUE, type Lang } from '../../shared/format';
import type { WordKey } from '../lib/i18n';

/** Real milliseconds since the screen last reported; Infinity when it never did. */
export function reportAgeMs(e: DisplayEntry, c: ServerClock, deviceNow: DeviceMs): number {
  if (e.lastReport <= 0) return Infinity;
  return Math.max(0, (serverAt(c, deviceNow) - e.lastReport) / c.speed);
}

/**
 * Whether a screen is to be shown offline: the server says so (not connected, or silent), or it has
 * been silent for twice REPORT_MS since the list was read (the console's own link may be down).
 */
export const isOffline = (e: DisplayEntry, c: ServerClock, deviceNow: DeviceMs): boolean =>
  !e.online || reportAgeMs(e, c, deviceNow) > 2 * REPORT_MS;

/** Where a command for this row goes: the screen itself, or every screen of its device; null: nowhere. */
export function targetOf(e: DisplayEntry): string | null {
  if (e.socketId) return e.socketId;
  return e.actor.startsWith('device:') ? e.actor : null;
}

/** "3840×1080", "1920×1080 ×1.5"; "—" when never reported. */
export function sizeText(e: Pick<DisplayEntry, 'width' | 'height' | 'dpr'>): string {
  if (!e.width || !e.height) return NO_VALUE;
  return e.dpr === 1 ? `${e.width}×${e.height}` : `${e.width}×${e.height} ×${e.dpr}`;
}

/** "12 giây trước"; "—" when never reported. */
export const ageText = (ms: number, lang: Lang): string =>
  Number.isFinite(ms) ? formatAge(ms, lang) : NO_VALUE;

export const KIND_WORD: Record<DisplayEntry['kind'], WordKey> = {
  wall: 'kindWall',
  bridge: 'kindBridge',
  tablet: 'kindTablet',
};

/** How long "Nhận diện" shows a screen's name: time to walk along the wall and find it. */
export const IDENTIFY_SECONDS = 30;

/** A row's key for "busy" and results: the same screen keeps it across refreshes. */
export const rowKey = (e: DisplayEntry): string => e.socketId || e.actor;
