import { describe, expect, it } from 'vitest';
import { withLang } from '../../../../client/lib/i18n';
import { landingFor, safeNext } from '../../../../client/sign-in/next-path';

describe('safeNext()', () => {
  it.each(['/admin', '/tablet', '/', '/tablet?unit=xa-phu-cat&period=week', '/admin#audit'])(
    'keeps the same-site path %s',
    (path) => {
      expect(safeNext(path)).toBe(path);
    },
  );

  it.each([
    ['a protocol-relative URL', '//evil.example/admin'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['a full URL', 'https://evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,hi'],
    ['a relative path', 'admin'],
    ['a tab that browsers strip', '/\t/evil.example'],
    ['a newline that browsers strip', '/\n/evil.example'],
    ['a space', '/ /evil.example'],
    ['a backslash then a slash', '/\\/evil.example'],
    ['the sign-in page itself', '/login'],
    ['the sign-in page with a slash', '/login/'],
    ['the sign-in page with a query', '/login?next=/admin'],
    ['nothing', ''],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s', (_what, raw) => {
    expect(safeNext(raw)).toBeNull();
  });

  it('normalises dot segments without leaving the site', () => {
    expect(safeNext('/a/../../admin')).toBe('/admin');
  });

  it('keeps percent-encoded slashes as a path on this site', () => {
    expect(safeNext('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });

  it('refuses an absurdly long value', () => {
    expect(safeNext(`/${'a'.repeat(3_000)}`)).toBeNull();
  });
});

describe('landingFor()', () => {
  it('sends viewers and leaders to the tablet, operators and admins to the console', () => {
    expect(['viewer', 'leader', 'operator', 'admin'].map((r) => landingFor(r as never))).toEqual([
      '/tablet',
      '/tablet',
      '/admin',
      '/admin',
    ]);
  });
});

describe('withLang()', () => {
  it('carries ?lang=en along in English and leaves Vietnamese paths alone', () => {
    expect(withLang('/admin', 'vi')).toBe('/admin');
    expect(withLang('/admin', 'en')).toBe('/admin?lang=en');
    expect(withLang('/tablet?period=week#x', 'en')).toBe('/tablet?period=week&lang=en#x');
  });
});
