import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { originAllowed, parseAllowedOrigins } from '../../../../server/http/origin-check';
import { compileTrust } from '../../../../server/http/proxy';

const request = (headers: Record<string, string>) =>
  ({
    socket: { remoteAddress: '127.0.0.1' },
    headers: { host: '127.0.0.1:8080', ...headers },
  }) as unknown as IncomingMessage;

describe('ALLOWED_ORIGINS', () => {
  it('takes origins and refuses anything else, naming it', () => {
    expect(parseAllowedOrigins(undefined)).toBeNull();
    expect(parseAllowedOrigins('https://Wall.example.vn, http://10.0.0.5:8080/')).toEqual([
      'https://wall.example.vn',
      'http://10.0.0.5:8080',
    ]);
    expect(parseAllowedOrigins('wall.example.vn')).toEqual({ error: 'not an origin: wall.example.vn' });
    expect(parseAllowedOrigins('https://wall.example.vn/app')).toMatchObject({
      error: expect.stringContaining('/app'),
    });
    expect(parseAllowedOrigins('ftp://wall.example.vn')).toMatchObject({
      error: expect.stringContaining('ftp:'),
    });
  });

  it('lets through no Origin, the server own origin, or the listed ones', () => {
    const own = { allowed: null, trust: compileTrust(false) };
    expect(originAllowed(request({}), own)).toBe(true);
    expect(originAllowed(request({ origin: 'http://127.0.0.1:8080' }), own)).toBe(true);
    expect(originAllowed(request({ origin: 'http://127.0.0.1:9' }), own)).toBe(false);
    expect(originAllowed(request({ origin: 'null' }), own)).toBe(false);
    const listed = { allowed: ['https://wall.example.vn'], trust: compileTrust(false) };
    expect(originAllowed(request({ origin: 'https://wall.example.vn' }), listed)).toBe(true);
    expect(originAllowed(request({ origin: 'http://127.0.0.1:8080' }), listed)).toBe(false);
  });
});
