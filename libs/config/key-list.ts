import { randomBytes } from 'node:crypto';
import { readOrCreateSecret } from './data-secrets';

/** AES-256 keys by id, and the id new values are encrypted with. */
export interface KeyRing { currentKeyId: string; keys: Map<string, Buffer> }

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * A key ring from a setting that lists `id:base64key` pairs (32-byte keys), comma-separated: the first listed
 * encrypts, every listed one decrypts, so a key is rotated by listing the new one first. Unset: production refuses to
 * start; elsewhere one key generated into the data folder under `localSecret` (shared by the processes of a checkout).
 */
export function loadKeyRing(variable: string, env: NodeJS.ProcessEnv, localSecret: string, localKeyId: string): KeyRing {
  const listed = env[variable]?.trim();
  if (!listed) {
    if (env.NODE_ENV === 'production') throw new Error(`NODE_ENV=production needs ${variable} (id:base64key,...)`);
    const key = Buffer.from(readOrCreateSecret(localSecret, 32), 'hex');
    return { currentKeyId: localKeyId, keys: new Map([[localKeyId, key]]) };
  }
  const keys = new Map<string, Buffer>();
  for (const entry of listed.split(',')) {
    const [id, encoded, ...rest] = entry.trim().split(':');
    if (!id || !KEY_ID.test(id) || encoded === undefined || rest.length) {
      throw new Error(`${variable} must be id:base64key pairs separated by commas (ids of letters, digits, . _ -)`);
    }
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new Error(`${variable}: key "${id}" must be 32 bytes (base64), got ${key.length}`);
    if (keys.has(id)) throw new Error(`${variable}: key id "${id}" is listed twice`);
    keys.set(id, key);
  }
  return { currentKeyId: [...keys.keys()][0], keys };
}

/** A fresh key-list value of one random key (what an operator generates; test stacks and benchmarks). */
export function generateKeyList(id = 'k1'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}
