import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/auth/password';
import { Users } from '../../server/auth/users';
import { manualClock } from '../../server/clock';
import { createRedisStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import { dropPrefix, testRedisUrl, uniquePrefix } from '../support/redis';
import { STORES } from '../support/stores';

const root = fileURLToPath(new URL('../..', import.meta.url));
const clock = manualClock(Date.parse('2026-11-24T10:00:00+07:00'));

describe.each(STORES)('people in the store (%s store)', (name, makeStore) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await makeStore(`users-${name}`)));
  afterEach(() => cleanup());

  it('creates a user once, keeps only a hash of the password, and refuses the same login again', async () => {
    const users = new Users(store, clock);
    const made = await users.add({
      login: 'lanh.dao',
      name: 'Nguyễn Văn A',
      role: 'leader',
      password: 'một mật khẩu dài',
    });
    expect(made).toEqual({ login: 'lanh.dao', name: 'Nguyễn Văn A', role: 'leader', createdAt: clock.now() });
    const stored = await users.get('lanh.dao');
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(stored)).not.toContain('một mật khẩu dài');
    expect(await verifyPassword('một mật khẩu dài', stored!.passwordHash)).toBe(true);

    // Two admins racing for one login: exactly one wins.
    const race = await Promise.allSettled([
      users.add({ login: 'van.hanh', name: 'B', role: 'operator', password: 'mật khẩu thứ nhất' }),
      users.add({ login: 'van.hanh', name: 'C', role: 'admin', password: 'mật khẩu thứ hai!' }),
    ]);
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = race.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((lost.reason as Error).message).toBe('login: "van.hanh" is already taken');
    expect(await users.get('nobody')).toBeNull();
  });

  it('names every bad field of a new user and stores nothing', async () => {
    const users = new Users(store, clock);
    await expect(users.add({ login: 'X', name: ' ', role: 'boss', password: 'short' })).rejects.toThrow(
      'login: 3–64 characters, lower-case letters, digits and . _ - (starting with a letter or digit); ' +
        'name: must be 1–120 characters; role: must be one of viewer, leader, operator, admin; ' +
        'password: must be at least 10 characters',
    );
    expect(await users.get('x')).toBeNull();
  });
});

/** Runs `npm run user:add`'s script as the operator would, with the password on standard input. */
function userAdd(args: string[], env: Record<string, string>, stdin: string) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/user-add.ts', ...args], {
      cwd: root,
      env: { ...process.env, IOC_PASSWORD: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.stdin.end(stdin);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run user:add, against a real Redis', () => {
  const prefix = uniquePrefix('user-add');
  const env = { REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix };
  afterEach(() => dropPrefix(testRedisUrl(), prefix));

  it('creates the first admin with the password read from standard input, then refuses a second with that login', async () => {
    const first = await userAdd(
      ['--login', 'admin', '--role', 'admin', '--name', 'Quản trị hệ thống'],
      env,
      'một mật khẩu rất dài\n',
    );
    expect(first.out).toContain('created admin "admin" (Quản trị hệ thống)');
    expect(first.code).toBe(0);
    const store = await createRedisStore({ url: testRedisUrl(), prefix });
    const admin = await new Users(store, clock).get('admin');
    await store.close();
    expect(admin?.role).toBe('admin');
    expect(await verifyPassword('một mật khẩu rất dài', admin!.passwordHash)).toBe(true);

    const again = await userAdd(['--login', 'admin', '--role', 'viewer'], env, 'một mật khẩu khác hẳn\n');
    expect(again.code).toBe(1);
    expect(again.out).toContain('login: "admin" is already taken');
  });

  it('explains what is missing: the role, or Redis', async () => {
    const noRole = await userAdd(['--login', 'admin'], env, '');
    expect(noRole.code).toBe(2);
    expect(noRole.out).toContain('usage: npm run user:add');
    const noRedis = await userAdd(
      ['--login', 'admin', '--role', 'admin'],
      { REDIS_URL: '' },
      'một mật khẩu rất dài\n',
    );
    expect(noRedis.code).toBe(2);
    expect(noRedis.out).toContain('user:add needs REDIS_URL');
  });
});
