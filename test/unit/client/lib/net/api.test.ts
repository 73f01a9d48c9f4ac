import { describe, expect, it } from 'vitest';
import { waitWords } from '../../../../../client/lib/i18n';
import { apiErrorFrom, ApiError, parseRetryAfter, request } from '../../../../../client/lib/net/api';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const serving = (res: Response | Error) => {
  const seen: { input: string; init: RequestInit | undefined }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ input: String(input), init });
    if (res instanceof Error) throw res;
    return res;
  };
  return { seen, fetch: fetch as typeof globalThis.fetch };
};

describe('apiErrorFrom()', () => {
  const wrong = { error: 'Sai tên đăng nhập hoặc mật khẩu', errorEn: 'Wrong login or password' };

  it("speaks the page's language: error in Vietnamese, errorEn in English", () => {
    expect(apiErrorFrom(401, wrong, null, 'vi').message).toBe('Sai tên đăng nhập hoặc mật khẩu');
    expect(apiErrorFrom(401, wrong, null, 'en').message).toBe('Wrong login or password');
  });

  it('falls back to the Vietnamese words when no English ones were sent', () => {
    expect(apiErrorFrom(403, { error: 'Không được phép' }, null, 'en').message).toBe('Không được phép');
  });

  it('keeps each field the server named, first message per field', () => {
    const e = apiErrorFrom(
      400,
      {
        error: 'invalid',
        errors: [
          { field: 'login', message: 'must not be empty' },
          { field: 'login', message: 'second' },
          { field: 'password', message: 'too short' },
          { nonsense: true },
        ],
      },
      null,
      'vi',
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.fields).toEqual({ login: 'must not be empty', password: 'too short' });
  });

  it('says how long to wait when rate-limited without words of its own', () => {
    expect(apiErrorFrom(429, undefined, 90, 'vi').message).toBe('Quá nhiều yêu cầu; thử lại sau 2 phút');
    expect(apiErrorFrom(429, {}, 20, 'en').message).toBe('Too many requests; try again in 20 s');
    expect(apiErrorFrom(429, {}, 20, 'vi').retryAfterS).toBe(20);
  });

  it('names the status when the body is not the API’s (a proxy error page)', () => {
    expect(apiErrorFrom(502, undefined, null, 'vi').message).toBe('Máy chủ báo lỗi (502)');
  });
});

describe('parseRetryAfter() and waitWords()', () => {
  it('reads delta seconds only', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(' 5 ')).toBe(5);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it('rounds a wait up to whole minutes from a minute on', () => {
    expect(waitWords(900, 'vi')).toBe('15 phút');
    expect(waitWords(61, 'vi')).toBe('2 phút');
    expect(waitWords(0.2, 'en')).toBe('1 s');
  });
});

describe('request()', () => {
  it('sends JSON to the same origin with cookies and returns the parsed body', async () => {
    const server = serving(json({ user: { login: 'admin' } }));
    const body = await request('POST', '/api/v1/session', { body: { login: 'a' }, fetch: server.fetch });
    expect(body).toEqual({ user: { login: 'admin' } });
    const init = server.seen[0]?.init;
    expect(server.seen[0]?.input).toBe('/api/v1/session');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe('{"login":"a"}');
    expect((init?.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('resolves to undefined on 204', async () => {
    const server = serving(new Response(null, { status: 204 }));
    await expect(request('DELETE', '/api/v1/session', { fetch: server.fetch })).resolves.toBeUndefined();
  });

  it('throws the server’s words with its status and Retry-After', async () => {
    const locked = json({ error: 'Tài khoản tạm khoá', errorEn: 'Locked' }, 429, { 'retry-after': '840' });
    const err = await request('POST', '/api/v1/session', { fetch: serving(locked).fetch, lang: 'vi' }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({
      name: 'ApiError',
      message: 'Tài khoản tạm khoá',
      status: 429,
      retryAfterS: 840,
    });
  });

  it('throws status 0 with words when the server cannot be reached', async () => {
    const err = await request('GET', '/api/v1/session', {
      fetch: serving(new TypeError('x')).fetch,
      lang: 'en',
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 0, message: 'Cannot reach the server' });
  });

  it('refuses a 200 whose body is not JSON (a captive portal, a proxy page)', async () => {
    const portal = new Response('<html>Wi-Fi login</html>', { status: 200 });
    await expect(
      request('GET', '/api/v1/session', { fetch: serving(portal).fetch, lang: 'vi' }),
    ).rejects.toMatchObject({
      status: 200,
    });
  });
});
