import type { CommuneCode } from './brand';

/**
 * What a KPI is computed over: the whole province, one commune/ward, or one agency.
 * Written as a string everywhere on the wire and in keys: "province", "commune:00004", "agency:sotn".
 */
export type Scope = 'province' | `commune:${string}` | `agency:${string}`;

export const AGENCY_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const COMMUNE_RE = /^\d{5}$/;

export const communeScope = (code: CommuneCode | string): Scope => `commune:${code}`;
export const agencyScope = (id: string): Scope => `agency:${id}`;

/** Parses a scope string; returns an error message naming what is wrong instead of throwing. */
export function parseScope(s: string): { scope: Scope } | { error: string } {
  if (s === 'province') return { scope: 'province' };
  const [kind, id = '', ...rest] = s.split(':');
  if (rest.length === 0 && kind === 'commune') {
    return COMMUNE_RE.test(id)
      ? { scope: `commune:${id}` }
      : { error: `commune code must be 5 digits, got "${id}"` };
  }
  if (rest.length === 0 && kind === 'agency') {
    return AGENCY_ID_RE.test(id)
      ? { scope: `agency:${id}` }
      : { error: `agency id "${id}" is not a valid id` };
  }
  return { error: `scope must be "province", "commune:<5-digit code>" or "agency:<id>", got "${s}"` };
}
