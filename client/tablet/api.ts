import type { DayKey } from '../../shared/brand';
import type { Unit } from '../../shared/kpis';
import type { DayRange, Period } from '../../shared/periods';
import type { Scope } from '../../shared/scope';

/** One KPI of GET /api/v1/kpis/period (server/api/kpis.ts), with the same KPI over the period before. */
export interface PeriodKpi {
  id: string;
  label: { vi: string; en: string };
  unit: Unit;
  /** null when it has no value (a zero denominator): shown as "—". */
  value: number | null;
  numerator: number;
  denominator: number | null;
  /** The target the server applies (configuration may override the catalogue's). */
  target: number | null;
  asOf: string | null;
  previous: { value: number | null; numerator: number; denominator: number | null } | null;
}

/** GET /api/v1/kpis/period?scope&period. */
export interface PeriodResponse {
  scope: Scope;
  period: Period;
  from: DayKey;
  to: DayKey;
  previous: DayRange;
  serverTime: number;
  kpis: PeriodKpi[];
}

/** The person signed in (GET /api/v1/session). */
export interface SessionUser {
  login: string;
  name: string;
  role: string;
  createdAt: number;
}

/** An answer read, or why not: `status` 0 is a network failure. */
export type Answer<T> = { ok: true; data: T } | { ok: false; status: number };

/** The sign-in page, coming back here afterwards; `?lang=en` goes along. */
export function signInUrl(loc: Pick<Location, 'pathname' | 'search'> = location): string {
  return `/login?next=${encodeURIComponent(loc.pathname + loc.search)}`;
}

/**
 * GET a JSON answer of the page's own server. A 401 means the session has ended (expired, or signed
 * out on another device): the page leaves for the sign-in page at once, never showing data without one.
 */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<Answer<T>> {
  try {
    const res = await fetch(path, { signal, headers: { accept: 'application/json' } });
    if (res.status === 401) {
      location.replace(signInUrl());
      return { ok: false, status: 401 };
    }
    if (!res.ok) return { ok: false, status: res.status };
    return { ok: true, data: (await res.json()) as T };
  } catch (err) {
    if (signal?.aborted) throw err;
    return { ok: false, status: 0 };
  }
}
