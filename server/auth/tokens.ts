import { createHash, randomBytes, randomInt } from 'node:crypto';
import { PAIRING_ALPHABET } from '../../shared/admin';

/** A fresh bearer secret: 32 random bytes, base64url (43 characters). */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** A code a person reads and types (pairing, joining a meeting): 6 characters without look-alikes. */
export const newCode = (): string =>
  Array.from({ length: 6 }, () => PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)]).join('');

/** What the store keeps instead of a token: a copy of the store opens nothing. */
export const tokenDigest = (token: string): string => createHash('sha256').update(token).digest('base64url');

export const TOKEN_RE = /^[\w-]{43}$/;

/** A cookie's value from a raw Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** A Set-Cookie value for a credential: httpOnly, SameSite=Strict, Secure behind HTTPS. */
export function credentialCookie(name: string, value: string, maxAgeMs: number, secure: boolean): string {
  const attributes = [
    `${name}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.floor(maxAgeMs / 1000)}`,
  ];
  // Secure only behind HTTPS: a control room on plain http on its own network must still work.
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}
