import { hashPassword, legacyScryptHash, needsRehash, verifyPassword } from './password';

describe('password hashing', () => {
  it('hashes with argon2id and verifies the right password only', async () => {
    const stored = await hashPassword('demo-password');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword('demo-password', stored)).resolves.toBe(true);
    await expect(verifyPassword('demo-passwore', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('still verifies the scrypt hashes of earlier releases, and flags them for rehashing', async () => {
    const old = await legacyScryptHash('demo-password');
    await expect(verifyPassword('demo-password', old)).resolves.toBe(true);
    await expect(verifyPassword('demo-passwore', old)).resolves.toBe(false);
    expect(needsRehash(old)).toBe(true);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it.each([
    ['weaker memory', '$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA', true],
    ['argon2i', '$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA', true],
    ['current', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA', false],
  ])('needsRehash: %s', (_name, stored, expected) => {
    expect(needsRehash(stored)).toBe(expected);
  });

  it.each(['', 'plain', 'bcrypt$10$abc', '$argon2id$garbage'])('refuses a stored value it does not understand: %p', async (stored) => {
    await expect(verifyPassword('x', stored)).resolves.toBe(false);
  });
});
