import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, compileTrust, parseTrustProxy, requestOrigin } from '../../../../server/http/proxy';

const request = (remote: string, headers: Record<string, string>, encrypted = false) =>
  ({
    socket: { remoteAddress: remote, encrypted },
    connection: { remoteAddress: remote },
    headers,
  }) as unknown as IncomingMessage;

describe('TRUST_PROXY', () => {
  it('takes a number of hops, or addresses and ranges, and names what is wrong', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.1,::1,loopback')).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'loopback',
    ]);
    expect(parseTrustProxy('11')).toEqual({ error: 'a number of proxies is at most 10' });
    expect(parseTrustProxy('true')).toMatchObject({ error: expect.stringContaining('true') });
    expect(parseTrustProxy('10.0.0.0/33')).toMatchObject({ error: expect.stringContaining('10.0.0.0/33') });
    expect(parseTrustProxy('nginx.local')).toMatchObject({ error: expect.stringContaining('nginx.local') });
  });

  it('gives the client address only through proxies it trusts', () => {
    const relayed = request('127.0.0.1', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' });
    expect(clientAddress(relayed, compileTrust(false))).toBe('127.0.0.1');
    expect(clientAddress(relayed, compileTrust(1))).toBe('203.0.113.7');
    expect(clientAddress(relayed, compileTrust(2))).toBe('198.51.100.1');
    expect(clientAddress(relayed, compileTrust(['127.0.0.1']))).toBe('203.0.113.7');
    expect(clientAddress(relayed, compileTrust(['10.0.0.0/8']))).toBe('127.0.0.1');
  });

  it('takes the origin asked for from a trusted proxy, else from the connection', () => {
    const headers = {
      host: '127.0.0.1:8080',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'Wall.Example.vn',
    };
    expect(requestOrigin(request('127.0.0.1', headers), compileTrust(1))).toBe('https://wall.example.vn');
    expect(requestOrigin(request('127.0.0.1', headers), compileTrust(false))).toBe('http://127.0.0.1:8080');
    expect(requestOrigin(request('10.1.1.1', { host: 'ioc:443' }, true), compileTrust(false))).toBe(
      'https://ioc:443',
    );
    expect(requestOrigin(request('127.0.0.1', {}), compileTrust(false))).toBeNull();
  });
});
