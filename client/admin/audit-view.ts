import type { AuditAction } from '../../shared/admin';

/** Who did it, as the server names actors ("user:admin"): the login alone. */
export const who = (actor: string | null): string => (actor ?? '—').replace(/^user:/, '');

/** Actions worth a second look: shown in amber. */
export const WARNING_ACTIONS: ReadonlySet<string> = new Set<AuditAction>([
  'session.sign-in-failed',
  'session.locked',
  'access.refused',
]);
