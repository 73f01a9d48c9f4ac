import type { SessionResponse } from '../../../shared/access';
import { deleteJson, getJson, postJson, type RequestOptions } from './api';
import { signInPage } from './sign-in';

/** The person a session belongs to. */
export type SessionUser = NonNullable<SessionResponse['user']>;

const SESSION = '/api/v1/session';

/**
 * Who is on the other end, as the server sees this page's credentials: the viewer and what it may do,
 * and the person signed in (null for a paired display or a loopback screen). Fails with a 401 ApiError
 * when there is no credential at all.
 */
export const whoAmI = (opts?: Pick<RequestOptions, 'signInOn401'>): Promise<SessionResponse> =>
  getJson<SessionResponse>(SESSION, opts);

/** Signs a person in (the server sets the session cookie); fails with the server's words. */
export const signIn = (login: string, password: string): Promise<{ user: SessionUser }> =>
  postJson<{ user: SessionUser }>(SESSION, { login, password });

/** Ends the session on the server; fails with the server's words. */
export const endSession = (): Promise<void> => deleteJson(SESSION);

/**
 * Ends the session, then goes to the sign-in page whatever the answer: the cookie is httpOnly, so only
 * the server can clear it, and the sign-in page shows whether a session is still open.
 */
export async function signOut(go: (url: string) => void = (url) => location.assign(url)): Promise<void> {
  await endSession().catch(() => undefined);
  go(signInPage());
}
