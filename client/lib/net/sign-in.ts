import type { Lang } from '../../../shared/format';
import { lang, withLang } from '../i18n';

/** Where a page sends someone to sign in; `/login` itself takes them back to `?next=`. */
const SIGN_IN_PATH = '/login';

/**
 * The sign-in page, coming back to `here` afterwards: `/login?next=<path+search>`, in the page's
 * language (`?lang=en` goes along, both to the sign-in page and inside the address it returns to).
 */
export function signInUrl(here: Pick<Location, 'pathname' | 'search'> = location, l: Lang = lang): string {
  return withLang(`${SIGN_IN_PATH}?next=${encodeURIComponent(here.pathname + here.search)}`, l);
}

/** The sign-in page with nowhere to return to (after signing out), in the page's language. */
export const signInPage = (l: Lang = lang): string => withLang(SIGN_IN_PATH, l);

let leaving = false;

/**
 * Leaves for the sign-in page, coming back here: once, however many reads found the session gone
 * together. `replace`, so the back button does not return to a page that would leave again.
 */
export function leaveForSignIn(go: (url: string) => void = (url) => location.replace(url)): void {
  if (leaving) return;
  leaving = true;
  go(signInUrl());
}
