import type { EventType, Source } from './events';
import type { Role } from './roles';

/**
 * The HTTP contract of access management, used by the server's routes and the operator/admin pages.
 * Every answer that fails is `{ error: string, errors?: { field, message }[] }` with a 4xx status.
 *
 *   POST   /api/v1/pairing            anyone (rate-limited)  a screen asks for a code  -> PairingStatus
 *   GET    /api/v1/pairing            the screen's cookie    where its pairing stands  -> PairingStatus
 *   POST   /api/v1/devices            operator   {code, name, place}  pairs the screen -> DeviceInfo
 *   GET    /api/v1/devices            operator   every device, revoked ones too       -> DeviceInfo[]
 *   DELETE /api/v1/devices/:id        operator   revokes: the screen is cut off at once
 *   GET    /api/v1/keys               admin      -> SourceKeyInfo[]
 *   POST   /api/v1/keys               admin      {name, source, types?}              -> NewSourceKey
 *   DELETE /api/v1/keys/:id           admin      revokes the key
 *   GET    /api/v1/users              admin      -> UserInfo[]
 *   POST   /api/v1/users              admin      {login, name, role, password}        -> UserInfo
 *   POST   /api/v1/users/:login/unlock  admin  ends its sign-in lock-outs, from every address -> UserInfo
 *   GET    /api/v1/audit?before=<id>  admin      newest first, 100 at a time          -> AuditPage
 *   POST   /api/v1/session            anyone (rate-limited)  {login, password}     -> SignInResponse
 *   GET    /api/v1/session            anyone     who the request is, or 401           -> SessionResponse
 *   DELETE /api/v1/session            anyone     signs out                            (204)
 * (SignInResponse and SessionResponse are in shared/access.ts.) A failure's body is ApiErrorBody.
 */

/** What every failing answer carries: the words in Vietnamese (and English), and the fields at fault. */
export interface ApiErrorBody {
  error: string;
  errorEn?: string;
  errors?: { field: string; message: string }[];
}

/** Where a screen's pairing stands. The code is what the screen shows and an operator types. */
export type PairingStatus =
  /** `expiresAt`: real time (epoch ms), not the demo's accelerated clock: a code lives ten real minutes. */
  | { state: 'pending'; code: string; expiresAt: number }
  | { state: 'paired'; device: { id: string; name: string; place: string } }
  /** No pairing under way for this screen (none asked, or the code expired): ask again with POST. */
  | { state: 'none' };

/** Pairing codes: 6 characters without look-alikes (no 0/O, 1/I/L), shown as "K7M-4QX". */
export const PAIRING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const PAIRING_CODE_RE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{3}-?[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{3}$/;
/** How long a code waits for an operator. */
export const PAIRING_TTL_MS = 10 * 60_000;

/** A code as typed ("k7m 4qx", "K7M-4QX") in its canonical form "K7M4QX", or null when it cannot be one. */
export function normalisePairingCode(typed: string): string | null {
  const c = typed.toUpperCase().replace(/[\s-]/g, '');
  return PAIRING_CODE_RE.test(c) ? c : null;
}
/** "K7M4QX" as shown: "K7M-4QX". */
export const showPairingCode = (code: string) => `${code.slice(0, 3)}-${code.slice(3)}`;

export interface NewDevice {
  code: string;
  /** What operators call the screen: "Màn hình chính phòng điều hành". */
  name: string;
  /** Where it hangs: "Phòng họp UBND xã Phú Cát". */
  place: string;
}

export interface DeviceInfo {
  id: string;
  name: string;
  place: string;
  pairedAt: number;
  /** The operator's login. */
  pairedBy: string;
  revokedAt: number | null;
  revokedBy: string | null;
}

export interface NewSourceKeyRequest {
  name: string;
  source: Source;
  /** The event types the key may send; all of the source's types when absent. */
  types?: EventType[];
}

export interface SourceKeyInfo {
  id: string;
  name: string;
  source: Source;
  types: EventType[];
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
  revokedBy: string | null;
}

/** The secret is shown once, at creation; only its SHA-256 is kept. */
export interface NewSourceKey {
  key: SourceKeyInfo;
  secret: string;
}

export interface NewUserRequest {
  login: string;
  name: string;
  role: Role;
  password: string;
}

export interface UserInfo {
  login: string;
  name: string;
  role: Role;
  createdAt: number;
  /** Real time (epoch ms) a lock-out after failed sign-ins ends, while one runs; an admin may unlock. */
  lockedUntil?: number;
}

/** Everything the audit log records. */
export type AuditAction =
  | 'session.signed-in'
  | 'session.sign-in-failed'
  | 'session.locked'
  | 'session.signed-out'
  | 'device.paired'
  | 'device.revoked'
  | 'key.created'
  | 'key.revoked'
  | 'user.created'
  | 'user.unlocked'
  | 'alert.acknowledged'
  | 'meeting.created'
  | 'meeting.steered'
  | 'meeting.presenter'
  | 'meeting.ended'
  | 'meeting.invited'
  | 'fleet.command'
  /** A command or route refused for want of a role: who tried what. */
  | 'access.refused';

export interface AuditEntry {
  /** Stream id ("1732345678901-0"): orders entries and pages the log. */
  id: string;
  /** Server time, epoch ms. */
  at: number;
  action: AuditAction;
  /** Who: "user:admin", "device:<id>", "loopback", "anonymous" (see shared/access.ts actorOf). */
  actor: string;
  actorName: string;
  /** What it was done to: a login, "device:<id>", "key:<id>", an alert id, a command name. */
  target: string | null;
  /** The remote address the request came from. */
  ip: string | null;
  detail: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as ?before= for the next (older) page; null at the start of the log. */
  next: string | null;
}
