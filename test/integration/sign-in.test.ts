import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_MS, MAX_FAILED_ATTEMPTS, Users } from '../../server/auth/users';
import { manualClock } from '../../server/clock';
import type { Store } from '../../server/store/types';
import { startTestApp } from '../support/app';
import { STORES } from '../support/stores';

const PASSWORD = 'mật khẩu của lãnh đạo';

describe.each(STORES)('signing in and out (%s store)', (name, makeStore) => {
  const clock = manualClock(Date.parse('2026-11-24T10:00:00+07:00'));
  let store: Store;
  let cleanup: () => Promise<void>;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  beforeEach(async () => {
    clock.set(Date.parse('2026-11-24T10:00:00+07:00'));
    ({ store, cleanup } = await makeStore(`sign-in-${name}`));
    await new Users(store, clock).add({
      login: 'lanh.dao',
      name: 'Nguyễn Văn A',
      role: 'leader',
      password: PASSWORD,
    });
    // The lock-out is per login; the per-address limit (tested in access.test.ts) is lifted here.
    // Nobody watches from loopback here: GET /api/v1/session answers a screen there too (user null).
    sut = await startTestApp(store, {
      clock,
      loopbackWatch: false,
      limits: { signIn: { name: 'sign-in', perMinute: 600, burst: 100 } },
    });
  });
  afterEach(async () => {
    await sut.close();
    await cleanup();
  });

  const signIn = (body: unknown) =>
    fetch(`${sut.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const whoAmI = (cookie?: string) =>
    fetch(`${sut.baseUrl}/api/v1/session`, { headers: cookie ? { cookie } : {} });

  it('gives an httpOnly, SameSite=Strict session cookie that names the person, until signed out', async () => {
    const res = await signIn({ login: 'lanh.dao', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      user: { login: 'lanh.dao', name: 'Nguyễn Văn A', role: 'leader', createdAt: clock.now() },
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^ioc_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const cookie = setCookie.split(';')[0]!;

    const me = await whoAmI(cookie);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe('leader');

    const out = await fetch(`${sut.baseUrl}/api/v1/session`, { method: 'DELETE', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await whoAmI(cookie)).status).toBe(401);
    expect((await whoAmI()).status).toBe(401);
    expect((await whoAmI('ioc_session=forged-token-of-the-right-length-1234567890ab')).status).toBe(401);
  });

  it('answers a wrong password and an unknown login alike, in Vietnamese', async () => {
    const wrong = await signIn({ login: 'lanh.dao', password: 'not the password' });
    const unknown = await signIn({ login: 'khong.co', password: 'not the password' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it(`locks the login after ${MAX_FAILED_ATTEMPTS} failures in a row, even for the right password, until the lock ends`, async () => {
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) {
      expect((await signIn({ login: 'lanh.dao', password: `wrong ${i}` })).status).toBe(401);
    }
    const last = await signIn({ login: 'lanh.dao', password: 'wrong again' });
    expect(last.status).toBe(429);
    expect(last.headers.get('retry-after')).toBe(String(LOCK_MS / 1000));
    expect(((await last.json()) as { error: string }).error).toBe(
      'Tài khoản tạm khoá do đăng nhập sai nhiều lần; thử lại sau 15 phút',
    );
    const right = await signIn({ login: 'lanh.dao', password: PASSWORD });
    expect(right.status).toBe(429);
    expect(right.headers.get('set-cookie')).toBeNull();

    clock.advance(LOCK_MS + 1);
    expect((await signIn({ login: 'lanh.dao', password: PASSWORD })).status).toBe(200);
    // A success clears the count: four more failures do not lock.
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) {
      expect((await signIn({ login: 'lanh.dao', password: `wrong ${i}` })).status).toBe(401);
    }
    expect((await signIn({ login: 'lanh.dao', password: PASSWORD })).status).toBe(200);
  });

  it('names what is wrong with a malformed sign-in', async () => {
    const res = await signIn({ login: '', password: 42, extra: true });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { field: string; message: string }[] }).errors).toEqual([
      { field: 'login', message: 'must not be empty' },
      { field: 'password', message: 'must be a string' },
      { field: 'body', message: 'Unrecognized key: "extra"' },
    ]);
  });
});
