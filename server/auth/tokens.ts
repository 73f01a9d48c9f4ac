import { createHash, randomBytes } from 'node:crypto';

/** A fresh bearer secret: 32 random bytes, base64url (43 characters). */
export const newToken = (): string => randomBytes(32).toString('base64url');

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
