import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, demoPassword, ensureDemoAccounts } from '../../../../server/auth/demo-accounts';
import { verifyPassword } from '../../../../server/auth/password';
import { Users } from '../../../../server/auth/users';
import { systemClock } from '../../../../server/clock';
import { createMemoryStore } from '../../../../server/store/index';

describe(ensureDemoAccounts.name, () => {
  it('makes a leader, an operator and an admin once, with the given password', async () => {
    const users = new Users(createMemoryStore(), systemClock);
    expect(await ensureDemoAccounts(users, 'mot-hai-ba-bon')).toEqual({
      created: ['lanhdao', 'vanhanh', 'quantri'],
    });
    for (const a of DEMO_ACCOUNTS) {
      const u = await users.get(a.login);
      expect(u?.role).toBe(a.role);
      expect(await verifyPassword('mot-hai-ba-bon', u!.passwordHash)).toBe(true);
    }
    // A restart on the same store keeps them as they were.
    expect(await ensureDemoAccounts(users, 'another-password')).toEqual({ created: [] });
    expect(await verifyPassword('mot-hai-ba-bon', (await users.get('lanhdao'))!.passwordHash)).toBe(true);
  });
});

describe(demoPassword.name, () => {
  it('is 12 unmistakable letters in three groups, different each time', () => {
    const a = demoPassword();
    expect(a).toMatch(/^[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}$/);
    expect(demoPassword()).not.toBe(a);
  });
});
