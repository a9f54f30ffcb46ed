import { generateKeyList, KeyRing, loadKeyRing } from './key-list';

/** AES-256 keys by id for secrets stored in the database, and the id new values are encrypted with. */
export type SecretsKeys = KeyRing;

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
  return loadKeyRing('SECRETS_KEYS', env, 'secrets-key', LOCAL_SECRETS_KEY_ID);
}

/** A fresh `SECRETS_KEYS` value of one random key (what an operator generates; tests). */
export const generateSecretsKeys = generateKeyList;
