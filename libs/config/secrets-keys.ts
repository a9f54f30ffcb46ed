import { randomBytes } from 'node:crypto';
import { readOrCreateSecret } from './data-secrets';

/** AES-256 keys by id for secrets stored in the database, and the id new values are encrypted with. */
export interface SecretsKeys { currentKeyId: string; keys: Map<string, Buffer> }

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** The id of the key generated into the data folder when no keys are configured. */
export const LOCAL_SECRETS_KEY_ID = 'local';

/**
 * Keys that encrypt the secrets the database keeps (TOTP secrets, watch-desk webhook secrets). `SECRETS_KEYS` lists
 * `id:base64key` pairs (32-byte keys), comma-separated, as `PAYLOAD_CODEC_KEYS` does: the first listed encrypts, every
 * listed one decrypts, so a key is rotated by listing the new one first and dropping the old one once nothing sealed
 * with it is kept. Without keys, `npm start` and the tests use one generated into the data folder (`secrets-key`,
 * shared by the API, the worker and the migrations of one checkout); production refuses to start.
 */
export function loadSecretsKeys(env: NodeJS.ProcessEnv = process.env): SecretsKeys {
  const listed = env.SECRETS_KEYS?.trim();
  if (!listed) {
    if (env.NODE_ENV === 'production') throw new Error('NODE_ENV=production needs SECRETS_KEYS (id:base64key,...)');
    const key = Buffer.from(readOrCreateSecret('secrets-key', 32), 'hex');
    return { currentKeyId: LOCAL_SECRETS_KEY_ID, keys: new Map([[LOCAL_SECRETS_KEY_ID, key]]) };
  }
  const keys = new Map<string, Buffer>();
  for (const entry of listed.split(',')) {
    const [id, encoded, ...rest] = entry.trim().split(':');
    if (!id || !KEY_ID.test(id) || encoded === undefined || rest.length) {
      throw new Error('SECRETS_KEYS must be id:base64key pairs separated by commas (ids of letters, digits, . _ -)');
    }
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new Error(`SECRETS_KEYS: key "${id}" must be 32 bytes (base64), got ${key.length}`);
    if (keys.has(id)) throw new Error(`SECRETS_KEYS: key id "${id}" is listed twice`);
    keys.set(id, key);
  }
  return { currentKeyId: [...keys.keys()][0], keys };
}

/** A fresh `SECRETS_KEYS` value of one random key (what an operator generates; tests). */
export function generateSecretsKeys(id = 'k1'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}
