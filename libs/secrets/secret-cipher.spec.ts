import { randomBytes } from 'node:crypto';
import { generateSecretsKeys, loadSecretsKeys, SecretsKeys } from '../config/secrets-keys';
import { SecretCipher, secretPlace, SecretUnreadable } from './secret-cipher';

const keys = (...pairs: [string, Buffer][]): SecretsKeys => ({ currentKeyId: pairs[0][0], keys: new Map(pairs) });
const [k1, k2] = [randomBytes(32), randomBytes(32)];
const cipher = new SecretCipher(keys(['k1', k1]));
const place = secretPlace.totp('7d0c8f5e-0000-4000-8000-000000000001');

/** Flips one bit of the sealed body at `index` (negative: from the end, where the tag is). */
function tampered(sealed: string, index: number): string {
  const [scheme, keyId, encoded] = sealed.split(':');
  const body = Buffer.from(encoded, 'base64url');
  body[index < 0 ? body.length + index : index] ^= 0x01;
  return `${scheme}:${keyId}:${body.toString('base64url')}`;
}

describe('SecretCipher', () => {
  it.each([
    ['a TOTP secret', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'],
    ['a webhook secret with punctuation', 'whsec_9f:8e/7d+6c=5b,4a'],
    ['non-ASCII text', 'contraseña-ñandú-秘密'],
    ['an empty value', ''],
  ])('opens what it sealed: %s', (_name, plain) => {
    const sealed = cipher.seal(plain, place);
    expect(sealed).toMatch(/^aes256gcm:k1:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(plain === '' ? 'never-in-there' : plain);
    expect(cipher.open(sealed, place)).toBe(plain);
  });

  it('seals the same value differently each time (a fresh IV)', () => {
    expect(cipher.seal('same', place)).not.toBe(cipher.seal('same', place));
  });

  it.each([
    ['a changed tag', (s: string) => tampered(s, -1), /failed authentication/],
    ['a changed ciphertext', (s: string) => tampered(s, 12), /failed authentication/],
    ['a changed IV', (s: string) => tampered(s, 0), /failed authentication/],
    ['a truncated body', (s: string) => s.slice(0, 'aes256gcm:k1:'.length + 20), /too short/],
    ['another key id claimed', (s: string) => s.replace(':k1:', ':k9:'), /no key with id "k9"/],
    ['a clear value', () => 'JBSWY3DPEHPK3PXP', /not a sealed secret/],
  ])('refuses %s', (_name, alter, message) => {
    const sealed = cipher.seal('JBSWY3DPEHPK3PXP', place);
    expect(() => cipher.open(alter(sealed), place)).toThrow(SecretUnreadable);
    expect(() => cipher.open(alter(sealed), place)).toThrow(message);
  });

  it('refuses a value sealed under another key of the same id (wrong key)', () => {
    const sealed = new SecretCipher(keys(['k1', k2])).seal('JBSWY3DPEHPK3PXP', place);
    expect(() => cipher.open(sealed, place)).toThrow(/failed authentication with key "k1"/);
  });

  it.each([
    ['another user', secretPlace.totp('7d0c8f5e-0000-4000-8000-000000000002')],
    ['a webhook', secretPlace.webhook('ICE', 'https://desk.ice.example/hook')],
  ])('refuses a value copied to %s (bound to its place)', (_name, otherPlace) => {
    expect(() => cipher.open(cipher.seal('JBSWY3DPEHPK3PXP', place), otherPlace)).toThrow(SecretUnreadable);
  });

  it('rotates: the first key seals, an older listed key still opens what it sealed', () => {
    const old = cipher.seal('kept', place);
    const rotated = new SecretCipher(keys(['k2', k2], ['k1', k1]));
    expect(rotated.open(old, place)).toBe('kept');
    expect(rotated.seal('new', place)).toMatch(/^aes256gcm:k2:/);
    expect(() => cipher.open(rotated.seal('new', place), place)).toThrow(/no key with id "k2"/);
  });

  it('tells sealed values from clear ones', () => {
    expect(SecretCipher.isSealed(cipher.seal('x', place))).toBe(true);
    expect(SecretCipher.isSealed('JBSWY3DPEHPK3PXP')).toBe(false);
    expect(SecretCipher.keyIdOf(cipher.seal('x', place))).toBe('k1');
    expect(SecretCipher.keyIdOf('JBSWY3DPEHPK3PXP')).toBeUndefined();
  });
});

describe('loadSecretsKeys', () => {
  it('reads id:base64key pairs, the first one current', () => {
    const [a, b] = [generateSecretsKeys('2026-11'), generateSecretsKeys('2026-01')];
    const loaded = loadSecretsKeys({ SECRETS_KEYS: `${a}, ${b}` });
    expect(loaded.currentKeyId).toBe('2026-11');
    expect([...loaded.keys.keys()]).toEqual(['2026-11', '2026-01']);
    expect(loaded.keys.get('2026-01')?.toString('base64')).toBe(b.split(':')[1]);
  });

  it.each([
    ['production without keys', { NODE_ENV: 'production' }, /NODE_ENV=production needs SECRETS_KEYS/],
    ['a key without an id', { SECRETS_KEYS: randomBytes(32).toString('base64') }, /must be id:base64key pairs/],
    ['a short key', { SECRETS_KEYS: `k1:${randomBytes(16).toString('base64')}` }, /"k1" must be 32 bytes/],
    ['an id listed twice', { SECRETS_KEYS: `${generateSecretsKeys('k1')},${generateSecretsKeys('k1')}` }, /listed twice/],
  ])('refuses %s', (_name, env, message) => {
    expect(() => loadSecretsKeys(env as NodeJS.ProcessEnv)).toThrow(message);
  });
});
