import type { Lang } from '../../../shared/format';
import { lang as pageLang, t, waitWords } from '../i18n';
import { leaveForSignIn } from './sign-in';

/**
 * The one client of the server's JSON APIs for every page: same origin, cookies included, and every
 * failure (a 4xx/5xx answer, a proxy's HTML error page, a 200 that is not JSON, no network at all)
 * thrown as one ApiError whose message is already in the page's language, with the fields the server
 * named kept apart for the form to show. A page only a person may see asks for `signInOn401`.
 */

/** A failed API call. `status` is 0 when the server could not be reached at all. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    /** Per-field messages the server named (`{ login: "…" }`), empty when none. */
    readonly fields: Readonly<Record<string, string>> = {},
    /** Seconds to wait before trying again (Retry-After), when the server said. */
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
  }
}

/** The failure body every route answers with (shared/admin.ts). */
interface FailureBody {
  error?: unknown;
  errorEn?: unknown;
  errors?: unknown;
}

/** Retry-After as seconds (only the delta form: servers here never send a date), or null. */
export function parseRetryAfter(header: string | null): number | null {
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim());
}

/**
 * The ApiError for a failed answer: the server's words in the page's language (`errorEn` for English
 * when given), its per-field messages, and a message of our own when the body is not the API's
 * (a proxy's error page, an empty body).
 */
export function apiErrorFrom(
  status: number,
  body: unknown,
  retryAfterS: number | null,
  lang: Lang = pageLang,
): ApiError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as FailureBody;
  const fields: Record<string, string> = {};
  if (Array.isArray(b.errors)) {
    for (const e of b.errors as unknown[]) {
      const { field, message } = (e ?? {}) as { field?: unknown; message?: unknown };
      if (typeof field === 'string' && typeof message === 'string' && !(field in fields))
        fields[field] = message;
    }
  }
  const vi = typeof b.error === 'string' && b.error ? b.error : null;
  const en = typeof b.errorEn === 'string' && b.errorEn ? b.errorEn : null;
  const message =
    (lang === 'en' ? (en ?? vi) : (vi ?? en)) ??
    (status === 429 && retryAfterS !== null
      ? t('apiWait', { wait: waitWords(retryAfterS, lang) }, lang)
      : t('apiStatus', { status }, lang));
  return new ApiError(message, status, fields, retryAfterS);
}

export interface RequestOptions {
  /** A JSON body (POST). */
  body?: unknown;
  /** Stands in for the global fetch (tests; a caller that reads response headers). */
  fetch?: typeof fetch;
  lang?: Lang;
  signal?: AbortSignal;
  /**
   * A 401 (the session expired, or was ended on another device) sends the page to sign in, once,
   * coming back to the same address; the call still fails with the ApiError.
   */
  signInOn401?: boolean;
}

/** One JSON request to this origin; resolves to the parsed body (undefined for 204), or throws ApiError. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const lang = opts.lang ?? pageLang;
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await doFetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(t('apiOffline', undefined, lang), 0);
  }
  const text = await res.text().catch(() => '');
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined; // an HTML error page from a proxy: not ours to show
  }
  if (res.status === 401 && opts.signInOn401) leaveForSignIn();
  if (!res.ok) throw apiErrorFrom(res.status, body, parseRetryAfter(res.headers.get('retry-after')), lang);
  if (text && body === undefined)
    throw new ApiError(t('apiStatus', { status: res.status }, lang), res.status);
  return body as T;
}

/** GET a JSON resource. */
export const getJson = <T>(path: string, opts?: Omit<RequestOptions, 'body'>) =>
  request<T>('GET', path, opts);
/** POST a JSON body. */
export const postJson = <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
  request<T>('POST', path, { ...opts, body });
/** DELETE a resource. */
export const deleteJson = <T = void>(path: string, opts?: Omit<RequestOptions, 'body'>) =>
  request<T>('DELETE', path, opts);
