import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import proxyaddr from 'proxy-addr';

/**
 * What TRUST_PROXY says: how many proxies stand in front of the server (`1`), or the addresses they
 * connect from (`127.0.0.1,10.0.0.0/8`; also proxy-addr's names `loopback`, `linklocal`, `uniquelocal`).
 * Unset: no proxy is trusted, so forwarding headers are ignored (anyone could send them).
 */
export type TrustProxy = number | readonly string[] | false;

const NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(item: string): boolean {
  if (NAMES.has(item)) return true;
  const [ip, bits, extra] = item.split('/');
  const version = isIP(ip ?? '');
  if (version === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (version === 4 ? 32 : 128);
}

/** Parses TRUST_PROXY; returns an error message instead when the value is wrong. */
export function parseTrustProxy(value: string | undefined): TrustProxy | { error: string } {
  if (value === undefined || value.trim() === '') return false;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 10 ? hops : { error: 'a number of proxies is at most 10' };
  }
  const items = text.split(',').map((s) => s.trim());
  const bad = items.filter((item) => !isAddressOrRange(item));
  if (bad.length > 0)
    return { error: `not an address, a CIDR range or loopback/linklocal/uniquelocal: ${bad.join(', ')}` };
  return items;
}

/** What Express's `trust proxy` setting takes for it. */
export const expressTrustProxy = (trust: TrustProxy): number | string[] | false =>
  typeof trust === 'object' ? [...trust] : trust;

export type TrustFn = (address: string, hop: number) => boolean;

/** The same function Express compiles from the setting, for requests Express never sees (Socket.IO's). */
export function compileTrust(trust: TrustProxy): TrustFn {
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyaddr.compile([...trust]);
}

const first = (header: string | string[] | undefined): string | undefined =>
  (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim() || undefined;

/** The client's address: the first untrusted hop of X-Forwarded-For, as Express's req.ip. */
export const clientAddress = (req: IncomingMessage, trust: TrustFn): string => proxyaddr(req, trust);

/**
 * The origin the client asked for (scheme, host, port): the Host header, and the scheme of the
 * connection, or X-Forwarded-Proto and X-Forwarded-Host when a trusted proxy relayed the request.
 */
export function requestOrigin(req: IncomingMessage, trust: TrustFn): string | null {
  const relayed = trust(req.socket.remoteAddress ?? '', 0);
  const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
  const proto = (relayed && first(req.headers['x-forwarded-proto'])) || (encrypted ? 'https' : 'http');
  const host = (relayed && first(req.headers['x-forwarded-host'])) || req.headers.host;
  return host ? `${proto.toLowerCase()}://${host.toLowerCase()}` : null;
}
