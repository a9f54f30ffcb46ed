import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { loadSecretsKeys, SecretsKeys } from '../config/secrets-keys';

const SCHEME = 'aes256gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored value that cannot be opened: unknown key id, not a sealed value, or altered (its tag fails). */
export class SecretUnreadable extends Error {}

/**
 * AES-256-GCM for secrets kept in the database: `aes256gcm:<key id>:<base64url of iv, ciphertext, tag>`. The key id
 * names the key that sealed the value, so keys rotate without re-encrypting at once. The associated data binds the key
 * id and the value's place (`totp:<user id>`, `webhook:<agency> <url>`), so a sealed value copied to another row or
 * column does not open there.
 */
export class SecretCipher {
  constructor(private readonly keys: SecretsKeys) {}

  seal(plain: string, place: string): string {
    const keyId = this.keys.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), iv);
    cipher.setAAD(associatedData(keyId, place));
    const body = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${SCHEME}:${keyId}:${body.toString('base64url')}`;
  }

  open(sealed: string, place: string): string {
    const [scheme, keyId, encoded, ...rest] = sealed.split(':');
    if (scheme !== SCHEME || !keyId || encoded === undefined || rest.length) throw new SecretUnreadable('not a sealed secret');
    const body = Buffer.from(encoded, 'base64url');
    if (body.length < IV_BYTES + TAG_BYTES) throw new SecretUnreadable('sealed secret is too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), body.subarray(0, IV_BYTES));
    decipher.setAAD(associatedData(keyId, place));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnreadable(`sealed secret failed authentication with key "${keyId}"`);
    }
  }

  /** Whether a stored value is sealed already (the migration leaves those as they are). */
  static isSealed(value: string): boolean {
    return value.startsWith(`${SCHEME}:`);
  }

  /** The id of the key a stored value was sealed with (undefined: not a sealed value); the rekey moves the others. */
  static keyIdOf(value: string): string | undefined {
    return SecretCipher.isSealed(value) ? value.split(':')[1] : undefined;
  }

  private key(keyId: string): Buffer {
    const key = this.keys.keys.get(keyId);
    if (!key) throw new SecretUnreadable(`no key with id "${keyId}" in SECRETS_KEYS`);
    return key;
  }
}

const associatedData = (keyId: string, place: string): Buffer => Buffer.from(`${keyId}\n${place}`, 'utf8');

/** Where each kind of stored secret lives: the associated data its value is sealed under. */
export const secretPlace = {
  totp: (userId: string) => `totp:${userId}`,
  webhook: (agency: string, url: string) => `webhook:${agency} ${url}`,
};

let shared: SecretCipher | undefined;

/**
 * The installation's cipher, from `SECRETS_KEYS` (or the data folder's key outside production), read once per process:
 * the repositories that keep secrets are plain classes that the API, the worker and the migrations all construct.
 */
export function secretCipher(): SecretCipher {
  shared ??= new SecretCipher(loadSecretsKeys());
  return shared;
}
