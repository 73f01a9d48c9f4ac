import { randomInt } from 'node:crypto';
import type { Role } from '../../shared/roles';
import type { Users } from './users';

/** The demo's people: one of each role a newcomer needs to reach the tablet, /meeting and /admin. */
export const DEMO_ACCOUNTS: readonly { login: string; name: string; role: Role }[] = [
  { login: 'lanhdao', name: 'Lãnh đạo (tài khoản demo)', role: 'leader' },
  { login: 'vanhanh', name: 'Vận hành (tài khoản demo)', role: 'operator' },
  { login: 'quantri', name: 'Quản trị (tài khoản demo)', role: 'admin' },
];

/** Letters that cannot be mistaken for one another when read off a terminal and typed on a tablet. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A password of 12 such letters, in three groups: about 59 bits, easy to type once. */
export function demoPassword(): string {
  const pick = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${pick()}-${pick()}-${pick()}`;
}

/**
 * Creates the demo accounts that do not exist yet (a Redis demo keeps them across restarts; their
 * password is then the one they were made with). Only ever called when the simulator plays: a real
 * deployment has no account nobody created on purpose.
 */
export async function ensureDemoAccounts(users: Users, password: string): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const a of DEMO_ACCOUNTS) {
    if (await users.get(a.login)) continue;
    await users.add({ ...a, password });
    created.push(a.login);
  }
  return { created };
}
