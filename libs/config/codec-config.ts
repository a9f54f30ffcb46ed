import { randomBytes } from 'node:crypto';
import { readOrCreateSecret } from './data-secrets';

/** AES-256 keys by id, and the id new payloads are encrypted with. */
export interface PayloadCodecKeys { currentKeyId: string; keys: Map<string, Buffer> }

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** The id of the key generated into the data folder when no keys are configured. */
export const LOCAL_KEY_ID = 'local';

/**
 * Keys of the Temporal payload codec. `PAYLOAD_CODEC_KEYS` lists `id:base64key` pairs (32-byte keys), comma-separated;
 * `PAYLOAD_CODEC_KEY_ID` names the one new payloads are encrypted with (default: the first listed). Every listed key
 * decodes, so a key is rotated by adding the new one, making it current, and removing the old one only once no
 * history that needs it is kept. Without keys, development and tests use one generated into the data folder
 * (`temporal-payload-key`, shared by the API, the worker and the scripts of one checkout); production refuses.
 */
export function loadPayloadCodecKeys(env: NodeJS.ProcessEnv = process.env): PayloadCodecKeys {
  const listed = env.PAYLOAD_CODEC_KEYS?.trim();
  if (!listed) {
    if (env.NODE_ENV === 'production') throw new Error('NODE_ENV=production needs PAYLOAD_CODEC_KEYS (id:base64key,...)');
    const key = Buffer.from(readOrCreateSecret('temporal-payload-key', 32), 'hex');
    return { currentKeyId: LOCAL_KEY_ID, keys: new Map([[LOCAL_KEY_ID, key]]) };
  }
  const keys = new Map<string, Buffer>();
  for (const entry of listed.split(',')) {
    const [id, encoded, ...rest] = entry.trim().split(':');
    if (!id || !KEY_ID.test(id) || encoded === undefined || rest.length) {
      throw new Error('PAYLOAD_CODEC_KEYS must be id:base64key pairs separated by commas (ids of letters, digits, . _ -)');
    }
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new Error(`PAYLOAD_CODEC_KEYS: key "${id}" must be 32 bytes (base64), got ${key.length}`);
    if (keys.has(id)) throw new Error(`PAYLOAD_CODEC_KEYS: key id "${id}" is listed twice`);
    keys.set(id, key);
  }
  const currentKeyId = env.PAYLOAD_CODEC_KEY_ID?.trim() || [...keys.keys()][0];
  if (!keys.has(currentKeyId)) throw new Error(`PAYLOAD_CODEC_KEY_ID "${currentKeyId}" is not in PAYLOAD_CODEC_KEYS`);
  return { currentKeyId, keys };
}

/** A fresh `PAYLOAD_CODEC_KEYS` value of one random key (test stacks and benchmarks). */
export function generatePayloadCodecKeys(id = 'k1'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/**
 * Browser origins allowed to call the codec endpoint (the Temporal UI's): `CODEC_CORS_ORIGINS`, comma-separated;
 * by default the dev server's UI on `TEMPORAL_UI_PORT` (8233).
 */
export function codecCorsOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = env.CODEC_CORS_ORIGINS?.trim();
  if (listed) return listed.split(',').map((o) => o.trim()).filter(Boolean);
  const port = env.TEMPORAL_UI_PORT ?? '8233';
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}
