import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, hashPasswordSync, verifyPassword } from './password.ts';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('password', () => {
  it('stores parameters and salt and verifies', async () => {
    const h = await hashPassword('пароль-1', CHEAP);
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('пароль-1', h)).toBe(true);
    expect(await verifyPassword('пароль-2', h)).toBe(false);
  });

  it('salts every hash', () => {
    expect(hashPasswordSync('same', CHEAP)).not.toBe(hashPasswordSync('same', CHEAP));
  });

  it('verifies with the default cost and rejects garbage hashes', async () => {
    const h = hashPasswordSync('x');
    expect(await verifyPassword('x', h)).toBe(true);
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$3$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', DUMMY_HASH)).toBe(false);
  });

  it('answers false, not an error, for hashes scrypt itself refuses or nobody may use', async () => {
    // N = 1 passes the power-of-two check but scrypt throws on it.
    expect(await verifyPassword('x', 'scrypt$1$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('', '!demo-no-sign-in')).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
  });
});
