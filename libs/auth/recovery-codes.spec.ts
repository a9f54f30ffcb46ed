import { looksLikeRecoveryCode, newRecoveryCodes, recoveryCodeHash } from './recovery-codes';

describe('recovery codes', () => {
  it('makes ten distinct codes of the shape users are shown', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it.each([
    ['lower case and look-alikes', 'ab0c1-defgh', 'ABOCL-DEFGH', true],
    ['without the dash', 'AB0C1DEFGH', 'ab0c1-defgh', true],
    ['one character off', 'AB0C1-DEFGJ', 'AB0C1-DEFGH', false],
  ])('hash: %s', (_name, a, b, same) => {
    expect(recoveryCodeHash(a) === recoveryCodeHash(b)).toBe(same);
  });

  it.each([
    ['a recovery code', 'ABCDE-12345', true],
    ['without its dash', 'abcde12345', true],
    ['a TOTP code', '123456', false],
    ['too long', 'ABCDE-123456', false],
  ])('looksLikeRecoveryCode: %s', (_name, code, expected) => {
    expect(looksLikeRecoveryCode(code)).toBe(expected);
  });
});
