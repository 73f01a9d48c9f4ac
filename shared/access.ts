import type { UserInfo } from './admin';
import { atLeast, type Role } from './roles';

/**
 * Who is on the other end of a request or a socket, decided once per request and once per handshake
 * (server/auth/guard.ts) from, in order: a sign-in session cookie, a display device's cookie, an ingest
 * key, or, where the setting allows it, a screen on the server's own machine.
 */
export type Principal =
  | { kind: 'user'; login: string; name: string; role: Role }
  /** A paired display (wall, bridge point): it watches, never steers. */
  | { kind: 'device'; id: string; name: string }
  /** A browser on the server's own machine while LOOPBACK_WATCH allows it (the demo): watch only. */
  | { kind: 'loopback' };

/** What a route or a command needs: to watch the numbers, or at least a role. */
export type Need = 'watch' | Role;

/** Whether `p` may do what `need` asks. Devices and loopback screens only ever watch. */
export function allows(p: Principal | null, need: Need): boolean {
  if (!p) return false;
  if (need === 'watch') return true;
  return p.kind === 'user' && atLeast(p.role, need);
}

/** One line naming a principal, for the audit log and messages: "user:admin", "device:Xq3…". */
export function actorOf(p: Principal | null): string {
  if (!p) return 'anonymous';
  if (p.kind === 'user') return `user:${p.login}`;
  if (p.kind === 'device') return `device:${p.id}`;
  return 'loopback';
}

/** The display name of a principal ("Nguyễn Văn A", "Phòng họp xã Phú Cát"). */
export function nameOf(p: Principal | null): string {
  if (!p) return '';
  if (p.kind === 'loopback') return 'localhost';
  return p.name;
}

/** Screens are told who they are and what they may do, so they never offer what would be refused. */
export interface Viewer {
  principal: Principal;
  /** May acknowledge alerts and steer walls (operator and up). */
  canSteer: boolean;
  /** May pair and revoke display devices (operator and up). */
  canPair: boolean;
  /** May manage people, source keys, and read the audit log (admin). */
  canAdmin: boolean;
}

export const viewerOf = (p: Principal): Viewer => ({
  principal: p,
  canSteer: allows(p, 'operator'),
  canPair: allows(p, 'operator'),
  canAdmin: allows(p, 'admin'),
});

/**
 * GET /api/v1/session: who is on the other end (a person, a paired display, or a loopback screen) and
 * what it may do, with the person signed in (null for a display or a loopback screen). 401 when nobody.
 */
export interface SessionResponse {
  viewer: Viewer;
  user: { login: string; name: string; role: Role; createdAt: number } | null;
}

/** POST /api/v1/session {login, password}: the person signed in (`createdAt`: when the user was made). */
export interface SignInResponse {
  user: UserInfo;
}
