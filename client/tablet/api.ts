import type { PeriodResponse } from '../../shared/history';

/** GET /api/v1/kpis/period (shared/history.ts): one KPI, with the same KPI over the period before. */
export type PeriodKpi = PeriodResponse['kpis'][number];
export type { PeriodResponse };

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
