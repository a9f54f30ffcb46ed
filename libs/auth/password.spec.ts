import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses others', async () => {
    const stored = await hashPassword('demo-password');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    await expect(verifyPassword('demo-password', stored)).resolves.toBe(true);
    await expect(verifyPassword('demo-passwore', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it.each(['', 'plain', 'bcrypt$10$abc'])('refuses a stored value it does not understand: %p', async (stored) => {
    await expect(verifyPassword('x', stored)).resolves.toBe(false);
  });
});
