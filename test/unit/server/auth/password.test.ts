import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  verifyPassword,
} from '../../../../server/auth/password';
import { atLeast } from '../../../../shared/roles';

describe('passwords', () => {
  it('are stored as a salted scrypt hash with its parameters, and verify only themselves', async () => {
    const stored = await hashPassword('mật khẩu đủ dài');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain('mật khẩu');
    expect(await verifyPassword('mật khẩu đủ dài', stored)).toBe(true);
    expect(await verifyPassword('mật khẩu đủ dàI', stored)).toBe(false);
    // The same password twice gives two different hashes (a fresh salt each time).
    expect(await hashPassword('mật khẩu đủ dài')).not.toBe(stored);
  });

  it('compare Vietnamese text whatever its Unicode form (NFC and NFD type the same word)', async () => {
    const stored = await hashPassword('Hà Nội 2026!'.normalize('NFD'));
    expect(await verifyPassword('Hà Nội 2026!'.normalize('NFC'), stored)).toBe(true);
  });

  it('refuses short and huge passwords with a reason, and malformed hashes without throwing', async () => {
    expect(passwordProblem('x'.repeat(MIN_PASSWORD_LENGTH - 1))).toBe(
      `must be at least ${MIN_PASSWORD_LENGTH} characters`,
    );
    expect(passwordProblem('x'.repeat(257))).toBe('must be at most 256 characters');
    await expect(hashPassword('short')).rejects.toThrow('password: must be at least 10 characters');
    expect(await verifyPassword('anything at all', 'plain-text')).toBe(false);
    expect(await verifyPassword('anything at all', 'scrypt$x$8$1$AAAA$BBBB')).toBe(false);
  });
});

describe('roles', () => {
  it('rank viewer < leader < operator < admin', () => {
    expect(atLeast('admin', 'operator')).toBe(true);
    expect(atLeast('operator', 'operator')).toBe(true);
    expect(atLeast('leader', 'operator')).toBe(false);
    expect(atLeast('viewer', 'leader')).toBe(false);
  });
});
