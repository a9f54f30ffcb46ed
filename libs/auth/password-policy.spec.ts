import { checkNewPassword } from './password-policy';

describe('checkNewPassword (NIST SP 800-63B)', () => {
  it.each<[string, string, string | null]>([
    ['eleven chars', 'abcdefghijk', 'too_short'],
    ['twelve chars of any kind', 'tres tristes', null],
    ['no composition rule: lowercase words', 'correct horse battery', null],
    ['code points, not bytes: 11 accented letters', 'ñññññáéíóúü', 'too_short'],
    ['the list itself', 'qwertyuiop1234567890'.slice(0, 10) + '12', 'common'],
    ['a listed password with digits added', 'password1234', 'common'],
    ['a listed password, other case, punctuation', 'Superman!!!!2024', 'common'],
    ['a listed password repeated', 'monkeymonkey', 'common'],
    ['a short unit repeated', 'abababababab', 'repetitive'],
    ['one character', 'zzzzzzzzzzzzzzz', 'repetitive'],
    ['the username inside', 'my-ice.agent-secret', 'contains_username'],
    ['the demo password', 'demo-password', null],
    ['too long', 'x'.repeat(150) + 'y'.repeat(51), 'too_long'],
  ])('%s', (_name, password, expected) => {
    expect(checkNewPassword(password, 'ice.agent')?.reason ?? null).toBe(expected);
  });
});
